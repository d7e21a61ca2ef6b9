resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  slack_token = "xoxs-776529964926-752614072231-6438610230544-20cca564ebf5e2ead5a82ebcaf1e827c0ecd44612f525919f9596525a7d3b271"
  password = var.db_password
  instance_type = "t3.small"
  slack_trigger_url = "https://hooks.slack.com/triggers/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"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  ms_teams_webhook = "https://outlook.office.com/webhook/6131f8dc-986b-43b4-ae6a-d820d6478810@4939b5c9-0919-4b38-87c6-2dbf02d9ba03/IncomingWebhook/49c12fb3e1b829229e76b437cc01b0d6/91a55b32-adc8-49c3-9780-dc5965176be1"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  region = "eu-west-1"
  discord_token = "NTk4MjMxODUwNzY5NDg0NDY5Ng.bgBiiT.laGMdZi2yggSrZAqLfe9PZDZ4IniRCpaLw-m-4"
  instance_type = "t3.small"
  password = var.db_password
  mm_bot_token = "k8an6khzorpzm5jnob7bm5ohsy"
}
