"""Platform, deployment, database-as-a-service and secret-manager credentials (group `platforms`).

Every `make` builds a fresh fake in the vendor's documented format (prefix, length, alphabet and,
for Confluent, the checksum) from the harness's `Fakes`; none is a real credential. Values without a
distinctive prefix are only reported next to the service's name, so their cases use such names.
"""
import base64
import json
import string
import zlib

from recall_spec import Case

B64 = string.ascii_letters + string.digits + "+/"
WORDS = ["happy", "brave", "quiet", "amber", "rapid", "lunar", "polar", "vivid", "mellow", "tidy",
         "otter", "falcon", "badger", "heron", "walrus", "lynx", "marten", "gecko", "bison", "ibis"]


def _b64url_json(obj):
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _iat(f):
    return int("17" + f.digits(8))


def jwt(f, header, claims, sig_bytes=32):
    """header.payload.signature, base64url without padding, with a random signature."""
    return _b64url_json(header) + "." + _b64url_json(claims) + "." + f.b64url(sig_bytes)


def turso_token(f):
    return jwt(f, {"alg": "EdDSA", "typ": "JWT"},
               {"a": "rw", "iat": _iat(f), "id": f.uuid(), "rid": f.uuid()}, 64)


def supabase_service_role(f):
    iat = _iat(f)
    return jwt(f, {"alg": "HS256", "typ": "JWT"},
               {"iss": "supabase", "ref": f.chars(string.ascii_lowercase, 20), "role": "service_role",
                "iat": iat, "exp": iat + 315360000})


def op_connect_token(f):
    return jwt(f, {"alg": "ES256", "kid": f.lower_alnum(26), "typ": "JWT"},
               {"1password.com/auuid": f.upper_alnum(26), "1password.com/token": f.urlsafe(32),
                "1password.com/fts": ["vaultaccess"],
                "1password.com/vts": [{"u": f.lower_alnum(26), "a": 48}],
                "aud": ["com.1password.connect"], "sub": f.upper_alnum(26), "iat": _iat(f),
                "iss": "com.1password.b5", "jti": f.lower_alnum(26)}, 64)


def op_service_account_token(f):
    body = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
            "iterations": 650000, "salt": f.b64url(16)},
            "email": f.lower_alnum(13) + "@1passwordserviceaccounts.com", "srpX": f.hex(64),
            "muk": {"alg": "A256GCM", "ext": True, "k": f.b64url(32), "key_ops": ["encrypt", "decrypt"],
                    "kty": "oct", "kid": "mp"},
            "deviceUuid": f.lower_alnum(26)}
    return "ops_" + _b64url_json(body)


def northflank_token(f):
    return jwt(f, {"alg": "HS256", "typ": "JWT"},
               {"type": "team-api", "tokenInternalId": f.uuid(), "teamId": f.lower_alnum(24), "iat": _iat(f)})


def op_secret_key(f):
    return "A3-" + "-".join(f.upper_alnum(n) for n in (6, 6, 5, 5, 5, 5))


def confluent_secret(f):
    body = f.chars(B64, 54)
    crc = base64.b64encode(zlib.crc32(body.encode()).to_bytes(4, "big")).decode()[:6]
    return "cflt" + body + crc


def fly_macaroon(f):
    return "fm2_lJPE" + f.b64(150)


def fly_token(f):
    return fly_macaroon(f) + "," + fly_macaroon(f)


def convex_deploy_key(f):
    name = f.r.choice(WORDS) + "-" + f.r.choice(WORDS) + "-" + f.digits(3)
    return "prod:" + name + "|" + f.b64url(48)


def qstash_token(f):
    raw = json.dumps({"UserID": f.uuid(), "Password": f.hex(32)}, separators=(",", ":")).encode()
    return base64.b64encode(raw).decode()


def influx_token(f):
    return f.b64url(64) + "=="


def elastic_encoded_key(f):
    return base64.b64encode((f.urlsafe(20) + ":" + f.urlsafe(22)).encode()).decode()


def admin_secret(f):
    return f.chars(string.ascii_letters + string.digits + "-_%&*+=@^~", 40)


