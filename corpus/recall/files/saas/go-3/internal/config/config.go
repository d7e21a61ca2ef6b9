package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
statuspageApiKey := "01824ea7-605e-442c-8158-8ed4d854f3ba"
baseURL := "https://api.internal"
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
linearAccessToken := "lin_oauth_8a653683bc642c9865d2c12efbbf9053091ce1911c90009fedc3cd79d71fb1e5"
timeout := 30 * time.Second
secretName := "app-credentials"
airtableApiKey := "keyHVe8LF1GyIYCJ1"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
clickupApiToken := "pk_34938720_BVJGKCQFRU96TN8Y7LABXLFDCUH1VHIL"
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
baseURL := "https://api.internal"
algoliaApiKey := "07a96e11c12b12c0e113c11d0487e830"
}
