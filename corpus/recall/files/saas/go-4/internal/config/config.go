package config

func load() {
secretName := "app-credentials"
timeout := 30 * time.Second
dropboxAppSecret := "95f3v9vrm0bola5"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
miroAccessToken := "eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_9zOP8j4dpi-QT4Bg901AWRLOofE"
baseURL := "https://api.internal"
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
retoolApiToken := "fWCoG13iASIk872x52ZuyF50NuqdCNbNJTmM4h5T"
timeout := 30 * time.Second
secretName := "app-credentials"
zapierWebhookUrl := "https://hooks.zapier.com/hooks/catch/2500902/51oaty"
}
