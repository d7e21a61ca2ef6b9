#!/usr/bin/env python3
"""Scenario B: labelled GitLab CI/CD variable exports (instance, one group, two projects).

Run from the repository root:

    python3 corpus/gitlab/scenario-b/make.py

Writes, next to this script:
    instance.json                 {"variables": [...]}                       (no environment_scope)
    group-commerce.json           {"group": "acme/commerce", "variables": [...]}
    project-ledger-api.json       {"project": "acme/commerce/ledger-api", "variables": [...]}
    project-storefront.json       {"project": "acme/commerce/storefront", "variables": [...]}
    labels.tsv                    owner, key, environment_scope, class, flags

ci/*.yml and ci-labels.tsv (file, 1-based line, kind) are hand-written, not generated here;
their fake tokens come from Fakes(4343).

Every credential-looking value is random from a fixed seed (Fakes(4242)); none is real.
Classes are what a careful security engineer would call the value:
    secret, not_secret, placeholder, cannot_scan (hidden: no value in the export).
Flags (secrets only): P not protected, M not masked, S scope "*" while the same owner has
variables scoped to named environments, R the exact value is also another secret's value.
"""
import base64
import json
import os
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
from fake_tokens import Fakes  # noqa: E402

f = Fakes(4242)

ALNUM = string.ascii_letters + string.digits


