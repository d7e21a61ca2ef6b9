package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
easypostTestApiKey := "EZTKzlsUuRTK103W2p5nhNyTXxlH6dhOzt364kiMysjJlETPIOJ2V8kiIN"
baseURL := "https://api.internal"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
walletSeedPhrase := "anxiety almost actor awake ankle audit bench allow apology artwork account bamboo artist anger average bargain ancient bridge anxiety album anger apology benefit action"
timeout := 30 * time.Second
secretName := "app-credentials"
moralisApiKey := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIxIiwianRpIjoiMDc5ZmI5YjYxOGEzOWI5YTQ2NTI5YjhmNmFiNzhlNTJhY2U2NWU3ZiIsInN1YiI6IjA1NDk4MCJ9._ZXls9nkG8GC_hzSkVlwcZownDi9vJ1BYyt_PsenUWo"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
bitpayMerchantToken := "sXfPqQ8VMAFLoMJvBPTpdPgcVdYj12SZ23DH5R7TjtPe"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
baseURL := "https://api.internal"
twitchAccessToken := "h1h22947qft9mrdse3z33r4c2u0pd9"
}
