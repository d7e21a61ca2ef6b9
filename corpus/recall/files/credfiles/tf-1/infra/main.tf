resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "8bdc20f3-bd13-44ed-8d5f-731ff5d2a530"
  jwt_signing_key = "YZ1w+mPSp2XKupZo/z480pRtLT2Zm1/z8CDBBGoSUOA="
  password = var.db_password
  instance_type = "t3.small"
  secret_key = "django-insecure-&n6%fid6v!ivk+sqkfg42ecbix0u8ev0*li*)84p#xi30dxeq@"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  app_key = "base64:0+f+pCQ6+SXv87ulssmUG2dMVoscdKJU9Eb4tcgalAo="
}
