#!/bin/sh
# Sets up Vault for group/shop: JWT auth trusting https://gitlab.example.com, one policy and one
# role per environment, then the secrets. Secret values are read from this shell's environment
# at run time (export them from GitLab first); none is written in this file.
set -eu
: "${VAULT_ADDR:?point VAULT_ADDR at https://vault.example.com}"
cd "$(dirname "$0")"

# The KV v2 mount, enabled once; an existing mount of another kind or KV version stops here.
if mount=$(vault read -format=json sys/mounts/secret 2>/dev/null); then
  printf '%s' "$mount" | grep -q '"type": *"kv"' || { echo "setup.sh: secret/ is mounted, but not as a KV secrets engine" >&2; exit 2; }
  printf '%s' "$mount" | grep -q '"version": *"2"' || { echo "setup.sh: secret/ is KV version 1; the plan needs KV version 2" >&2; exit 2; }
else
  vault secrets enable -path=secret -version=2 kv
fi

vault auth list -format=json | grep -q '"jwt/"' || vault auth enable jwt
# Trust GitLab's ID tokens; a JWT mount already set up for this issuer (another project's plan,
# or keys configured by hand) is left as it is.
if [ "$(vault read -field=bound_issuer auth/jwt/config 2>/dev/null || true)" != "https://gitlab.example.com" ]; then
  vault write auth/jwt/config oidc_discovery_url="https://gitlab.example.com" bound_issuer="https://gitlab.example.com"
fi
vault policy write group-shop-production policies/group-shop-production.hcl
vault write auth/jwt/role/group-shop-production @roles/group-shop-production.json
vault policy write group-shop-staging policies/group-shop-staging.hcl
vault write auth/jwt/role/group-shop-staging @roles/group-shop-staging.json

# The secrets: each value comes from a variable of this shell, SECRETRADAR_VALUE_KEY (or
# SECRETRADAR_VALUE_KEY__ENVIRONMENT for a scoped one), a name the Vault CLI never reads.
: "${SECRETRADAR_VALUE_DATABASE_PASSWORD__PRODUCTION:?export SECRETRADAR_VALUE_DATABASE_PASSWORD__PRODUCTION (the value of DATABASE_PASSWORD in GitLab, scope production) before running}"
printf '%s' "$SECRETRADAR_VALUE_DATABASE_PASSWORD__PRODUCTION" | vault kv put -mount=secret ci/group/shop/production/database_password value=-
: "${SECRETRADAR_VALUE_DEPLOY_SSH_KEY__PRODUCTION:?export SECRETRADAR_VALUE_DEPLOY_SSH_KEY__PRODUCTION (the value of DEPLOY_SSH_KEY in GitLab, scope production) before running}"
printf '%s' "$SECRETRADAR_VALUE_DEPLOY_SSH_KEY__PRODUCTION" | vault kv put -mount=secret ci/group/shop/production/deploy_ssh_key value=-
: "${SECRETRADAR_VALUE_GITLAB_API_TOKEN:?export SECRETRADAR_VALUE_GITLAB_API_TOKEN (the value of GITLAB_API_TOKEN in GitLab, scope *) before running}"
printf '%s' "$SECRETRADAR_VALUE_GITLAB_API_TOKEN" | vault kv put -mount=secret ci/group/shop/shared/gitlab_api_token value=-
: "${SECRETRADAR_VALUE_DATABASE_PASSWORD__STAGING:?export SECRETRADAR_VALUE_DATABASE_PASSWORD__STAGING (the value of DATABASE_PASSWORD in GitLab, scope staging) before running}"
printf '%s' "$SECRETRADAR_VALUE_DATABASE_PASSWORD__STAGING" | vault kv put -mount=secret ci/group/shop/staging/database_password value=-
