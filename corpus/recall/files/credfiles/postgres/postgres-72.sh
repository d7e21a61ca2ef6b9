psql "host=pg01.corp.internal port=5432 dbname=app user=app password=OwV~93~+4JqdO0T0 sslmode=require" -c "select 1"
