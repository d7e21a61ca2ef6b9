resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  harness_api_key = "pat.rzk352rE42bRFvHrZpz3lr.a9ed7a2c672be5d619bbb574.zrJl6BRTzhyiBwP6wb2v"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  bitrise_api_token = "9NXIaQCXIGOW9GH82wJdhKka8DMdMU0mkxKzm1ZPWC-BLWBEBQ3qUv6bdNRMiHv9xgykrEBiWCfaR6ax9sWO2q"
  region = "eu-west-1"
  request_id = "c1f01b48-171d-46e9-9d9c-855edd2a2146"
  forgejo_token = "aae85252c15a22bdb6ba87272f50d7324e3ef2de"
}
