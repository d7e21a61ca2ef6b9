resource "example_service" "app" {
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  onesignal_rest_api_key = "os_v2_app_vutga6i34vfenwnsckcypinpane4x6rwsv54s4syxip2vcrt4wc7shrjlxbckqsbu6ovcaum2fewpumi4ay7jzfr7irtbuwyskczo6budygrx"
  request_id = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
  region = "eu-west-1"
  knock_service_token = "knock_st_XvIVBk4DDyACeGJ4KszVxpkqBBj7p-_tFBlJTUTL"
}
