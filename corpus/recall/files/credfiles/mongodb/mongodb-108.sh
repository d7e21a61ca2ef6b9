mongodump --host rs0/mongo1:27017 -u backup -p bhdAASpB7~aZjDV5 --authenticationDatabase admin --out /backup
