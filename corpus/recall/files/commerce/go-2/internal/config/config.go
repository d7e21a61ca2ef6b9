package config

func load() {
baseURL := "https://api.internal"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
coinbaseApiSecret := "orX8xjPWiP9UZR5lkVIuV1HHMqUcL2IY"
timeout := 30 * time.Second
secretName := "app-credentials"
checkoutSandboxSecretKey := "sk_sbox_q24erdtyhmlrxpia3y2kjeyrihm"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
klarnaPlaygroundApiKey := "klarna_test_api_tYnEI8c5RUehI9+h8Iy9CleZwswE27S1oJT2KSTuOK8RTAy/1IRAmeWlnXx5Vgj7oU1n4rU26sB8CBsZ"
requestID := "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
baseURL := "https://api.internal"
paddleApiKey := "pdl_live_apikey_10r6didkbrnth5vphnggeuvnog_pxWRtj92GkpdFL5XoCFUpF_nXN"
secretName := "app-credentials"
timeout := 30 * time.Second
chargebeeTestApiKey := "test_kOdW4IoHNrrCHC25Amy758DFVBsmkiLhDa"
}
