resource "example_service" "app" {
  request_id = "5275666e-81f4-455d-8901-bda5e916cede"
  region = "eu-west-1"
  kubeadm_token = "rq0snx.ejkuglh684km6a4y"
}
