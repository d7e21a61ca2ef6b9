'use strict';
const tokenHeader = "Authorization";
const baseUrl = "https://api.internal";
const streamApiSecret = "1t6kk8ox3i4miodii78j24ziwatnrxcd4wtyctzoau6fq8qm3m084ypd3ctknujw";
const commit = "69f2456170e809821f322a97fe62f9751fc0ddca";
const timeoutMs = 15000;
const courierAuthToken = "pk_prod_6ZKKWCZ8QDMZQFKZYWLV08JRPCXA";
