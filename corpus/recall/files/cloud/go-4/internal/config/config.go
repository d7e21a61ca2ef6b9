package config

func load() {
secretName := "app-credentials"
timeout := 30 * time.Second
osApplicationCredentialSecret := "zSetb2On1m0cIGHmUvJWlGMGASQXNtZUfnX45xGaw5wRzFxteX_3Va2VWzvq3-VjR_1uuVMC_x3VbWLuIZxnq1"
}
