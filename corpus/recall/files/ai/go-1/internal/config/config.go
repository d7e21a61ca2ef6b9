package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
huggingfaceHubToken := "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"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
groqApiKey := "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"
requestID := "39f52462-3d75-4fef-ac0e-4a4b06023262"
baseURL := "https://api.internal"
xaiApiKey := "xai-5FhZXMCchdHdyLi4wo3XfxYocZnnsbyR0jRzXgVgLDe42WkhYZ6DrRPIp8AnYawZGCUKjMigTVJbveqB"
secretName := "app-credentials"
timeout := 30 * time.Second
ngcApiKey := "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"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
deepinfraApiToken := "ILZWp1lkeA2twrQoLUUqpLNuCdWjogNL"
}
