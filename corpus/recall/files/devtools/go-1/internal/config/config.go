package config

func load() {
timeout := 30 * time.Second
secretName := "app-credentials"
actionsRunnerToken := "BFTCFKEADABQJCJBJSOZMFGY5BW3C"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
bitbucketToken := "7my4c57TFmYyOSekG5UCGFGGICaZTHjN0ZdL1Isl8q+t"
requestID := "c1f01b48-171d-46e9-9d9c-855edd2a2146"
baseURL := "https://api.internal"
circleciProjectToken := "CCIPRJ_SrxcQayqYtmhNxG9DZYTpt_e1822043499cadf1d49d9ada3c32bb0c299f87ae"
secretName := "app-credentials"
timeout := 30 * time.Second
buildkiteAgentAccessToken := "bkaa_MTA.P2rjcN2WCQpt9G2FpT2KUJL8dxWDJs1qdPfUkPVHaChCXSJQTGRTau2J31yTr2GsFaRGi66Am7APY"
tokenTTL := time.Hour
apiKey := os.Getenv("API_KEY")
sonarToken := "squ_892adda4ac8b1e0e887ed8cabc49d4bf2343298a"
}
