resource "example_service" "app" {
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  region = "eu-west-1"
  facebook_app_secret = "1f1aea7d30af70ede6d3168f46ff68d3"
  instance_type = "t3.small"
  password = var.db_password
  pinterest_refresh_token = "pinr_QDW60XYUWBSJVV98N11S2F1F2RJ9AKHZYTD7C4EAYNDGFRYHNLXKM0VO7EAAS6Y67EKTVFTRQ4GQ1QMT6TEHKX97GC2VM5ECUM4TU9LM2JYT"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  particle_access_token = "3cda85bdcdf4de040c3e723982f08f335c3133bd"
  region = "eu-west-1"
  request_id = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
  adafruit_io_key = "87ecd37102644d4be26825ffcdd040ff"
}
