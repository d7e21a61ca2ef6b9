#!/usr/bin/env python3
"""Writes the labelled migration scenario: four variables exports (instance, group, two projects)
and their labels, for the classification measurement of issue 17 (docs/gitlab-variables.md).

Every value is fake (corpus/tools/fake_tokens.py, fixed seed). Labels say what a security engineer
would call each variable -- secret, not_secret, placeholder, cannot_scan -- and which flags a
secret deserves (P not protected, M not masked, S scope * beside environment scopes, R the same
value elsewhere). The CI files beside it are labelled in ci-labels.tsv.

Run from the repository root: python3 corpus/gitlab/scenario/make.py
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
from fake_tokens import Fakes  # noqa: E402

f = Fakes(1717)
pem_body = "\n".join(f.b64(48)[:64] for _ in range(6))
ssh_private = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{pem_body}\n-----END OPENSSH PRIVATE KEY-----\n"
rsa_private = f"-----BEGIN RSA PRIVATE KEY-----\n{pem_body}\n-----END RSA PRIVATE KEY-----\n"
certificate = f"-----BEGIN CERTIFICATE-----\n{pem_body}\n-----END CERTIFICATE-----\n"
public_key = f"-----BEGIN PUBLIC KEY-----\n{f.b64(48)[:64]}\n{f.b64(24)}\n-----END PUBLIC KEY-----\n"
ssh_public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + f.b64(24)[:43] + " deploy@ci"
ec_key_b64 = base64.b64encode(
    f"-----BEGIN EC PRIVATE KEY-----\n{f.b64(48)[:64]}\n{f.b64(30)}\n-----END EC PRIVATE KEY-----\n".encode()
).decode()
kube_key = (
    "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://k8s.example.com\n"
    f"users:\n- name: ci\n  user:\n    client-certificate-data: {base64.b64encode(certificate.encode()).decode()}\n"
    f"    client-key-data: {ec_key_b64}\n"
)
kube_token = (
    "apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n"
    f"    token: eyJhbGciOiJSUzI1NiIsImtpZCI6I{f.b64url(24)}.{f.b64url(90)}.{f.b64url(160)}\n"
)
docker_auth = json.dumps(
    {"auths": {"registry.example.com": {"auth": base64.b64encode(f"deployer:{f.alnum(20)}".encode()).decode()}}}
)
gcp_service_account = json.dumps(
    {
        "type": "service_account",
        "project_id": "shop-prod-4412",
        "private_key_id": f.hex(40),
        "private_key": rsa_private.replace("RSA PRIVATE", "PRIVATE"),
        "client_email": "deployer@shop-prod-4412.iam.gserviceaccount.com",
    },
    indent=2,
)
npmrc = f"//registry.npmjs.org/:_authToken={f.npm()}\n"
config_b64 = base64.b64encode(b"log_level: info\nregion: eu-west-1\nreplicas: 3\nfeature_flags:\n  checkout_v2: true\n").decode()
env_file_b64 = base64.b64encode(f"SENDGRID_API_KEY=SG.{f.urlsafe(22)}.{f.urlsafe(43)}\n".encode()).decode()
shared_db = "Wq7!mZ2#rT9xKp4v"
shared_slack = f"xoxb-{f.digits(12)}-{f.digits(13)}-{f.alnum(24)}"

# (owner file, owner, key, value, type, protected, masked, hidden, scope, label)
V = []


def add(owner, key, value, label, *, scope="*", protected=True, masked=True, hidden=False, vtype="env_var"):
    V.append(dict(owner=owner, key=key, value=value, label=label, scope=scope, protected=protected, masked=masked,
                  hidden=hidden, vtype=vtype))


I, G, S, B = "instance", "group:platform", "project:platform/shop", "project:platform/blog"
# Instance: shared settings, one shared token.
add(I, "DOCKER_REGISTRY_MIRROR", "https://mirror.example.com", "not_secret")
add(I, "HTTP_PROXY", "http://proxy.internal.example.com:3128", "not_secret")
add(I, "NO_PROXY", "localhost,127.0.0.1,.internal.example.com", "not_secret")
add(I, "SONAR_HOST_URL", "https://sonar.example.com", "not_secret")
add(I, "SONAR_TOKEN", "squ_" + f.hex(40), "secret", protected=False)
add(I, "RENOVATE_TOKEN", f.github(), "secret")
add(I, "SECRET_DETECTION_EXCLUDED_PATHS", "spec/fixtures/**,test/**/*.pem", "not_secret")
add(I, "CA_BUNDLE", certificate, "not_secret", vtype="file")
add(I, "DEFAULT_TIMEOUT", "3600", "not_secret")
add(I, "CI_DEBUG_TRACE", "false", "not_secret")
# Group: registry, monitoring, Vault login settings, a few placeholders left from a template.
add(G, "VAULT_ADDR", "https://vault.example.com:8200", "not_secret")
add(G, "VAULT_SERVER_URL", "https://vault.example.com:8200", "not_secret")
add(G, "VAULT_AUTH_PATH", "jwt", "not_secret")
add(G, "VAULT_AUTH_ROLE", "platform-ci", "not_secret")
add(G, "VAULT_NAMESPACE", "admin/platform", "not_secret")
add(G, "REGISTRY_USER", "deployer", "not_secret")
add(G, "REGISTRY_PASSWORD", f.alnum(24), "secret", masked=False)
add(G, "DOCKER_AUTH_CONFIG", docker_auth, "secret", masked=False)
add(G, "DD_API_KEY", f.hex(32), "secret")
add(G, "DD_SITE", "datadoghq.eu", "not_secret")
add(G, "SENTRY_ORG", "platform", "not_secret")
add(G, "SENTRY_AUTH_TOKEN", "sntrys_" + base64.b64encode(json.dumps({"iat": 1733400000, "url": "https://sentry.io", "region_url": "https://de.sentry.io", "org": "platform"}).encode()).decode().rstrip("=") + "_" + f.b64(32).rstrip("="), "secret")
add(G, "SLACK_BOT_TOKEN", shared_slack, "secret", protected=False)
add(G, "SLACK_CHANNEL", "#deploys", "not_secret")
add(G, "SLACK_WEBHOOK_URL", f"https://hooks.slack.com/services/T{f.upper_alnum(8)}/B{f.upper_alnum(10)}/{f.alnum(24)}", "secret")
add(G, "NPM_TOKEN", "REPLACE_ME", "placeholder")
add(G, "PYPI_TOKEN", "<set-me>", "placeholder")
add(G, "TOKEN_REGEX", "[A-Za-z0-9_]{20,40}", "not_secret")
add(G, "RELEASE_TAG_PATTERN", r"^v[0-9]+\.[0-9]+\.[0-9]+$", "not_secret")
add(G, "TERRAFORM_VERSION", "1.9.8", "not_secret")
add(G, "TF_TOKEN_app_terraform_io", f.alnum(14) + ".atlasv1." + f.alnum(67), "secret")
add(G, "AWS_DEFAULT_REGION", "eu-west-1", "not_secret")
add(G, "GROUP_DEPLOY_TOKEN", None, "cannot_scan", hidden=True)
add(G, "LEGACY_VAULT_TOKEN", None, "cannot_scan", hidden=True)
add(G, "GPG_PUBLIC_KEY", f"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{pem_body}\n-----END PGP PUBLIC KEY BLOCK-----\n", "not_secret", vtype="file")
# Shop: environments, a database, payments, the cluster.
add(S, "KUBE_NAMESPACE", "shop", "not_secret")
add(S, "KUBE_CONTEXT", "platform/agents:prod", "not_secret")
add(S, "KUBECONFIG", kube_key, "secret", scope="production", vtype="file")
add(S, "KUBECONFIG", kube_token, "secret", scope="staging", vtype="file", protected=False)
add(S, "DATABASE_URL", "postgres://shop:$DB_PASSWORD@db.internal:5432/shop", "not_secret", scope="production")
add(S, "DATABASE_URL", f"postgres://shop:{f.alnum(18)}@db-staging.internal:5432/shop", "secret", scope="staging", protected=False)
add(S, "DB_PASSWORD", shared_db, "secret", scope="production")
add(S, "DB_PASSWORD", shared_db, "secret", scope="staging", protected=False)
add(S, "DB_HOST", "db.internal", "not_secret", scope="production")
add(S, "DB_USER", "shop", "not_secret")
add(S, "REDIS_URL", f"redis://:{f.alnum(20)}@redis.internal:6379/0", "secret", scope="production")
add(S, "STRIPE_SECRET_KEY", "sk_live_" + f.alnum(99), "secret", scope="production")
add(S, "STRIPE_SECRET_KEY", "sk_test_" + f.alnum(99), "secret", scope="staging", protected=False, masked=False)
add(S, "STRIPE_PUBLISHABLE_KEY", "pk_live_" + f.alnum(99), "not_secret", scope="production")
add(S, "STRIPE_WEBHOOK_SECRET", "whsec_" + f.alnum(32), "secret", scope="production")
add(S, "SENDGRID_API_KEY", f"SG.{f.urlsafe(22)}.{f.urlsafe(43)}", "secret")
add(S, "SMTP_HOST", "smtp.sendgrid.net", "not_secret")
add(S, "SMTP_PASSWORD", "changeme", "placeholder", scope="staging")
add(S, "AWS_ACCESS_KEY_ID", "AKIA" + f.b32(16), "secret", scope="production")
add(S, "AWS_SECRET_ACCESS_KEY", f.aws_secret(), "secret", scope="production")
add(S, "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "placeholder", scope="staging")
add(S, "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "placeholder", scope="staging")
add(S, "S3_BUCKET", "shop-assets-prod", "not_secret", scope="production")
add(S, "JWT_SIGNING_SECRET", f.b64(48), "secret", scope="production")
add(S, "SESSION_SECRET", "xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder", scope="staging")
add(S, "DEPLOY_SSH_KEY", ssh_private, "secret", scope="production", vtype="file")
add(S, "DEPLOY_SSH_PUBLIC_KEY", ssh_public, "not_secret")
add(S, "GCP_SERVICE_ACCOUNT", gcp_service_account, "secret", scope="production", vtype="file")
add(S, "GOOGLE_CLIENT_ID", f.digits(12) + "-" + f.lower_alnum(32) + ".apps.googleusercontent.com", "not_secret")
add(S, "GOOGLE_CLIENT_SECRET", "GOCSPX-" + f.urlsafe(28), "secret", scope="production")
add(S, "APP_CONFIG_B64", config_b64, "not_secret")
add(S, "ENV_FILE_B64", env_file_b64, "secret", scope="production")
add(S, "NPMRC", npmrc, "secret", vtype="file", protected=False)
add(S, "SLACK_BOT_TOKEN", shared_slack, "secret", protected=False)
add(S, "FEATURE_CHECKOUT_V2", "true", "not_secret")
add(S, "REPLICAS", "3", "not_secret", scope="production")
add(S, "VAULT_TOKEN", "hvs." + f.alnum(24), "secret", scope="production")
add(S, "VAULT_AUTH_ROLE", "shop-production", "not_secret", scope="production")
add(S, "K8S_SECRET_NAME", "shop-credentials", "not_secret")
add(S, "OAUTH_TOKEN_URL", "https://auth.example.com/oauth/token", "not_secret")
add(S, "API_KEY_HEADER", "X-Api-Key", "not_secret")
add(S, "CYPRESS_RECORD_KEY", f.uuid(), "secret", scope="staging", protected=False)
add(S, "SHOP_ADMIN_PASSWORD", None, "cannot_scan", hidden=True, scope="production")
# Blog: a CE project with the Vault CLI, WordPress secrets, some left-overs.
add(B, "WP_DB_PASSWORD", "Bl0g-" + f.alnum(12), "secret", scope="production")
add(B, "WP_DB_USER", "wordpress", "not_secret")
add(B, "WP_AUTH_KEY", f.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_[]{}<>~+=,.;:/?|", 64), "secret", scope="production", masked=False)
add(B, "WP_AUTH_SALT", f.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_[]{}<>~+=,.;:/?|", 64), "secret", scope="production", masked=False)
add(B, "WP_HOME", "https://blog.example.com", "not_secret")
add(B, "FTP_HOST", "ftp.example.com", "not_secret")
add(B, "FTP_PASSWORD", "TBD", "placeholder")
add(B, "MAILGUN_API_KEY", "key-" + f.hex(32), "secret", protected=False)
add(B, "MAILGUN_DOMAIN", "mg.example.com", "not_secret")
add(B, "CLOUDFLARE_API_TOKEN", f.urlsafe(40), "secret")
add(B, "CLOUDFLARE_ZONE_ID", f.hex(32), "not_secret")
add(B, "CLOUDFLARE_ACCOUNT_ID", f.hex(32), "not_secret")
add(B, "ALGOLIA_APP_ID", f.upper_alnum(10), "not_secret")
add(B, "ALGOLIA_ADMIN_KEY", f.hex(32), "secret")
add(B, "ALGOLIA_SEARCH_KEY", "your-search-key", "placeholder")
add(B, "OPENAI_API_KEY", "sk-proj-" + f.urlsafe(74) + "T3BlbkFJ" + f.urlsafe(74), "secret", protected=False, masked=False)
add(B, "DEPLOY_HOST_KEY", "blog.example.com " + ssh_public.rsplit(" ", 1)[0], "not_secret")
add(B, "RSYNC_PASSWORD", "dummy", "placeholder")
add(B, "BACKUP_ENCRYPTION_PASSPHRASE", "correct horse battery staple 42", "secret")
add(B, "GITLAB_API_TOKEN", f.glpat(), "secret")
add(B, "BLOG_THEME", "twentytwentyfive", "not_secret")
add(B, "MATOMO_SITE_ID", "7", "not_secret")
add(B, "RECAPTCHA_SITE_KEY", "6L" + f.urlsafe(38), "not_secret")
add(B, "RECAPTCHA_SECRET_KEY", "6L" + f.urlsafe(38), "secret", scope="production")
add(B, "LEGACY_API_SECRET", None, "cannot_scan", hidden=True)

# Expected flags, from the labels (not from the tool): P, M, S, R.
envs = {}
for v in V:
    if v["scope"] != "*":
        envs.setdefault(v["owner"], set()).add(v["scope"])
for v in V:
    flags = []
    if v["label"] == "secret":
        if not v["protected"]:
            flags.append("P")
        if not v["masked"]:
            flags.append("M")
        if v["scope"] == "*" and envs.get(v["owner"]):
            flags.append("S")
        if sum(1 for w in V if w["label"] == "secret" and w["value"] == v["value"]) > 1:
            flags.append("R")
    v["flags"] = flags

files = {I: "instance.json", G: "group-platform.json", S: "project-shop.json", B: "project-blog.json"}
for owner, name in files.items():
    rows = []
    for v in V:
        if v["owner"] != owner:
            continue
        row = {"variable_type": v["vtype"], "key": v["key"]}
        if not v["hidden"]:
            row["value"] = v["value"]
        row.update(protected=v["protected"], masked=v["masked"] or v["hidden"], hidden=v["hidden"], raw=False,
                   environment_scope=v["scope"])
        if owner == I:
            del row["environment_scope"]
        rows.append(row)
    if owner == I:
        doc = {"variables": rows}
    elif owner.startswith("group:"):
        doc = {"group": owner.split(":", 1)[1], "variables": rows}
    else:
        doc = {"project": owner.split(":", 1)[1], "variables": rows}
    with open(os.path.join(HERE, name), "w") as out:
        json.dump(doc, out, indent=2)
        out.write("\n")
with open(os.path.join(HERE, "labels.tsv"), "w") as out:
    out.write("# owner\tkey\tenvironment_scope\tclass\tflags (P not protected, M not masked, S scope *, R reused)\n")
    for v in V:
        out.write(f"{v['owner']}\t{v['key']}\t{v['scope']}\t{v['label']}\t{','.join(v['flags'])}\n")
print(f"{len(V)} variables")
