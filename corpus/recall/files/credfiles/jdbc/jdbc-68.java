String url = "jdbc:sqlserver://sql01.corp.internal:1433;databaseName=erp;user=erp_app;password=8X3k_rDjyFV!Iy!3;encrypt=true";
