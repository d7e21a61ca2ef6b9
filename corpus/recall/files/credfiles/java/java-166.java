Connection c = DriverManager.getConnection("jdbc:mysql://db:3306/shop", "shop", "N6GK+X9OaopxrmF0");
