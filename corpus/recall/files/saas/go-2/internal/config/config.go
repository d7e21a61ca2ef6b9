package config

func load() {
baseURL := "https://api.internal"
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
newRelicLicenseKey := "eu01xx2463cad25223c12e731b30b5b7e9ecNRAL"
timeout := 30 * time.Second
secretName := "app-credentials"
sentryAuthToken := "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"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
grafanaApiKey := "eyJrIjoiU3ZSMHJEakh2RGplSFdpRHZqVmdOMWt2NlI2VDR5am8iLCJuIjoiY2ktang3aTM2IiwiaWQiOjY0NTg2Nn0="
requestID := "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
baseURL := "https://api.internal"
honeycombApiKey := "hcaik_1kj2ilv0h659wvnkk7yu9b4sc7p3zc4kgn5c0kgstx3knrfujwvy8arnem"
secretName := "app-credentials"
timeout := 30 * time.Second
bugsnagAuthToken := "2230590c-4c14-4839-9385-5c34a3096ea0"
}
