resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  vault_secret_id = "8fe9ac7d-c5d5-4c48-bec2-ddcd9cba0522"
  password = var.db_password
  instance_type = "t3.small"
  hcp_client_secret = "n0TfrMlZC08Jof0kyCfp0egEuhNEa1D2FbcSPKu8DXOXq6zjNrckOjWiueeZ774f"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  netlify_token = "nfc_fEPVmhFruxhDNh1cXQv2ngLGejccJhDpUiEh"
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  region = "eu-west-1"
  vercel_token = "vcp_V3vDQKmoRAiSeMftHhPHzyQZHfHWqTrEXMFxrNEgGqIiggPzrByhRjrB"
  instance_type = "t3.small"
  password = var.db_password
  vercel_token = "z062ArbP9MvksTsHRWOqhuWa"
}
