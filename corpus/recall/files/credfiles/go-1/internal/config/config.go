package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
jwtSecret := "ZboSXrl5hke6QaZ7EZuPaIftBNYR087VJlM6WLQVm3GoKxvj"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
railsMasterKey := "42638d8c12b01c438a633b72d4441027"
}
