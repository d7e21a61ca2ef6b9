package config

func load() {
baseURL := "https://api.internal"
requestID := "c1f01b48-171d-46e9-9d9c-855edd2a2146"
srcAccessToken := "sgp_160a51f4321d0ffe_0dfd91fb961ba85b9bf35e187765d8549da4ccef"
timeout := 30 * time.Second
secretName := "app-credentials"
dependencyTrackApiKey := "u5OIJA5NHI5Y1KTly30tj1XLjHQ0Mflj"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
npmToken := "592e9946-2cc1-4d91-b5c0-9bb65dfe0409"
requestID := "c1f01b48-171d-46e9-9d9c-855edd2a2146"
baseURL := "https://api.internal"
clojarsPassword := "CLOJARS_f55afc745c63367fc73e24e41e185af9edb6de0b511d05eaaf5c21bd6e43"
secretName := "app-credentials"
timeout := 30 * time.Second
cloudsmithApiKey := "d50ff4378b7d2e915696ca5a689432220b2b7fe8"
}
