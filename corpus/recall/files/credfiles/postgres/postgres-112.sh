PGPASSWORD=letmein psql -h db.internal -U app -c 'select 1'
