package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
auth0ClientSecret := "1DZ3mdhIMWbtkzX29OR4eP1hLMIokQxF8Wy4J6zeiyWWVbPMiEBCmYMY3FbBHMKc"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
stytchSecret := "secret-live-YrOBE-KXrIgbDVBNL-Lgi_MN9X_t8G7eQ7I9"
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
baseURL := "https://api.internal"
mixpanelServiceAccountSecret := "tPZA4dOSibE4LlD1rGzt0qDsoLCR0U96"
secretName := "app-credentials"
timeout := 30 * time.Second
ddApiKey := "bf95c0c496c83b67b7b6d3eddad5384b"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
newRelicAdminApiKey := "NRAA-5eb7cc609fa490276ddef599be2"
}
