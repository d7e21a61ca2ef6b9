db, err := sql.Open("mysql", "app:Ial~SY!gMNiHCcx7@tcp(db.internal:3306)/shop?parseTime=true")
