package config

func load() {
baseURL := "https://api.internal"
requestID := "cc22406d-718a-475a-bdbf-7558f08e6918"
authToken := "jAgtcibnTUFuOpp7z1CuOQIpwyRf5L3XbgKM-dsOUDJ"
timeout := 30 * time.Second
secretName := "app-credentials"
apiKey := "P6xAT2vj1sa6UZp25MIavFaZt3qGDgw0"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
secretAccessKey := "8GqFpSOQOSci4gSmb+yTABWRtPEIqjq1uZ+RRRO/"
}
