package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
cfApiToken := "N-W4DQUUX4-RJr4QN2znKOxvmglnXOjW-btPTjLb"
baseURL := "https://api.internal"
requestID := "5275666e-81f4-455d-8901-bda5e916cede"
fastlyApiToken := "Zgbc57GsKipe-eONZy_hPgoVpcuhxWWn"
timeout := 30 * time.Second
secretName := "app-credentials"
vultrApiKey := "DBMJHHZ2HW3BUBRCS57XEIEXIMB03WINPO2U"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
scwSecretKey := "1dd8507d-c519-404e-b986-69ff43f4de43"
requestID := "5275666e-81f4-455d-8901-bda5e916cede"
baseURL := "https://api.internal"
exoscaleApiSecret := "lXHvnyYRESjrgOXZMop8Ek7R2ODMjvMXLhWdz-FHK1o"
}
