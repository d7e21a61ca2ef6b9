resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  lob_api_key = "live_5e6a86af5983087da43079e68ed1ba06541"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  infura_api_key = "1c686055585ac7e92efcea443308c975"
  region = "eu-west-1"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  binance_api_secret = "auLyGExB5vB0ENkYVuqjk1uHBL6mwhkHnXVjzJfckOUSjmEmZFnwEvZSSGBEP17P"
  password = var.db_password
  instance_type = "t3.small"
  blockcypher_token = "c55492edd05bdda57742d625bd23929c"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  twitter_bearer_token = "AAAAAAAAAAAAAAAAAAAAAMaOmaAAAAAAAdQC%2BA6SyP6CRUsifNS8r%2FLiSpdeo1%3DyMovPoyT1yxjQalLBECJ7XwCc1HysnNLJ8GpyNiNWsIABwJAwB"
}
