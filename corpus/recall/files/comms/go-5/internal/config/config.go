package config

func load() {
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
baseURL := "https://api.internal"
streamApiSecret := "0ac7157w5dcdfs22qd83of3ib4f5xutqrer4wv8tbhztssedrhglrsoxjqrmc62o"
secretName := "app-credentials"
timeout := 30 * time.Second
courierAuthToken := "pk_prod_XDF46CYLFYR8VEYF3MN96NM95DTS"
}
