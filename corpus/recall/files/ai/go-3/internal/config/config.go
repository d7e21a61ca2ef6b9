package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
wandbApiKey := "xTqdhbKzc4NVzvhDTLnMO0iNsefYgTsIbj8VaaPrpBwS8qQED1xHpssAaA0AnFPI6FPZtTXSPOGLbqvEwosgGJ"
baseURL := "https://api.internal"
requestID := "39f52462-3d75-4fef-ac0e-4a4b06023262"
heliconeApiKey := "sk-helicone-htlihhn-rvluk1u-x79bh7b-j42hay3"
}
