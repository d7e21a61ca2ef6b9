package config

func load() {
secretName := "app-credentials"
timeout := 30 * time.Second
loopsApiKey := "d796323043026eb2322869b8266a7033"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
mailtrapApiToken := "450a9870dcde7ff8b2786bc843c7867c"
baseURL := "https://api.internal"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
freshdeskApiKey := "kJsuuuA1OOAfakYJfg63"
timeout := 30 * time.Second
secretName := "app-credentials"
hubspotApiKey := "5154ec8a-e22a-44d9-976b-8b94955ef2d6"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
salesforceRefreshToken := "5Aep861Yqs7t0o7wQnmEQ4.opXNja_YjTkyylsyYovZAXKjreZHQy3CNPbSN_GHTCktUCq0GcWXX4SKt70GRe_i"
}
