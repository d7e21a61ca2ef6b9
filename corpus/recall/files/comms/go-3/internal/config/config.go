package config

func load() {
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
plivoAuthToken := "dJqWbewBN5pRA0pCV62UFsBswHWCOflsnXvK4662"
baseURL := "https://api.internal"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
messagebirdAccessKey := "NHkcv2pZFnMDkITJLT8g2OZIX"
timeout := 30 * time.Second
secretName := "app-credentials"
mailgunWebhookSigningKey := "788e503cf5cf76cf32b0efdd20302fc6"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
mjApikeyPrivate := "21cf0c160eb74c2c562acaeecbc358d4"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
baseURL := "https://api.internal"
sparkpostApiKey := "f56bd6b3beb41177db05a0337371fc7350da352f"
}
