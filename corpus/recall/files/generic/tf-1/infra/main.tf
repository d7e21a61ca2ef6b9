resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "cc22406d-718a-475a-bdbf-7558f08e6918"
  admin_pass = "dH^9!?Qjyb&J^-Yzz#E"
  password = var.db_password
  instance_type = "t3.small"
  user_pwd = "n-tt^EtC9JDSJXpktV+"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  ftp_password = "Monkey7237#"
  request_id = "cc22406d-718a-475a-bdbf-7558f08e6918"
  region = "eu-west-1"
  secret_key = "t2jad5gv(@w5x!_lnq!r%@%j!h@r5xuu#onfd2z0d=0eo%oh_)"
  instance_type = "t3.small"
  password = var.db_password
  hmac_key = "f4ea1d465940ac047de569749b90ddeae69008efed46a24869b8c177c43264bc"
}
