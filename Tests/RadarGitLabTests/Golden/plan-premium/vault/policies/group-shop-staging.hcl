# Least privilege for group/shop jobs in environment staging: read exactly the secrets they use.

path "secret/data/ci/shared/gitlab_api_token" {
  capabilities = ["read"]
}

path "secret/data/ci/staging/database_password" {
  capabilities = ["read"]
}
