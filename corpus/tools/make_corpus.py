#!/usr/bin/env python3
"""Writes corpus/files/: realistic project files with planted fake secrets (deterministic).

Run from the repository root: python3 corpus/tools/make_corpus.py. The end-to-end tests assert
the exact findings in these files (Tests/secretradarTests/Golden/corpus-files.json), so re-record
the golden file after changing this script (README.md, "Tests").
"""
import os, string, sys
sys.path.insert(0, os.path.dirname(__file__))
from fake_tokens import Fakes, B32

f = Fakes(4242)
AN = string.ascii_letters + string.digits
root = "corpus/files"
glpat = f.glpat()
pg_pw = f.alnum(20)
files = {}

files[".env"] = f"""# local development settings
APP_ENV=production
GITLAB_TOKEN={glpat}
POSTGRES_PASSWORD={f.chars(AN + '!%^', 18)}
DATABASE_URL=postgresql://app:{pg_pw}@db.internal:5432/app
STRIPE_SECRET_KEY=${{STRIPE_SECRET_KEY}}
SENTRY_DSN=
LEGACY_API_KEY={f.hex(32)}  # secretradar:ignore rotated 2026-10, kept for the decommission script
"""
aws_id, aws_secret = f.aws_key_id(), f.aws_secret()
files["config/settings.yaml"] = f"""service:
  name: billing
  region: eu-west-1
aws:
  access_key_id: {aws_id}
  secret_access_key: {aws_secret}
notifications:
  slack_webhook: https://hooks.slack.com/services/T{f.chars(string.ascii_uppercase + string.digits, 9)}/B{f.chars(string.ascii_uppercase + string.digits, 11)}/{f.alnum(24)}
  # documentation placeholder, not a key:
  example_key: AKIAIOSFODNN7EXAMPLE
"""
files["config/app.json"] = f"""{{
  "mail": {{
    "provider": "sendgrid",
    "apiKey": "SG.{f.chars(AN + '_-', 22)}.{f.chars(AN + '_-', 43)}"
  }},
  "search": {{
    "api_key": "{f.alnum(40)}",
    "endpoint": "https://search.internal/v1"
  }}
}}
"""
vault = "hvs." + f.chars(AN + "_-", 91)
trigger = "glptt-" + f.hex(40)
dockerpat = "dckr_pat_" + f.chars(AN + "_-", 27)
files["scripts/deploy.sh"] = f"""#!/usr/bin/env bash
set -euo pipefail
export VAULT_ADDR=https://vault.internal:8200
export VAULT_TOKEN={vault}
echo "{dockerpat}" | docker login -u ci-bot --password-stdin
curl -X POST -F token={trigger} -F ref=main https://gitlab.example.com/api/v4/projects/42/trigger/pipeline
# the next token is read from the environment, nothing to report:
curl --header "PRIVATE-TOKEN: $GITLAB_TOKEN" https://gitlab.example.com/api/v4/user
"""
files["src/app.py"] = f"""import os

import requests

GITHUB_TOKEN = "{f.github()}"
OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
password = os.environ.get("DB_PASSWORD")


def fetch(repo: str) -> dict:
    headers = {{"Authorization": f"token {{GITHUB_TOKEN}}"}}
    return requests.get(f"https://api.github.com/repos/{{repo}}", headers=headers).json()
"""
files["src/main/java/com/example/Db.java"] = f"""package com.example;

public final class Db {{
    private static final String URL = "mysql://reporting:{f.alnum(16)}@mysql.internal:3306/reports";
    private static final String TWILIO_AUTH_TOKEN = "{f.hex(32)}";

    private Db() {{}}
}}
"""
files["infra/main.tf"] = f"""terraform {{
  cloud {{
    organization = "example"
  }}
}}

provider "azurerm" {{
  features {{}}
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = "{f.chars(AN, 3)}8Q~{f.chars(AN + '_~.-', 34)}"
}}

variable "tfe_token" {{
  default = "{f.alnum(14)}.atlasv1.{f.chars(AN, 67)}"
}}
"""
npm = f.npm()
files[".npmrc"] = f"""registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken={npm}
@internal:registry=https://gitlab.example.com/api/v4/projects/7/packages/npm/
//gitlab.example.com/api/v4/projects/7/packages/npm/:_authToken=${{CI_JOB_TOKEN}}
"""
files[".docker/config.json"] = f"""{{
  "auths": {{
    "registry.gitlab.com": {{
      "auth": "{f.b64(30)}"
    }}
  }}
}}
"""
body = f.b64(900)
files["keys/deploy_rsa.pem"] = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(body[i:i+64] for i in range(0, len(body), 64)) + "\n-----END RSA PRIVATE KEY-----\n"
sa_body = f.b64(600)
files["gcp/service-account.json"] = f"""{{
  "type": "service_account",
  "project_id": "billing-prod",
  "private_key_id": "{f.hex(40)}",
  "private_key": "-----BEGIN PRIVATE KEY-----\\n{sa_body}\\n-----END PRIVATE KEY-----\\n",
  "client_email": "deployer@billing-prod.iam.gserviceaccount.com"
}}
"""
files["docs/onboarding.md"] = f"""# Onboarding

Put your token in `.env` as `GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx` and never commit it.
AWS documentation uses `AKIAIOSFODNN7EXAMPLE` as an access key id.
Connect with `postgresql://user:password@localhost:5432/dev`.
The old token `{glpat}` was leaked in a ticket; it is listed here by mistake.
"""
files[".netrc"] = f"machine gitlab.example.com login ci-bot password {f.alnum(20)}\n"

os.makedirs(root, exist_ok=True)
for path, text in files.items():
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as out:
        out.write(text)
# A binary file with a token inside: skipped as binary and counted.
with open(os.path.join(root, "assets/logo.bin") if os.path.isdir(os.path.join(root, "assets")) else (os.makedirs(os.path.join(root, "assets")) or os.path.join(root, "assets/logo.bin")), "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + f.glpat().encode() + bytes(range(256)))
print("wrote", len(files) + 1, "files under", root)
