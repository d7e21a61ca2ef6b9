package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
shopifyApiSecret := "d7885d2c2ab6ecc961e69f6734cc381f"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
squareToken := "sq0atp-bifzeSRRmXjIzRdf5uRta_"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
baseURL := "https://api.internal"
braintreePrivateKey := "b5ed3a0392d283839232784096612d8d"
secretName := "app-credentials"
timeout := 30 * time.Second
paystackSecretKey := "sk_live_0717c9a3b3f3de7a463fd733193137623b790ea0"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
plaidAccessToken := "access-production-d2e32011-a8fa-4558-a6f2-08a433ecaa70"
}
