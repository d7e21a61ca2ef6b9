resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  sourcegraph_token = "sgp_8f3c29e2416dad3a22994516d42081a1058b0807"
  region = "eu-west-1"
  request_id = "c1f01b48-171d-46e9-9d9c-855edd2a2146"
  codacy_project_token = "d32ff6e4a1bcf0ef7c31ae7df4d3626f"
  password = var.db_password
  instance_type = "t3.small"
  postman_access_key = "PMAT-0148S66GT8W2JQYVGQPWW692C7"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  gradle_publish_secret = "94ZuqqP9GSxW1mTl3CY8dCvWrmmeBgT0"
  request_id = "c1f01b48-171d-46e9-9d9c-855edd2a2146"
  region = "eu-west-1"
  packagist_token = "packagist_uut_b1bc5e498fced71254607f02f1b64c0561207f3a73a560c60c2a6af8d7a1dbf494b5"
}