def pem(label: str, nbytes: int) -> str:
    body = f.b64(nbytes)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def b64s(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def b64url_json(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


# ---------------------------------------------------------------- shared values
DATADOG_API_KEY = f.hex(32)                                      # instance + group (reused)
SLACK_DEPLOY_WEBHOOK = ("https://hooks.slack.com/services/T" + f.upper_alnum(8) + "/B"
                        + f.upper_alnum(10) + "/" + f.alnum(24))  # group + ledger-api (reused)
DEPLOY_SSH_PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    + "\n".join(f.b64(51) for _ in range(4)) + "\n"
    + f.b64(24) + "\n"
    "-----END OPENSSH PRIVATE KEY-----\n")                          # group + storefront (reused)

# ---------------------------------------------------------------- instance
DOCKER_AUTH_CONFIG = json.dumps({"auths": {
    "registry.acme.io": {"auth": b64s("ci-puller:" + f.alnum(22))},
    "https://index.docker.io/v1/": {"auth": b64s("acmebuild:dckr_pat_" + f.urlsafe(27))},
}}, indent=2)

NETRC = ("machine artifactory.acme.io\n"
         "  login ci-publisher\n"
         f"  password {f.alnum(18)}\n"
         "machine gitlab.acme.io\n"
         "  login gitlab-ci-token\n"
         "  password $CI_JOB_TOKEN\n")

SSH_KNOWN_HOSTS = (
    "gitlab.acme.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(32)[:43] + "\n"
    "[bastion.acme.io]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(32)[:43] + "\n"
    "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(32)[:43] + "\n")

ARTIFACTORY_TOKEN = b64s("reftkn:01:1798761600:" + f.alnum(31))

instance = [
    # key, value, type, protected, masked, class
    ("HTTP_PROXY", "http://proxy.corp.acme.internal:3128", "env_var", False, False, "not_secret"),
    ("NO_PROXY", "localhost,127.0.0.1,.acme.internal,.svc.cluster.local,169.254.169.254", "env_var", False, False, "not_secret"),
    ("DOCKER_AUTH_CONFIG", DOCKER_AUTH_CONFIG, "env_var", False, False, "secret"),
    ("LDAP_BIND_DN", "cn=gitlab-sync,ou=service-accounts,dc=acme,dc=io", "env_var", False, False, "not_secret"),
    ("LDAP_BIND_PASSWORD", "Winter2024!", "env_var", True, False, "secret"),
    ("DATADOG_API_KEY", DATADOG_API_KEY, "env_var", False, True, "secret"),
    ("NETRC", NETRC, "file", True, False, "secret"),
    ("SAST_EXCLUDED_PATHS", "spec, test, tests, tmp, node_modules, vendor/**", "env_var", False, False, "not_secret"),
    ("GITHUB_MIRROR_TOKEN", f.github(), "env_var", True, True, "secret"),
    ("SSH_KNOWN_HOSTS", SSH_KNOWN_HOSTS, "file", False, False, "not_secret"),
    ("NEW_RELIC_LICENSE_KEY", "TODO", "env_var", False, False, "placeholder"),
    ("PIP_INDEX_URL", "https://${ARTIFACTORY_USER}:${ARTIFACTORY_TOKEN}@artifactory.acme.io/artifactory/api/pypi/pypi-remote/simple",
     "env_var", False, False, "not_secret"),
    ("ARTIFACTORY_USER", "ci-reader", "env_var", False, False, "not_secret"),
    ("ARTIFACTORY_TOKEN", ARTIFACTORY_TOKEN, "env_var", False, True, "secret"),
]

# ---------------------------------------------------------------- group acme/commerce
def azure_client_secret() -> str:
    return f.alnum(3) + f.digits(1) + "Q~" + f.chars(ALNUM + "_-.~", 34)


GCP_PROJECT = "acme-commerce-prod-3821"
GCP_SA_KEY = json.dumps({
    "type": "service_account",
    "project_id": GCP_PROJECT,
    "private_key_id": f.hex(40),
    "private_key": pem("PRIVATE KEY", 1216),
    "client_email": f"gitlab-deployer@{GCP_PROJECT}.iam.gserviceaccount.com",
    "client_id": "1" + f.digits(20),
    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
    "token_uri": "https://oauth2.googleapis.com/token",
    "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
    "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/gitlab-deployer%40{GCP_PROJECT}.iam.gserviceaccount.com",
    "universe_domain": "googleapis.com",
}, indent=2)

GPG_PRIVATE = ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"
               "lQdGBGX" + f.b64(45)[:57] + "\n"
               + "\n".join(f.b64(48) for _ in range(8)) + "\n"
               + "=" + f.b64(3) + "\n-----END PGP PRIVATE KEY BLOCK-----\n")
GPG_PUBLIC = ("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
              "mQINBGX" + f.b64(45)[:57] + "\n"
              + "\n".join(f.b64(48) for _ in range(6)) + "\n"
              + "=" + f.b64(3) + "\n-----END PGP PUBLIC KEY BLOCK-----\n")

TLS_CA_CERT = pem("CERTIFICATE", 890)

AWS_ACCOUNT = "4" + f.digits(11)

group = [
    ("AZURE_TENANT_ID", f.uuid(), "env_var", False, False, "*", "not_secret"),
    ("AZURE_CLIENT_ID", f.uuid(), "env_var", False, False, "*", "not_secret"),
    ("AZURE_CLIENT_SECRET", azure_client_secret(), "env_var", True, True, "production", "secret"),
    ("AZURE_SUBSCRIPTION_ID", f.uuid(), "env_var", False, False, "production", "not_secret"),
    ("GCP_PROJECT_ID", GCP_PROJECT, "env_var", False, False, "production", "not_secret"),
    ("GCP_WORKLOAD_IDENTITY_PROVIDER",
     f"projects/1{f.digits(11)}/locations/global/workloadIdentityPools/gitlab-acme/providers/gitlab-acme-io",
     "env_var", False, False, "*", "not_secret"),
    ("GCP_SERVICE_ACCOUNT_KEY", GCP_SA_KEY, "file", True, False, "production", "secret"),
    ("AWS_ACCESS_KEY_ID", f.aws_key_id(), "env_var", False, True, "*", "secret"),
    ("AWS_SECRET_ACCESS_KEY", f.aws_secret(), "env_var", False, True, "*", "secret"),
    ("AWS_ROLE_ARN", f"arn:aws:iam::{AWS_ACCOUNT}:role/gitlab-commerce-deployer", "env_var", False, False, "production", "not_secret"),
    ("DATADOG_API_KEY", DATADOG_API_KEY, "env_var", True, True, "*", "secret"),
    ("SLACK_DEPLOY_WEBHOOK", SLACK_DEPLOY_WEBHOOK, "env_var", False, True, "*", "secret"),
    ("TF_TOKEN_app_terraform_io", f.alnum(14) + ".atlasv1." + f.alnum(67), "env_var", True, True, "production", "secret"),
    ("VAULT_ADDR", "https://vault.acme.io:8200", "env_var", False, False, "*", "not_secret"),
    ("VAULT_AUTH_ROLE", "commerce-ci", "env_var", False, False, "*", "not_secret"),
    ("VAULT_AUTH_PATH", "jwt-gitlab", "env_var", False, False, "*", "not_secret"),
    ("VAULT_NAMESPACE", "admin/commerce", "env_var", False, False, "*", "not_secret"),
    ("VAULT_TOKEN", "hvs.CAESI" + f.urlsafe(43) + "Gh4KHGh2cy4" + f.alnum(22), "env_var", False, True, "staging", "secret"),
    ("DEPLOY_SSH_PRIVATE_KEY", DEPLOY_SSH_PRIVATE_KEY, "file", True, False, "production", "secret"),
    ("DEPLOY_SSH_PUBLIC_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(32)[:43] + " deploy@commerce.acme.io",
     "env_var", False, False, "*", "not_secret"),
    ("RELEASE_GPG_PRIVATE_KEY", GPG_PRIVATE, "file", True, False, "*", "secret"),
    ("RELEASE_GPG_PUBLIC_KEY", GPG_PUBLIC, "file", False, False, "*", "not_secret"),
    ("RELEASE_GPG_KEY_ID", f.hex(16).upper(), "env_var", False, False, "*", "not_secret"),
    ("RELEASE_BOT_TOKEN", f.glpat(), "env_var", True, True, "*", "secret"),
    ("CLOUDFLARE_ZONE_ID", f.hex(32), "env_var", False, False, "production", "not_secret"),
    ("CLOUDFLARE_ACCOUNT_ID", f.hex(32), "env_var", False, False, "*", "not_secret"),
    ("SMTP_USERNAME", "apikey", "env_var", False, False, "*", "not_secret"),
    ("SMTP_PASSWORD", "SG." + f.urlsafe(22) + "." + f.urlsafe(43), "env_var", False, True, "*", "secret"),
    ("PAGERDUTY_ROUTING_KEY", "0" * 32, "env_var", False, False, "*", "placeholder"),
    ("PROD_ARTIFACT_SIGNING_KEY", None, "env_var", True, True, "production", "cannot_scan"),
    ("TLS_CA_CERT", TLS_CA_CERT, "file", False, False, "*", "not_secret"),
]

# ---------------------------------------------------------------- project acme/commerce/ledger-api
PYPIRC = ("[distutils]\nindex-servers =\n    pypi\n    acme\n\n"
          "[pypi]\nusername = __token__\n"
          "password = pypi-AgEIcHlwaS5vcmcCJD" + f.b64url(120) + "\n\n"
          "[acme]\nrepository = https://gitlab.acme.io/api/v4/projects/412/packages/pypi\n"
          "username = gitlab-ci-token\npassword = ${CI_JOB_TOKEN}\n")

APP_ENV = ("LOG_LEVEL=info\nDB_HOST=ledger-db.prod.acme.internal\nDB_USER=ledger_app\n"
           f"DB_PASSWORD={f.urlsafe(26)}\nFEATURE_BATCH_EXPORT=true\n")

APP_CONFIG = ("server:\n  port: 8080\n  workers: 4\nlogging:\n  level: info\n  format: json\n"
              "features:\n  batch_export: true\n  fx_rates_cache_ttl: 300\n")


def sa_jwt() -> str:
    header = b64url_json({"alg": "RS256", "kid": f.b64url(32)})
    payload = b64url_json({
        "aud": ["https://kubernetes.default.svc.cluster.local"], "exp": 1798761600, "iat": 1735689600,
        "iss": "https://kubernetes.default.svc.cluster.local",
        "kubernetes.io": {"namespace": "ledger", "serviceaccount": {"name": "gitlab-deployer", "uid": f.uuid()}},
        "nbf": 1735689600, "sub": "system:serviceaccount:ledger:gitlab-deployer"})
    return header + "." + payload + "." + f.b64url(256)


KUBE_CA = b64s(pem("CERTIFICATE", 700))
KUBECONFIG_PROD = f"""apiVersion: v1
kind: Config
clusters:
- name: ledger-prod
  cluster:
    server: https://k8s-api.prod.acme.internal:6443
    certificate-authority-data: {KUBE_CA}
users:
- name: gitlab-deployer
  user:
    token: {sa_jwt()}
contexts:
- name: ledger-prod
  context:
    cluster: ledger-prod
    user: gitlab-deployer
    namespace: ledger
current-context: ledger-prod
"""

KUBECONFIG_STAGING = f"""apiVersion: v1
kind: Config
clusters:
- name: gke_{GCP_PROJECT}_europe-west3_ledger-staging
  cluster:
    server: https://34.{f.digits(2)}.{f.digits(2)}.{f.digits(2)}
    certificate-authority-data: {b64s(pem("CERTIFICATE", 700))}
users:
- name: gke-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      installHint: Install gke-gcloud-auth-plugin for use with kubectl
      provideClusterInfo: true
contexts:
- name: ledger-staging
  context:
    cluster: gke_{GCP_PROJECT}_europe-west3_ledger-staging
    user: gke-user
current-context: ledger-staging
"""

AZ_STORAGE = ("DefaultEndpointsProtocol=https;AccountName=acmeledgerexports;AccountKey="
              + f.b64(64) + ";EndpointSuffix=core.windows.net")

ledger = [
    ("DATABASE_URL", f"postgres://ledger_app:{f.urlsafe(24)}@ledger-db.prod.acme.internal:5432/ledger?sslmode=verify-full&application_name=ledger-api",
     "env_var", True, False, "production", "secret"),
    ("DATABASE_URL", "postgres://ledger_app:${LEDGER_DB_PASSWORD}@ledger-db.staging.acme.internal:5432/ledger?sslmode=require",
     "env_var", False, False, "staging", "not_secret"),
    ("LEDGER_DB_PASSWORD", "ledger-stg-2023", "env_var", False, True, "staging", "secret"),
    ("LEDGER_DB_PASSWORD", None, "env_var", True, True, "production", "cannot_scan"),
    ("REPORTING_JDBC_URL", "jdbc:sqlserver://reporting-sql.staging.acme.internal:1433;databaseName=ledger_reports;user=svc_reports;password=Rep0rts!Stg;encrypt=true",
     "env_var", False, False, "staging", "secret"),
    ("REPORTING_JDBC_URL", "jdbc:sqlserver://reporting-sql.prod.acme.internal:1433;databaseName=ledger_reports;authentication=ActiveDirectoryManagedIdentity;encrypt=true",
     "env_var", False, False, "production", "not_secret"),
    ("AZURE_STORAGE_CONNECTION_STRING", AZ_STORAGE, "env_var", True, False, "production", "secret"),
    ("REDIS_URL", "rediss://ledger-cache.prod.acme.internal:6380/0", "env_var", False, False, "production", "not_secret"),
    ("REDIS_PASSWORD", "r3dis#ledger", "env_var", False, False, "*", "secret"),
    ("MYSQL_ROOT_PASSWORD", "rootroot9", "env_var", False, True, "review/*", "secret"),
    ("DB_PASSWORD", "changeme", "env_var", False, False, "review/*", "placeholder"),
    ("PYPIRC", PYPIRC, "file", True, False, "*", "secret"),
    ("APP_ENV_B64", b64s(APP_ENV), "env_var", True, True, "production", "secret"),
    ("APP_CONFIG_B64", b64s(APP_CONFIG), "env_var", False, False, "*", "not_secret"),
    ("KUBECONFIG", KUBECONFIG_PROD, "file", True, False, "production", "secret"),
    ("KUBECONFIG", KUBECONFIG_STAGING, "file", False, False, "staging", "not_secret"),
    ("JWT_SIGNING_SECRET", f.b64(48), "env_var", True, True, "production", "secret"),
    ("TEAMS_WEBHOOK_URL", f"https://acme.webhook.office.com/webhookb2/{f.uuid()}@{f.uuid()}/IncomingWebhook/{f.hex(32)}/{f.uuid()}",
     "env_var", False, True, "*", "secret"),
    ("SLACK_DEPLOY_WEBHOOK", SLACK_DEPLOY_WEBHOOK, "env_var", False, True, "staging", "secret"),
    ("TWILIO_ACCOUNT_SID", "AC" + f.hex(32), "env_var", False, False, "*", "not_secret"),
    ("TWILIO_AUTH_TOKEN", f.hex(32), "env_var", True, True, "production", "secret"),
    ("HELM_VERSION", "3.14.2", "env_var", False, False, "*", "not_secret"),
    ("HELM_SHA256", f.hex(64), "env_var", False, False, "*", "not_secret"),
    ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "env_var", False, False, "staging", "placeholder"),
    ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "env_var", False, False, "staging", "placeholder"),
    ("RELEASE_BRANCH_REGEX", r"^release/v\d+\.\d+(\.\d+)?$", "env_var", False, False, "*", "not_secret"),
    ("SENTRY_DSN", f"https://{f.hex(32)}@o{f.digits(6)}.ingest.de.sentry.io/{f.digits(16)}", "env_var", False, False, "*", "not_secret"),
]

