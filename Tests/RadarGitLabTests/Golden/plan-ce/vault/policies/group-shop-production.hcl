# Least privilege for group/shop jobs in environment production: read exactly the secrets they use.

path "secret/data/ci/group/shop/production/database_password" {
  capabilities = ["read"]
}

path "secret/data/ci/group/shop/production/deploy_ssh_key" {
  capabilities = ["read"]
}

path "secret/data/ci/group/shop/shared/gitlab_api_token" {
  capabilities = ["read"]
}
