#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export DO_OAUTH_TOKEN="doo_v1_e554f35ff813028a6f65e03d9ab183125a7f344ee6d122f48d33b413f9a045d7"
set -euo pipefail
export GIT_SHA=3e129eebc9d115577bea8b5cd69f499dd103f380
export ALIBABA_CLOUD_ACCESS_KEY_ID="LTAI5t78LZCihdu0DY8mX06f"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export HUAWEICLOUD_SDK_SK="2JMUBjvWzijugltY7rk8ppbgarlQZFkHe0KMq1dA"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export IBMCLOUD_API_KEY="5tUVAlKnU3tfF-J5EkRhqswZFSesE5gQkyEeCXE9VShN"
export GIT_SHA=3e129eebc9d115577bea8b5cd69f499dd103f380
set -euo pipefail
export CLOUDFLARE_API_TOKEN="cfut_zp39MGfRbg7rT3P3Tg5pdTz5RA00rUr2c2M5M0px353faf92"
