package config

func load() {
secretName := "app-credentials"
timeout := 30 * time.Second
clickhouseTokenSecret := "ukewRs3SLoW9HOTSh3orWz6eIiBvOvthHY4QmJOfFa"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
appwriteApiKey := "3209cc0f2657f26c645806e67fbe61dc407621d37d269691523bd43c50e71121206746204355528151b116cf03e11acca83d88d4fa24a7b93d0e0f437911cd830c37bc4c7589a26e406597aecde8dabd7a66988618e87b817690cfc6b6d387442cb8fde4674b498cf240b6cc9bf7c6ab937de2fc2f565129eb4e836e519f2a0a"
baseURL := "https://api.internal"
requestID := "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
northflankApiToken := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXBlIjoidGVhbS1hcGkiLCJ0b2tlbkludGVybmFsSWQiOiJjMTc0OWU3Yy1mNjdmLTQ2NzUtYTNmYy0yNjc3MmE3Y2Y3MDUiLCJ0ZWFtSWQiOiJjcWZ5ZzF6cXk4NWk3eHg5ZmhxeHRrNTUiLCJpYXQiOjE3MDM2NjAwODR9.hqVvbA3ia_Ej0txr2WkDSZsciB-snRINK6c40kJgz70"
timeout := 30 * time.Second
secretName := "app-credentials"
influxToken := "iQ9RQ0nvjmSz7onQ3PCeQna5Q-Zuqk7KZde_hPQ1yTJpITVUf2VWcHaFSkSSyrWLaxB-VTV6e7XZvgedEI7jsw=="
}
