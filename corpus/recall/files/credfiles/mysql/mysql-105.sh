mysqldump -u root -proot --single-transaction shop > /backup/shop.sql
