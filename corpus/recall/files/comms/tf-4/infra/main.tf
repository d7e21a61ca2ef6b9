resource "example_service" "app" {
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  region = "eu-west-1"
  customerio_track_api_key = "402bdb0ff9b777cf98a3"
  instance_type = "t3.small"
  password = var.db_password
  elastic_email_api_key = "3DC06E96E9ECBCCA5CCBE9F82E93E22AA32FA465EB8BFEC243D440E877715E3F2F3068520B0E0C7ECE985275885FC138"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  helpscout_app_secret = "aacuFtfH20FUfgqNBJpkZFdFSRknLTZ7"
  region = "eu-west-1"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  hubspot_client_secret = "a4bebaa8-8b94-4969-9d3b-ecb44b9cd03b"
  password = var.db_password
  instance_type = "t3.small"
  pusher_app_secret = "077c961d48c02649ffd8"
}
