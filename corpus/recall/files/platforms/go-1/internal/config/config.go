package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
vaultUnsealKey := "D2+8LNpr/SrhOr++XNLUFJmajvfJWBfLo3tfuah1MhOg"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
nomadToken := "b5af6ba2-70c3-4c35-8210-717909f9f419"
requestID := "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
baseURL := "https://api.internal"
netlifyAuthToken := "nfp_DsQNjF4afcoMK6wwjlfijTmVHe7qT3fjCdpv"
secretName := "app-credentials"
timeout := 30 * time.Second
netlifyAuthToken := "nXWL1jeLQENOfugxEeHgQezcegP5_RH4BYAWCmxpzXh"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
vercelApiKey := "vck_hDhogjFFiZx90A2ycV8RCpxjcENpsDCA2Lj8yFWLrtTYfu13rw8IoUei"
}
