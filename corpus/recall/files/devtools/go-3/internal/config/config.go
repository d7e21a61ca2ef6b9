package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
cocoapodsTrunkToken := "eb920cc2cba50f5a5cac138c69f938e1"
baseURL := "https://api.internal"
requestID := "c1f01b48-171d-46e9-9d9c-855edd2a2146"
octopusApiKey := "API-6MHRFUV6CCWO2DFT8V52I2H0A75"
timeout := 30 * time.Second
secretName := "app-credentials"
giteaToken := "fc298c93655272c92c7be1f11044bd595e31109b"
}