def snowflake_password(f):
    """A generated password: a letter, then letters, digits and symbols (a leading `*` or `&` reads as a YAML alias)."""
    return f.chars(string.ascii_letters, 1) + f.chars("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!%&*+-=?@^_", 19)


def pkcs8_body(f):
    return "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ" + f.b64(240)


def ngrok_token(f):
    return f.chars("123", 1) + f.alnum(26) + "_" + f.alnum(21)


def tskey(kind):
    return lambda f: "tskey-" + kind + "-k" + f.alnum(7) + "CNTRL-" + f.alnum(33)


CASES = [
    # HashiCorp
    Case(family="vault", rule="hashicorp.vault_recovery_token", name="VAULT_TOKEN",
         make=lambda f: "hvr." + f.urlsafe(91)),
    Case(family="vault", rule="hashicorp.vault_legacy_batch_token", name="VAULT_TOKEN",
         make=lambda f: "b.AAAAAQ" + f.urlsafe(160)),
    Case(family="vault", rule="hashicorp.vault_unseal_key", name="VAULT_UNSEAL_KEY", make=lambda f: f.b64(33)),
    Case(family="vault", rule="hashicorp.vault_unseal_key", name="unseal",
         make=lambda f: f.b64(32), line=lambda f, s: "$ vault operator init -key-shares=1 -key-threshold=1\n"
         "Unseal Key 1: %s\n\nVault initialized with 1 key shares and a key threshold of 1.\n" % s, formats=["txt"]),
    Case(family="vault", rule="hashicorp.vault_approle_secret_id", name="VAULT_SECRET_ID", make=lambda f: f.uuid()),
    Case(family="vault", rule="hashicorp.vault_approle_secret_id", name="approle_secret_id", make=lambda f: f.uuid()),
    Case(family="consul", rule="hashicorp.consul_acl_token", name="CONSUL_HTTP_TOKEN", make=lambda f: f.uuid()),
    Case(family="consul", rule="hashicorp.gossip_encryption_key", name="CONSUL_GOSSIP_ENCRYPTION_KEY",
         make=lambda f: f.b64(32)),
    Case(family="nomad", rule="hashicorp.nomad_acl_token", name="NOMAD_TOKEN", make=lambda f: f.uuid()),
    Case(family="hcp", rule="hashicorp.hcp_client_secret", name="HCP_CLIENT_SECRET", make=lambda f: f.alnum(64)),
    Case(family="boundary", rule="hashicorp.boundary_auth_token", name="BOUNDARY_TOKEN",
         make=lambda f: "at_" + f.alnum(10) + "_s1" + f.b58(105)),
    # Heroku
    Case(family="heroku", rule="heroku.api_key", name="HEROKU_API_KEY", make=lambda f: f.uuid()),
    Case(family="heroku", rule="heroku.platform_api_token", name="HEROKU_API_KEY",
         make=lambda f: "HRKU-AA" + f.urlsafe(58)),
    # Netlify
    Case(family="netlify", rule="netlify.personal_access_token", name="NETLIFY_AUTH_TOKEN",
         make=lambda f: "nfp_" + f.alnum(36)),
    Case(family="netlify", rule="netlify.cli_token", name="netlifyToken", make=lambda f: "nfc_" + f.alnum(36)),
    Case(family="netlify", rule="netlify.oauth_access_token", name="access_token", make=lambda f: "nfo_" + f.alnum(36)),
    Case(family="netlify", rule="netlify.app_token", name="token", make=lambda f: "nfu_" + f.alnum(36)),
    Case(family="netlify", rule="netlify.build_token", name="NETLIFY_BUILD_TOKEN", make=lambda f: "nfb_" + f.alnum(36)),
    Case(family="netlify", rule="netlify.legacy_access_token", name="NETLIFY_AUTH_TOKEN", make=lambda f: f.urlsafe(43)),
    # Vercel
    Case(family="vercel", rule="vercel.personal_access_token", name="VERCEL_TOKEN", make=lambda f: "vcp_" + f.alnum(56)),
    Case(family="vercel", rule="vercel.integration_token", name="vercelIntegrationToken",
         make=lambda f: "vci_" + f.alnum(56)),
    Case(family="vercel", rule="vercel.app_access_token", name="access_token", make=lambda f: "vca_" + f.alnum(56)),
    Case(family="vercel", rule="vercel.app_refresh_token", name="refresh_token", make=lambda f: "vcr_" + f.alnum(56)),
    Case(family="vercel", rule="vercel.api_key", name="VERCEL_API_KEY", make=lambda f: "vck_" + f.alnum(56)),
    Case(family="vercel", rule="vercel.legacy_access_token", name="VERCEL_TOKEN", make=lambda f: f.alnum(24)),
    # Fly.io
    Case(family="flyio", rule="flyio.macaroon_token", name="FLY_API_TOKEN", make=fly_token),
    Case(family="flyio", rule="flyio.macaroon_token", name="Authorization",
         make=fly_token, line=lambda f, s: "curl -H 'Authorization: FlyV1 %s' https://api.machines.dev/v1/apps\n" % s,
         formats=["sh"]),
    Case(family="flyio", rule="flyio.oauth_token", name="FLY_ACCESS_TOKEN", make=lambda f: "fo1_" + f.urlsafe(43)),
    # Render, Railway
    Case(family="render", rule="render.api_key", name="RENDER_API_KEY", make=lambda f: "rnd_" + f.alnum(32)),
    Case(family="railway", rule="railway.api_token", name="RAILWAY_TOKEN", make=lambda f: f.uuid()),
    Case(family="railway", rule="railway.api_token", name="railwayApiToken", make=lambda f: f.uuid()),
    # Supabase
    Case(family="supabase", rule="supabase.access_token", name="SUPABASE_ACCESS_TOKEN", make=lambda f: "sbp_" + f.hex(40)),
    Case(family="supabase", rule="supabase.secret_key", name="SUPABASE_SECRET_KEY",
         make=lambda f: "sb_secret_" + f.urlsafe(31)),
    Case(family="supabase", rule="supabase.publishable_key", name="SUPABASE_PUBLISHABLE_KEY",
         make=lambda f: "sb_publishable_" + f.urlsafe(31)),
    Case(family="supabase", rule="supabase.service_role_key", name="SUPABASE_SERVICE_ROLE_KEY", make=supabase_service_role),
    # PlanetScale, Neon, Turso
    Case(family="planetscale", rule="planetscale.service_token", name="PLANETSCALE_SERVICE_TOKEN",
         make=lambda f: "pscale_tkn_" + f.urlsafe(43)),
    Case(family="planetscale", rule="planetscale.password", name="DATABASE_PASSWORD",
         make=lambda f: "pscale_pw_" + f.urlsafe(43)),
    Case(family="planetscale", rule="planetscale.oauth_token", name="planetscale_oauth_token",
         make=lambda f: "pscale_oauth_" + f.urlsafe(43)),
    Case(family="neon", rule="neon.api_key", name="NEON_API_KEY", make=lambda f: "napi_" + f.lower_alnum(64)),
    Case(family="turso", rule="turso.auth_token", name="TURSO_AUTH_TOKEN", make=turso_token),
    Case(family="turso", rule="turso.auth_token", name="libsqlAuthToken", make=turso_token),
    # Databricks
    Case(family="databricks", rule="databricks.access_token", name="DATABRICKS_TOKEN", make=lambda f: "dapi" + f.hex(32)),
    Case(family="databricks", rule="databricks.oauth_secret", name="DATABRICKS_CLIENT_SECRET",
         make=lambda f: "dose" + f.hex(32)),
    # Snowflake
    Case(family="snowflake", rule="snowflake.password", name="SNOWFLAKE_PASSWORD", make=snowflake_password),
    Case(family="snowflake", rule="snowflake.password", name="SNOWSQL_PWD", make=snowflake_password),
    Case(family="snowflake", rule="snowflake.private_key", name="SNOWFLAKE_PRIVATE_KEY", make=pkcs8_body),
    # Confluent
    Case(family="confluent", rule="confluent.api_secret", name="CONFLUENT_CLOUD_API_SECRET", make=confluent_secret),
    Case(family="confluent", rule="confluent.legacy_api_secret", name="CONFLUENT_CLOUD_API_SECRET",
         make=lambda f: f.chars(B64, 64)),
    Case(family="confluent", rule="confluent.legacy_api_secret", name="sasl.jaas.config",
         make=lambda f: f.chars(B64, 64),
         line=lambda f, s: "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
         "username='%s' password='%s';\n" % (f.upper_alnum(16), s), formats=["properties"]),
    # Elastic
    Case(family="elastic", rule="elastic.cloud_api_key", name="EC_API_KEY",
         make=lambda f: "essu_" + base64.b64encode((f.urlsafe(20) + ":" + f.urlsafe(40)).encode()).decode()),
    Case(family="elastic", rule="elastic.api_key", name="ELASTIC_API_KEY", make=elastic_encoded_key),
    Case(family="elastic", rule="elastic.api_key", name="elasticsearchApiKey", make=elastic_encoded_key),
    # MongoDB Atlas
    Case(family="mongodbatlas", rule="mongodbatlas.api_private_key", name="MONGODB_ATLAS_PRIVATE_KEY",
         make=lambda f: f.uuid()),
    Case(family="mongodbatlas", rule="mongodbatlas.service_account_secret", name="MONGODB_ATLAS_CLIENT_SECRET",
         make=lambda f: "mdb_sa_sk_" + f.urlsafe(40)),
    # Redis Cloud, Pulumi
    Case(family="rediscloud", rule="rediscloud.api_key", name="REDISCLOUD_SECRET_KEY", make=lambda f: f.alnum(50)),
    Case(family="pulumi", rule="pulumi.access_token", name="PULUMI_ACCESS_TOKEN", make=lambda f: "pul-" + f.hex(40)),
    # Doppler
    Case(family="doppler", rule="doppler.personal_token", name="DOPPLER_TOKEN", make=lambda f: "dp.pt." + f.alnum(43)),
    Case(family="doppler", rule="doppler.service_token", name="DOPPLER_TOKEN",
         make=lambda f: "dp.st.prd." + f.alnum(43)),
    Case(family="doppler", rule="doppler.cli_token", name="doppler_token", make=lambda f: "dp.ct." + f.alnum(43)),
    Case(family="doppler", rule="doppler.service_account_token", name="DOPPLER_TOKEN",
         make=lambda f: "dp.sa." + f.alnum(43)),
    Case(family="doppler", rule="doppler.service_account_identity_token", name="dopplerToken",
         make=lambda f: "dp.said." + f.alnum(43)),
    Case(family="doppler", rule="doppler.scim_token", name="SCIM_TOKEN", make=lambda f: "dp.scim." + f.alnum(43)),
    Case(family="doppler", rule="doppler.audit_token", name="DOPPLER_AUDIT_TOKEN", make=lambda f: "dp.audit." + f.alnum(43)),
    # 1Password
    Case(family="onepassword", rule="onepassword.service_account_token", name="OP_SERVICE_ACCOUNT_TOKEN",
         make=op_service_account_token),
    Case(family="onepassword", rule="onepassword.connect_token", name="OP_CONNECT_TOKEN", make=op_connect_token),
    Case(family="onepassword", rule="onepassword.secret_key", name="OP_SECRET_KEY", make=op_secret_key),
    # Tailscale
    Case(family="tailscale", rule="tailscale.auth_key", name="TS_AUTHKEY", make=tskey("auth")),
    Case(family="tailscale", rule="tailscale.api_access_token", name="TAILSCALE_API_KEY", make=tskey("api")),
    Case(family="tailscale", rule="tailscale.oauth_client_secret", name="TS_OAUTH_CLIENT_SECRET", make=tskey("client")),
    Case(family="tailscale", rule="tailscale.scim_key", name="scim_token", make=tskey("scim")),
    Case(family="tailscale", rule="tailscale.webhook_secret", name="TAILSCALE_WEBHOOK_SECRET", make=tskey("webhook")),
    # Aiven, Upstash
    Case(family="aiven", rule="aiven.api_token", name="AIVEN_TOKEN", make=lambda f: f.b64(120)),
    Case(family="upstash", rule="upstash.redis_rest_token", name="UPSTASH_REDIS_REST_TOKEN",
         make=lambda f: "AX" + f.urlsafe(62) + "="),
    Case(family="upstash", rule="upstash.redis_rest_token", name="KV_REST_API_TOKEN",
         make=lambda f: "AX" + f.urlsafe(62) + "="),
    Case(family="upstash", rule="upstash.qstash_token", name="QSTASH_TOKEN", make=qstash_token),
    Case(family="upstash", rule="upstash.qstash_signing_key", name="QSTASH_CURRENT_SIGNING_KEY",
         make=lambda f: "sig_" + f.b58(28)),
    Case(family="upstash", rule="upstash.management_api_key", name="UPSTASH_API_KEY", make=lambda f: f.uuid()),
    # ngrok
    Case(family="ngrok", rule="ngrok.authtoken", name="NGROK_AUTHTOKEN", make=ngrok_token),
    Case(family="ngrok", rule="ngrok.authtoken", name="authtoken", make=ngrok_token,
         line=lambda f, s: "version: \"2\"\nauthtoken: %s\ntunnels:\n  web:\n    proto: http\n    addr: 8080\n" % s,
         formats=["yaml"]),
    Case(family="ngrok", rule="ngrok.api_key", name="NGROK_API_KEY", make=ngrok_token),
    # Databases as a service
    Case(family="cockroachdb", rule="cockroachdb.api_key", name="COCKROACH_API_KEY",
         make=lambda f: "CCDB1_" + f.alnum(22) + "_" + f.alnum(40)),
    Case(family="clickhouse", rule="clickhouse.api_key_secret", name="CLICKHOUSE_TOKEN_SECRET",
         make=lambda f: f.alnum(42)),
    Case(family="timescale", rule="timescale.secret_key", name="TIMESCALE_SECRET_KEY", make=lambda f: f.alnum(52)),
    Case(family="fauna", rule="fauna.secret", name="FAUNA_SECRET", make=lambda f: "fnA" + f.urlsafe(37)),
    Case(family="convex", rule="convex.deploy_key", name="CONVEX_DEPLOY_KEY", make=convex_deploy_key),
    Case(family="appwrite", rule="appwrite.api_key", name="APPWRITE_API_KEY", make=lambda f: "standard_" + f.hex(256)),
    Case(family="appwrite", rule="appwrite.legacy_api_key", name="APPWRITE_API_KEY", make=lambda f: f.hex(256)),
    Case(family="nhost", rule="nhost.admin_secret", name="NHOST_ADMIN_SECRET", make=admin_secret),
    Case(family="nhost", rule="nhost.personal_access_token", name="NHOST_PAT", make=lambda f: f.uuid()),
    Case(family="hasura", rule="hasura.admin_secret", name="HASURA_GRAPHQL_ADMIN_SECRET", make=admin_secret),
    # Other deployment platforms
    Case(family="koyeb", rule="koyeb.api_token", name="KOYEB_TOKEN", make=lambda f: f.alnum(64)),
    Case(family="northflank", rule="northflank.api_token", name="NORTHFLANK_API_TOKEN", make=northflank_token),
    Case(family="deno", rule="deno.deploy_personal_token", name="DENO_DEPLOY_TOKEN", make=lambda f: "ddp_" + f.alnum(36)),
    Case(family="deno", rule="deno.deploy_organization_token", name="DENO_DEPLOY_TOKEN",
         make=lambda f: "ddo_" + f.alnum(36)),
    Case(family="scalingo", rule="scalingo.api_token", name="SCALINGO_API_TOKEN", make=lambda f: "tk-us-" + f.urlsafe(48)),
    Case(family="prefect", rule="prefect.api_key", name="PREFECT_API_KEY", make=lambda f: "pnu_" + f.alnum(36)),
    Case(family="influxdb", rule="influxdb.api_token", name="INFLUX_TOKEN", make=influx_token),
    Case(family="firebase", rule="firebase.fcm_server_key", name="FCM_SERVER_KEY",
         make=lambda f: "AAAA" + f.urlsafe(7) + ":APA91b" + f.urlsafe(134)),
]
