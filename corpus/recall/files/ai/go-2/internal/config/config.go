package config

func load() {
baseURL := "https://api.internal"
requestID := "39f52462-3d75-4fef-ac0e-4a4b06023262"
elevenlabsApiKey := "sk_ddb030fc2e23648b82b21cad316ef90b79da2721f1984b7e"
timeout := 30 * time.Second
secretName := "app-credentials"
clarifaiPat := "9a5d19a17c458027c5da080cfd8231ec"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
jinaApiKey := "jina_394232a4b795c5f3bf542bd1c8d57989lBQ2GPklTuBDA2Zvz1ZZG5CYOy0R"
requestID := "39f52462-3d75-4fef-ac0e-4a4b06023262"
baseURL := "https://api.internal"
e2BApiKey := "e2b_734bc259ceef91da7b3c8ca5b342751840210c95"
secretName := "app-credentials"
timeout := 30 * time.Second
qdrantApiKey := "KGLaRtkoXIog0pJLrH8kP6M3Z6n5SAKj4OlzzXll"
}
