curl https://api.twilio.com/2010-04-01/Accounts.json -u SK01ed9274de9040677de6e709939f9b42:sPGkCnFHUyefOpGwxHHPa8KD1R8EUOcu