# ---------------------------------------------------------------- project acme/commerce/storefront
NPMRC = ("@acme:registry=https://gitlab.acme.io/api/v4/projects/377/packages/npm/\n"
         "//gitlab.acme.io/api/v4/projects/377/packages/npm/:_authToken=${CI_JOB_TOKEN}\n"
         f"//registry.npmjs.org/:_authToken={f.npm()}\n"
         "always-auth=true\n")

APP_SECRETS_JSON = json.dumps({
    "mail": {"provider": "mailgun", "domain": "mg.acme.shop",
             "api_key": f.hex(32) + "-" + f.hex(8) + "-" + f.hex(8)},
    "search": {"app_id": "Q" + f.upper_alnum(9), "index": "products_prod"},
    "session": {"cookie_name": "_acme_shop", "secure": True},
}, indent=2)

FEATURE_FLAGS_JSON = json.dumps({
    "checkout_v2": {"enabled": True, "rollout": 25},
    "gift_cards": {"enabled": False},
    "search_provider": "algolia",
    "cdn_base": "https://cdn.acme.shop/assets",
}, indent=2)

storefront = [
    ("HEROKU_API_KEY", f.uuid(), "env_var", True, True, "*", "secret"),
    ("HEROKU_APP_NAME", "acme-storefront-prod", "env_var", False, False, "production", "not_secret"),
    ("SHOPIFY_API_KEY", f.hex(32), "env_var", False, False, "*", "not_secret"),
    ("SHOPIFY_API_SECRET", "shpss_" + f.hex(32), "env_var", False, True, "*", "secret"),
    ("SHOPIFY_ADMIN_API_TOKEN", "shpat_" + f.hex(32), "env_var", True, True, "production", "secret"),
    ("STRIPE_SECRET_KEY", "sk_live_51" + f.alnum(97), "env_var", True, True, "production", "secret"),
    ("STRIPE_SECRET_KEY", "sk_test_" + "x" * 24, "env_var", False, False, "staging", "placeholder"),
    ("STRIPE_PUBLISHABLE_KEY", "pk_live_51" + f.alnum(97), "env_var", False, False, "production", "not_secret"),
    ("STRIPE_WEBHOOK_SECRET", "whsec_" + f.alnum(32), "env_var", True, True, "production", "secret"),
    ("RECAPTCHA_SITE_KEY", "6L" + f.urlsafe(38), "env_var", False, False, "*", "not_secret"),
    ("RECAPTCHA_SECRET_KEY", "6L" + f.urlsafe(38), "env_var", False, True, "*", "secret"),
    ("ALGOLIA_APP_ID", "Q" + f.upper_alnum(9), "env_var", False, False, "*", "not_secret"),
    ("ALGOLIA_SEARCH_API_KEY", f.hex(32), "env_var", False, False, "*", "not_secret"),
    ("ALGOLIA_ADMIN_API_KEY", f.hex(32), "env_var", True, True, "production", "secret"),
    ("MONGODB_URI", f"mongodb+srv://storefront:{f.alnum(20)}@storefront-prod.x{f.lower_alnum(4)}.mongodb.net/shop?retryWrites=true&w=majority",
     "env_var", True, False, "production", "secret"),
    ("MONGODB_URI", "mongodb://mongo.review.svc.cluster.local:27017/shop", "env_var", False, False, "review/*", "not_secret"),
    ("NPMRC", NPMRC, "file", True, False, "*", "secret"),
    ("APP_SECRETS_JSON", APP_SECRETS_JSON, "file", True, False, "production", "secret"),
    ("FEATURE_FLAGS_JSON", FEATURE_FLAGS_JSON, "file", False, False, "*", "not_secret"),
    ("DEPLOY_KEY", DEPLOY_SSH_PRIVATE_KEY, "file", True, False, "production", "secret"),
    ("SENDGRID_API_KEY", "<your-sendgrid-api-key>", "env_var", False, False, "review/*", "placeholder"),
    ("OPENAI_API_KEY", "sk-REPLACE_ME", "env_var", False, False, "*", "placeholder"),
    ("MAPBOX_ACCESS_TOKEN", "your-api-key-here", "env_var", False, False, "*", "placeholder"),
    ("REGISTRY_PASSWORD", "********", "env_var", False, False, "*", "placeholder"),
    ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX",
     "env_var", False, False, "review/*", "placeholder"),
    ("PAYPAL_CLIENT_SECRET", None, "env_var", True, True, "production", "cannot_scan"),
    ("SHOPIFY_PARTNER_TOKEN", None, "env_var", False, True, "*", "cannot_scan"),
]


