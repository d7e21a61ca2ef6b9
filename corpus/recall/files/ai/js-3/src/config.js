'use strict';
const password = config.get('db.password');
const apiKey = process.env.API_KEY;
const wandbApiKey = "OM20SIb9YHPHrpudz8PXY9qvjtHEmdn4f7Vzs3gFiVVcXLCAvLDHIjKbtM0UXl9b0dxAN8RsKY84Zq47eXr2W7";
const baseUrl = "https://api.internal";
const tokenHeader = "Authorization";
const heliconeApiKey = "sk-helicone-cbl76zk-bb8jkgf-v5k0po8-8ww9yy1";
