resource "example_service" "app" {
  instance_type = "t3.small"
  password = var.db_password
  telnyx_api_key = "KEY37BKSH17993FDQA1XPRMDQR68BCO0UDG_UbgviJpJeJf622U2TTnJiT"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  infobip_api_key = "4a7a35e12d0160af8b3c6144fe87f582-ffc4f3b7-480c-4d4d-b2ca-372ced5eb1bf"
  region = "eu-west-1"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  mailgun_public_key = "pubkey-0aeb281a0b28f566744851c4268c8340"
  password = var.db_password
  instance_type = "t3.small"
  mailjet_secret_key = "408f5e808b3426a5d6ded0530f2adf3c"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  brevo_api_key = "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"
}
