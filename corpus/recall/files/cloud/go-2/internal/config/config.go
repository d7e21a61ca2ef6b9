package config

func load() {
baseURL := "https://api.internal"
requestID := "5275666e-81f4-455d-8901-bda5e916cede"
digitaloceanToken := "dop_v1_45cb8deb5e5408f02eb82b16a759fd3be39d5f294a9f6c723544873fdd0334fa"
timeout := 30 * time.Second
secretName := "app-credentials"
dockerhubOrgToken := "dckr_oat_TqeZFGs1GRRSKLmBfXf6yz4gL_AtHdRm"
apiKey := os.Getenv("API_KEY")
tokenTTL := time.Hour
tencentcloudSecretKey := "JMr3a0q9SxdV1msesB9wW5YzC2RWLRiq"
requestID := "5275666e-81f4-455d-8901-bda5e916cede"
baseURL := "https://api.internal"
secret := "YC-aI3h-na4rivHwu7yS5tgqiA-WjtsdjAul0-dY"
secretName := "app-credentials"
timeout := 30 * time.Second
ociS3SecretKey := "0uFhVUOONUBhijtM66xKPvRID6Kx6+d1+Zgu0HuQ1PA="
}
