resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  langsmith_api_key = "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"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  helicone_api_key = "sk-helicone-eu-rmrqtgt-qyap3lw-0psi7zf-ufnokme"
}
