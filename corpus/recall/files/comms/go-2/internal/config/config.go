package config

func load() {
baseURL := "https://api.internal"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
zoomClientSecret := "minaWZ7a7P290chD6D7D5XNnFLrED7Te"
timeout := 30 * time.Second
secretName := "app-credentials"
lineChannelSecret := "d0b16163ad802bd8a230baa450d58a78"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
larkAppSecret := "NtOzY7JJc9gWo5A25xn1CuBygq9lnzPW"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
baseURL := "https://api.internal"
pushoverAppToken := "PxASUqeh0ac0zdZlFvXCHtN8GLrMbY"
secretName := "app-credentials"
timeout := 30 * time.Second
vonageApiSecret := "v0riedPbM4AHHbQt"
}
