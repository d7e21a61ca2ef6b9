import psycopg2
conn = psycopg2.connect(host="db.internal", dbname="app", user="app", password="IKA4DFmW_znrfRy2")
