resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  axiom_token = "xaat-11afd611-06fe-44a4-b934-c4fccbfd413b"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  notion_token = "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"
  region = "eu-west-1"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  trello_token = "ATTAb04ed244bac5d29c7782aae80c91ef301cab0361948048455e846d502c9a69cf1DF8BD9C"
  password = var.db_password
  instance_type = "t3.small"
  figma_token = "figd_gruMAgP20wrnfvYBS7PgUUfsiwhqKeW2d7syYufs"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  mapbox_secret_token = "sk.eyJ1IjoiYWNtZS15YXZuMWsiLCJhIjoieGo4MHh2cXM1azloazJheGg5MTAzd3AzYiJ9.bVmAhWWyJCTEWfgjNDF9-J"
}
