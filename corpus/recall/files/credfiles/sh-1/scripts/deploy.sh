#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=df3f031a4af7c27aff63c02c4c624dc7c8a750b4
export JWT_SIGNING_KEY="Hcd7TPmy/kyn+DrWgpy4UwbTyBWZR8mxpgxc4uYxg5I="
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export PGPASSWORD="QoTe-je.Wrzgv1N0"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export SSHPASS="o*4W_a_wFYYQAFo0"
export GIT_SHA=df3f031a4af7c27aff63c02c4c624dc7c8a750b4
set -euo pipefail
export REDISCLI_AUTH="Ixkb3ZbHBEZ-E6F5"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export APP_KEY="base64:o+zYiWVCNV/DRwNxvA0/U8dkuO51D465nOmyOVLGYA4="
