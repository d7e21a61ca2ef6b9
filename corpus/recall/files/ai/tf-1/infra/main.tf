resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "39f52462-3d75-4fef-ac0e-4a4b06023262"
  cohere_api_key = "MdIhzIevcd3RFkvPLmr7S54UFdGF0CTV0Qz3irpx"
  password = var.db_password
  instance_type = "t3.small"
  replicate_api_token = "r8_t1I5SNAvYPqGT1yh0qQ4RqaTUX26phQds5JBJ"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  openrouter_api_key = "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"
  request_id = "39f52462-3d75-4fef-ac0e-4a4b06023262"
  region = "eu-west-1"
  together_api_key = "206c09175fa6380c8accf6997dd7ff5e06e2e34a11f4f38e9a47838b5fb6ea45"
  instance_type = "t3.small"
  password = var.db_password
  ai21_api_key = "6uTjbj2ADOZ9FAZO8PwHJcUp9Qu4omS3"
}
