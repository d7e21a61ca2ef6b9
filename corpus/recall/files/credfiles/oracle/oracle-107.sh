sqlplus -s app_owner/vQB1EQizEo*bLcI0@//ora01.corp.internal:1521/ORCLPDB1 @deploy.sql
