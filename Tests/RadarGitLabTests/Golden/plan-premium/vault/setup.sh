#!/bin/sh
# Sets up Vault for group/shop: JWT auth trusting https://gitlab.example.com, one policy and one
# role per environment, then the secrets. Secret values are read from this shell's environment
# at run time (export them from GitLab first); none is written in this file.
set -eu
: "${VAULT_ADDR:?point VAULT_ADDR at https://vault.example.com}"
cd "$(dirname "$0")"

vault auth list -format=json | grep -q '"jwt/"' || vault auth enable jwt
vault write auth/jwt/config oidc_discovery_url="https://gitlab.example.com" bound_issuer="https://gitlab.example.com"
vault policy write group-shop-production policies/group-shop-production.hcl
vault write auth/jwt/role/group-shop-production @roles/group-shop-production.json
vault policy write group-shop-staging policies/group-shop-staging.hcl
vault write auth/jwt/role/group-shop-staging @roles/group-shop-staging.json

# The secrets: each value comes from a variable of this shell (KEY, or KEY__ENVIRONMENT for a scoped one).
: "${DATABASE_PASSWORD__PRODUCTION:?export DATABASE_PASSWORD__PRODUCTION (the value of DATABASE_PASSWORD in GitLab, scope production) before running}"
printf '%s' "$DATABASE_PASSWORD__PRODUCTION" | vault kv put -mount=secret ci/production/database_password value=-
: "${DEPLOY_SSH_KEY__PRODUCTION:?export DEPLOY_SSH_KEY__PRODUCTION (the value of DEPLOY_SSH_KEY in GitLab, scope production) before running}"
printf '%s' "$DEPLOY_SSH_KEY__PRODUCTION" | vault kv put -mount=secret ci/production/deploy_ssh_key value=-
: "${GITLAB_API_TOKEN:?export GITLAB_API_TOKEN (the value of GITLAB_API_TOKEN in GitLab, scope *) before running}"
printf '%s' "$GITLAB_API_TOKEN" | vault kv put -mount=secret ci/shared/gitlab_api_token value=-
: "${DATABASE_PASSWORD__STAGING:?export DATABASE_PASSWORD__STAGING (the value of DATABASE_PASSWORD in GitLab, scope staging) before running}"
printf '%s' "$DATABASE_PASSWORD__STAGING" | vault kv put -mount=secret ci/staging/database_password value=-
