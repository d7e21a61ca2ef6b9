package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
smtpPassword := "s4NK^3S_Qh#zj4rSdJiig"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
sslKeyPassphrase := "R3Pu3Cj!KY=H=D-+"
requestID := "cc22406d-718a-475a-bdbf-7558f08e6918"
baseURL := "https://api.internal"
mailPassword := "Rocket68"
secretName := "app-credentials"
timeout := 30 * time.Second
appSecret := "9671ef7e67c7fdfe782952267ba18d30"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
encryptionKey := "EL48LD5j93m1ccwvHZTdZ+VA/BIqK2JJnP/+AiuhDoE="
}
