resource "example_service" "app" {
  region = "eu-west-1"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  auth0_management_api_token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjBjZ2VfOVFuSDZzNHhHbHhfVFNzUGEifQ.eyJpc3MiOiJodHRwczovL2FjbWUtemgzeGhkLmV1LmF1dGgwLmNvbS8iLCJzdWIiOiJJOWViemlKb0ZJdzllbkVWdFUyQVh3QlVmcXN2TVhHMkBjbGllbnRzIiwiYXVkIjoiaHR0cHM6Ly9hY21lLXpoM3hoZC5ldS5hdXRoMC5jb20vYXBpL3YyLyIsImlhdCI6MTc1MDQzMjUzMCwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTp1c2VycyIsImd0eSI6ImNsaWVudC1jcmVkZW50aWFscyJ9.QJbP7yWyg2x5V3oZgCbcT4OCTQBsB0cUoa7y1Q3wTbg7dQWE389Q7H4fi6FD3QoQemuhdbZw92LEBhDTMjHR8yrYoZLxiR6i2Q9oEkqQ1tcorg4ImgzeXo9hVJ9GJZ6iuGVtVlacyk-33_J9cHwt0z3cwBOsTshBtmKEvNKMTIP9DehA3PZKGYyBlY2W6ctlGVchxfI3euryQTu646ISBMIax24P8sP1kmr_hK_6UFUsqX0iF4VFIMX3m38QedxsEhbn4ZvhWcH19qhodJ1Y7XtVtGgAg_IPXeP1UeaX2Ey5v97evZhXKXVyx5aQtoDteRr-GiHrRwwMYpgW_Rgkkw"
  password = var.db_password
  instance_type = "t3.small"
  workos_api_key = "sk_test_1YTS1VmUYGg18enP3xQ06aaYpDtZaIQoYta0EigF71QWZtTvYoxoGb6C"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  amplitude_secret_key = "114ca1c078c7a3755300993e989e81ed"
  request_id = "2588fe58-bd21-4c2a-8c4b-2aa8519c07e2"
  region = "eu-west-1"
  datadog_api_key = "eded1b443a05f52765c6af678171ba02"
  instance_type = "t3.small"
  password = var.db_password
  new_relic_insert_key = "NRII-wKqq-VgFFxJIhWwCR_oNC-mmJ-PfvmDg"
}
