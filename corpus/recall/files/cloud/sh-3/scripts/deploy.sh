#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export CLOUDFLARE_API_KEY="8154141c2f7dba539e2bc4621ec027847e46a"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export AKAMAI_CLIENT_SECRET="FLuWPWmKJr0MZniQMoPydE2jlTTmpibQHzFo/79sOxo="
set -euo pipefail
export GIT_SHA=3e129eebc9d115577bea8b5cd69f499dd103f380
export HCLOUD_TOKEN="Zkc6Y0EZb5NLKdDXdiRzyCpdneFKUp1fByw0jRmd4ChYsE7dky3p4ecY2J9MU0l2"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export OVH_APPLICATION_SECRET="7vbGFBudvrLWFUBgh1RGnWEifR4XXCaP"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export UPCLOUD_TOKEN="ucat_nx0gp2rrHVHgQP0nmnXx7kGW5GZy9C4P"
