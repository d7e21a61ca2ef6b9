package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
awsSecretAccessKey := "xTSu7KcYXacxBFrqmxaSG4X4/7RzUnJmpyC+Xk06"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
appsyncApiKey := "da2-b5cdy6sxptg863lna0imva28lb"
requestID := "5275666e-81f4-455d-8901-bda5e916cede"
baseURL := "https://api.internal"
azureDevopsExtPat := "j625tufcej7uoa65jzfmusptqblioy3c2nu3g36yzxa6lnk3b22r"
secretName := "app-credentials"
timeout := 30 * time.Second
azureAiServicesKey := "xmDEENLuJya9sUEmORiUUZCPx0oZhFMpaMBiNuHtkSyEXV3KbKRIhqGwKbmC9F6ATcDAWuZMfDkmMIB5sfTI"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
googleClientSecret := "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"
}
