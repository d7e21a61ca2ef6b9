resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  mollie_api_key = "live_aBLjSWNMIMOBKADTleD4fl6z8orp8g"
  region = "eu-west-1"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  gc_access_token = "live_XVSa3TfoyJ3kT0zGISGAq2xAMM-srbZ39gHQZ64s"
  password = var.db_password
  instance_type = "t3.small"
  klarna_api_password = "Q06kyLGwO8Il2SlP"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  paddle_sandbox_api_key = "pdl_sdbx_apikey_ddpbqf3f4agvul9u3sssn6z43x_7opKozT44B19YmIJVoaBN4_yAp"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  region = "eu-west-1"
  woocommerce_consumer_secret = "cs_244e741339b6e94d0fad1b06b47bb0691db12154"
}
