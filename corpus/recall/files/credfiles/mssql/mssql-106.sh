/opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P 'yt0G3lF4z!oqaBd7' -C -Q 'SELECT 1'
