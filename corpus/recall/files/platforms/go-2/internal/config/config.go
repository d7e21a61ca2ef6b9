package config

func load() {
baseURL := "https://api.internal"
requestID := "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
railwayToken := "742245d8-0931-48fc-93df-5bf6df4c8e0b"
timeout := 30 * time.Second
secretName := "app-credentials"
supabaseServiceRoleKey := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Im9ya3dianR0bWNvbml4cnVlamt1Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTczMTgwOTk0OCwiZXhwIjoyMDQ3MTY5OTQ4fQ.BCaXcFAJG8QdxMFK9KlvHXcXQcsg_fOXLWpX-dDc0no"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
tursoAuthToken := "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhIjoicnciLCJpYXQiOjE3NzkxNzIyMDMsImlkIjoiNzJmYzliODUtMjZiZS00MTg2LTkzNzgtZDQ3MDE1Yzg1M2E0IiwicmlkIjoiNzg5MGZiYjAtODBkMS00MjM3LTg4MDEtMzljZWY4NmJhZDkyIn0.PcYmjda0zRazS7nTgQic0a6EQCmK6-Tx_81QcHqBsvCeQYQ4M0Aw_8Vev1noiMObkJz3FS2idPYXhsk4AyJhxQ"
requestID := "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
baseURL := "https://api.internal"
snowsqlPwd := "mHTk@ssuWpCdp=QQLZLT"
secretName := "app-credentials"
timeout := 30 * time.Second
elasticApiKey := "Q0c3OE9HNjBWNjgyenlObENmY2s6VENfdHloOVM5NEo5UHk5ejZkRzVTRw=="
}
