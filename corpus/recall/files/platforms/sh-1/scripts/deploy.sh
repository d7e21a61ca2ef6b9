#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=b424f34706fa3fc7fc29ff65766bc71b2f7b70e0
export VAULT_SECRET_ID="da0a2100-00f4-4485-8cd7-3c94313fd60e"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export HCP_CLIENT_SECRET="luqIgFC1R10Xz5leh06GDHGezfdFOOXOfKVcGvWlrFK7RQxOx1b0zxcgXbYdqTpA"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export NETLIFY_TOKEN="nfc_S3AAqjaWmoDoUkGWt2AaMpSdUX3fwW1HQcfD"
export GIT_SHA=b424f34706fa3fc7fc29ff65766bc71b2f7b70e0
set -euo pipefail
export VERCEL_TOKEN="vcp_aLdaY0VUkFf1BT8YTPFkUKoEEiTqiwJcuKhAwLcAn8xS2hQa5XMAfdhs"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export VERCEL_TOKEN="QMNlT2AuwiIOKZymjPRAuJd6"
