resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  cloudflare_api_key = "7e62db4b69b5a815dd09e718f31d8c2626b04"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  akamai_client_secret = "u3/6wWCBdVxu8WgzW+HGtGWjJzFAs3W6GO1M7jdkzwA="
  region = "eu-west-1"
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  hcloud_token = "pweJFKGEdwke5sbBrwWuRbhxtKoiiFMPYDI2NnY9g0o8wXeofdRaHjVc1CCSKlpj"
  password = var.db_password
  instance_type = "t3.small"
  ovh_application_secret = "bv2KnnGvqsYmeacKgB2v6xRg7Fad3ICb"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  upcloud_token = "ucat_DHm7w0tUIqSDeFQsthGK9WVXAA2ng82C"
}
