resource "example_service" "app" {
  secret_name = "app-credentials"
  token = data.vault_generic_secret.ci.data["token"]
  eleven_api_key = "ed39639ae5c1094f76d7893a8a432ec9"
  region = "eu-west-1"
  request_id = "39f52462-3d75-4fef-ac0e-4a4b06023262"
  runwayml_api_secret = "key_35eabe3c3264385bfbf5cd5e307ed9a51b1d655c9a9af5b464f7d01d2f0266b2047f6b8be38364eeba62e0eb9f5c5050db47ec881e33821efcf1847b764c63ca"
  password = var.db_password
  instance_type = "t3.small"
  tavily_api_key = "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"
  token = data.vault_generic_secret.ci.data["token"]
  secret_name = "app-credentials"
  pinecone_api_key = "pcsk_AcQP4T_xrjIxWt8WoztyUojgBzjjyrqOFMjFBWVGVcc8cwuTZFIg71uAS585mhVDShInpe"
  request_id = "39f52462-3d75-4fef-ac0e-4a4b06023262"
  region = "eu-west-1"
  qdrant_service_api_key = "644ea1ba-782b-4bfa-95f4-8f8cfc80bef1|mjVQoaIJ7dq1w7VtwdQ7YmzCEQmUotAqcY6aoWU1"
}
