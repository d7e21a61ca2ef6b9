resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  new_relic_license_key = "525d24642fc8f30f8a1d87561fb44f15e2c9ed53"
  region = "eu-west-1"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  sentry_auth_token = "14aa6fca234c505705f08c78be5b26ae80c9e15a2d59280558912a3ccc2cace4"
  password = var.db_password
  instance_type = "t3.small"
  sumologic_accesskey = "86WH1q2WBHo6okL3EPgu271W74zL0k5CcYiRH4ttQYlDP6198pjINNXTcBYXdnQU"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  honeycomb_api_key = "D8EQIgw1KWutT4kiTahNF2"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  region = "eu-west-1"
  logzio_shipping_token = "IrufeCUuWtLfclmyvtrqhyhzrYCHNSSm"
}
