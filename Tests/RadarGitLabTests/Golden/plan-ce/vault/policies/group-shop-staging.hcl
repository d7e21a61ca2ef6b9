# Least privilege for group/shop jobs in environment staging: read exactly the secrets they use.

path "secret/data/ci/group/shop/shared/gitlab_api_token" {
  capabilities = ["read"]
}

path "secret/data/ci/group/shop/staging/database_password" {
  capabilities = ["read"]
}
