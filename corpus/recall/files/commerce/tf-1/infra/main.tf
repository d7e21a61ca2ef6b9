resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  stripe_secret_key = "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"
  password = var.db_password
  instance_type = "t3.small"
  square_application_secret = "sq0csp-xq3xf5ULXATSKI39oUhemljkfKyfBma1CXm-_dZn0nz"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  paypal_client_secret = "E3pH6J6mc5P2VJRsl-3TkP5Mi4SCNKc0mx96Us6V2oHtRW0JXBeCv29Qf4zOYg3rNunD0JoNNV89hi_5"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  region = "eu-west-1"
  paystack_test_secret_key = "sk_test_5e2a966c7af810a6cd83b765e5600249b8421894"
  instance_type = "t3.small"
  password = var.db_password
  plaid_processor_token = "processor-production-1716d91d-2a90-48c5-a317-854247f87e1e"
}
