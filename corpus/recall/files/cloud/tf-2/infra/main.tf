resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  do_oauth_token = "doo_v1_a638464b7a869ffb417672d4d0cbf2461f9d36f8de40b6b5285b5660bc7d1dc2"
  region = "eu-west-1"
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  alibaba_cloud_access_key_id = "LTAI5tYg4HDMxWrCwOIY3p0j"
  password = var.db_password
  instance_type = "t3.small"
  huaweicloud_sdk_sk = "KCZv7ktQV3O14TrfiODgPzg7VeWExvQbCVWAOKXK"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  ibmcloud_api_key = "VEG-IXze4NoOmdrxKPm1WrYEMJxLQIGHR2caOSyuKLiA"
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  region = "eu-west-1"
  cloudflare_api_token = "cfut_d2UR2sfYAYtDuAwJVo0DpdEOe0XSoOd57vUhmXqJ68e8a15f"
}
