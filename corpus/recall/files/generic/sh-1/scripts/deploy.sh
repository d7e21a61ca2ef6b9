#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=ee8cf79ddd1df9c8ce8e0c8e7045ebf79c343cbb
export ADMIN_PASS="qg7HV8M=mw#WtZcxD3&y"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export USER_PWD="zBG#K+?+?mNsE@E"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export FTP_PASSWORD="Rocket862!"
export GIT_SHA=ee8cf79ddd1df9c8ce8e0c8e7045ebf79c343cbb
set -euo pipefail
export SECRET_KEY="bb!=dz!_ht@okm9#f6y(-l6o))u=strxawquqvj82m-5)e3wk$"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export HMAC_KEY="ea175bd02c145b9318471576915804bb38defaa516e2ed779bf9c74abf302ca1"
