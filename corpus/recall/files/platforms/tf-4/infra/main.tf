resource "example_service" "app" {
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  region = "eu-west-1"
  timescale_secret_key = "onwajKOhTzNJ9UHLJPxpBJFtJmq1YD7cRijhmf5Xws3AZu8TO3Yu"
  instance_type = "t3.small"
  password = var.db_password
  nhost_admin_secret = "QTFgULlMVvAHWpEo5kZE_o+r8u@Hf=cEcE+piPQ4"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  deno_deploy_token = "ddp_NXjM36MS8r7r4RaPsDZqlkoYJLptOH7kzEoR"
  region = "eu-west-1"
  request_id = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
  fcm_server_key = "AAAAFwjsPf7:APA91b2HmFg-YgfCSn7Nxn5CTSxgAWcZm84tDKwwH4zmLEZHXEfqfrFG4uYd4N_N2o6m1hww5KT8CF7_0dKds_mU8aHu1JqoEVwOu5LgknHawc6E2xYvUUx5BFT2HCFa7B5VHKSjkvri"
}
