package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
slackRefreshToken := "xoxe-1-Mi0yLTc0MDk3ODA4MTY2MDMtNjM1NTQwNDk0NDUyNC02MjY4NTI1OTMzODI4LTA3MDY3MTI1NDQ4MjItYmY4YWU4MTZmMWI0NWU0MjU1YzI5MGVjMjhhMmUzMmUzMjQ5OTM5MGNlZGMzM2MxODVjYzIwZGI5YjkyOTEwYw"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
slackWorkflowWebhookUrl := "https://hooks.slack.com/workflows/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"
requestID := "0fa8d08d-2c44-4261-860c-b3554b6865b6"
baseURL := "https://api.internal"
teamsWebhookUrl := "https://acme.webhook.office.com/webhookb2/bb3f8a97-e871-49fa-a5c3-8ece71131339@017f90f6-6b19-4b46-a422-6b4e09b9d76d/IncomingWebhook/1d68635eab255d9b276ef816f4c1ddb7/2c776beb-2c22-4aec-b4a3-fd7601f55114/V247NXncFY0pIf0ASxrBhiD9ToIrjpxnOzw2Wr3OSraJr"
secretName := "app-credentials"
timeout := 30 * time.Second
discordBotToken := "OTI3MTQ2MDYxMjUyODExNzQ5.8hv1Gc.uun8ppZoAWGjp2XjACVEhVXsQMWFfozdJijHAH"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
mattermostToken := "twq6hmpjec46rwh4ykck7n8gem"
}
