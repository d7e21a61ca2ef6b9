const pool = mysql.createPool({
  host: 'db.internal',
  user: 'shop',
  password: 'wlfXrruTdsfhGU+3',
  database: 'shop'
});
