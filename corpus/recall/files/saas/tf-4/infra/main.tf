resource "example_service" "app" {
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  region = "eu-west-1"
  box_client_secret = "Os6A9XS2lUYV95W279nsZoMPjh6hQD5O"
  instance_type = "t3.small"
  password = var.db_password
  smartsheet_access_token = "8wIs697z0Dw0vORTT7fr6Plt0h"
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  sanity_api_token = "skbyosbqXZQMvyuEVFDcH5nat6QauKhvz9cN1iEiasorLyOQ34c2H0SzMkZb8c0zTDwdDr3KyQsdpIgN76VoWZnrdXktxEAskLwn0hjWBHWRn1SqRibxytV8K6Ilikr0tDMrYkY2VUI5OKyRFHVawDDbQyU8Qa79WGbfGo7UBnfxBybMIiNLsC"
  region = "eu-west-1"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  make_webhook_url = "https://hook.eu2.make.com/22ijb8ko5x496y4xz03b709xjpfxg2kj"
}
