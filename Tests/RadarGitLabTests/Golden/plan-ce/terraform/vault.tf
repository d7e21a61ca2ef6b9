# Terraform for the same KV v2 mount, JWT auth, policies and roles as vault/setup.sh (secret values stay out of Terraform state).
resource "vault_mount" "kv" {
  path    = "secret"
  type    = "kv"
  options = { version = "2" }
}

resource "vault_jwt_auth_backend" "gitlab" {
  path               = "jwt"
  oidc_discovery_url = "https://gitlab.example.com"
  bound_issuer       = "https://gitlab.example.com"
}

resource "vault_policy" "group_shop_production" {
  name   = "group-shop-production"
  policy = file("${path.module}/../vault/policies/group-shop-production.hcl")
}

resource "vault_jwt_auth_backend_role" "group_shop_production" {
  backend                = vault_jwt_auth_backend.gitlab.path
  role_name              = "group-shop-production"
  role_type              = "jwt"
  bound_audiences        = ["https://vault.example.com"]
  bound_claims_type      = "string"
  bound_claims           = { project_path = "group/shop", ref = "main", ref_type = "branch", environment = "production", ref_protected = "true", pipeline_source = "push" }
  user_claim             = "user_email"
  token_policies         = [vault_policy.group_shop_production.name]
  token_ttl              = 900
  token_max_ttl          = 900
  token_explicit_max_ttl = 900
}

resource "vault_policy" "group_shop_staging" {
  name   = "group-shop-staging"
  policy = file("${path.module}/../vault/policies/group-shop-staging.hcl")
}

resource "vault_jwt_auth_backend_role" "group_shop_staging" {
  backend                = vault_jwt_auth_backend.gitlab.path
  role_name              = "group-shop-staging"
  role_type              = "jwt"
  bound_audiences        = ["https://vault.example.com"]
  bound_claims_type      = "string"
  bound_claims           = { project_path = "group/shop", ref = "main", ref_type = "branch", environment = "staging" }
  user_claim             = "user_email"
  token_policies         = [vault_policy.group_shop_staging.name]
  token_ttl              = 900
  token_max_ttl          = 900
  token_explicit_max_ttl = 900
}
