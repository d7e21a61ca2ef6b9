resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  zoom_sdk_secret = "kiHCqzFS7jriT6UHvOOfafEeb8e6ZQHfFADW"
  region = "eu-west-1"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  matrix_access_token = "syt_am15dnNjaHQ_JjnFJhOtd1DL4kM7Gr8A_1J5ZQs"
  password = var.db_password
  instance_type = "t3.small"
  dingtalk_webhook = "https://oapi.dingtalk.com/robot/send?access_token=389c17a8da494f9059c96efa144f5c297d9821426815014c04ac5a85c9151a46"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  pushbullet_access_token = "o.Sm5fXuCXssM6fsVeVGl4w2I8grGZcsDV"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  region = "eu-west-1"
  nexmo_api_secret = "8FoGO9pyLUkF65cS"
}