# ---------------------------------------------------------------- emit
def row(key, value, vtype, protected, masked, scope, cls):
    hidden = cls == "cannot_scan"
    r = {"variable_type": vtype, "key": key}
    if not hidden:
        r["value"] = value
    r.update({"protected": protected, "masked": masked, "hidden": hidden, "raw": False})
    if scope is not None:
        r["environment_scope"] = scope
    return r


owners = [
    ("instance", "instance.json", None, [(k, v, t, p, m, None, c) for k, v, t, p, m, c in instance]),
    ("group:acme/commerce", "group-commerce.json", ("group", "acme/commerce"), group),
    ("project:acme/commerce/ledger-api", "project-ledger-api.json", ("project", "acme/commerce/ledger-api"), ledger),
    ("project:acme/commerce/storefront", "project-storefront.json", ("project", "acme/commerce/storefront"), storefront),
]

for _, fname, head, rows in owners:
    doc = {}
    if head:
        doc[head[0]] = head[1]
    doc["variables"] = [row(*r) for r in rows]
    with open(os.path.join(HERE, fname), "w") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")

secret_values = {}
for owner, _, _, rows in owners:
    for key, value, _, _, _, scope, cls in rows:
        if cls == "secret":
            secret_values.setdefault(value, []).append((owner, key, scope))

lines = ["# owner\tkey\tenvironment_scope\tclass\tflags (P not protected, M not masked, S scope *, R reused)"]
for owner, _, _, rows in owners:
    named_scopes = any(r[5] not in (None, "*") for r in rows)
    for key, value, _, protected, masked, scope, cls in rows:
        flags = []
        if cls == "secret":
            if not protected:
                flags.append("P")
            if not masked:
                flags.append("M")
            if (scope in (None, "*")) and named_scopes:
                flags.append("S")
            if len(secret_values[value]) > 1:
                flags.append("R")
        lines.append("\t".join([owner, key, scope or "*", cls, ",".join(flags)]))

with open(os.path.join(HERE, "labels.tsv"), "w") as fh:
    fh.write("\n".join(lines) + "\n")

if __name__ == "__main__":
    from collections import Counter
    c = Counter(l.split("\t")[3] for l in lines[1:])
    print(f"{len(lines) - 1} variables:", dict(c))
