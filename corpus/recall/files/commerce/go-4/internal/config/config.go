package config

func load() {
secretName := "app-credentials"
timeout := 30 * time.Second
whatsappAccessToken := "EAATovvZC4PASfhKIfDH5vf3SjQXf8gOLZtE8AdWytH19H4VXatxj8JP8XpoOBw55OfH3aCbTsAhE6HAaBaSRaiVveciAvGhoYPe7zNFQlsHzgItknm3MT6pnK5McWWTLxStCl7UmNVmdt7V1ghLBYV35mzPe8Ax91HisFkxG49jeaxPC7CDIbLjr6jE8780IS56bNN"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
pinterestAccessToken := "pina_3VVCINUPY1R5HERLAMOX0L6ELL8ST61BA91ERV41GQB6NS4CMBFEZL4EFHD5OIVK3JCJ4YSY0EWB76UOGJDLU31PFGTMC4U5ZW675DR83PP6"
baseURL := "https://api.internal"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
blynkAuthToken := "0tq4IjvdS8U5CItIeEBJ5Xytj3rK22Lk"
timeout := 30 * time.Second
secretName := "app-credentials"
adafruitIoKey := "aio_3rPOhFuAzJaXeoraqD50N5wPkwDG"
}
