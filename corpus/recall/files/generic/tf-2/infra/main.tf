resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  bearer_token = "POP7o6lvAR7GM0F1Pz2sbDpK0Lb_mWVqZ2BQoXB7FCs"
  region = "eu-west-1"
  request_id = "cc22406d-718a-475a-bdbf-7558f08e6918"
  api_key = "637abdcdd9d507726901cc577fdb6b84"
  password = var.db_password
  instance_type = "t3.small"
  private_key = "c47909871b5bb082a9e407d0cbb36fdc301d2b478a789bb95c6b25191dd8c20d"
}
