#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export NEW_RELIC_LICENSE_KEY="6f33548d6b968312fa9842b0b327e8facbd42fb5"
set -euo pipefail
export GIT_SHA=fb5c958662393dae7634fe3eeb45ac6472321a9b
export SENTRY_AUTH_TOKEN="45ffa8d1c72edff341329003c8029c7faef9989bd261fbd2ffa6f68b739b0fd9"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export SUMOLOGIC_ACCESSKEY="C7w96qX2fHeUJkqkG6UoCZFKCIVvSy4sRpk2aXCZXldR7X4sJIyWBf0Hp8s7HXVB"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export HONEYCOMB_API_KEY="f9V68hnTE4xbIrvTWQiJg8"
export GIT_SHA=fb5c958662393dae7634fe3eeb45ac6472321a9b
set -euo pipefail
export LOGZIO_SHIPPING_TOKEN="wcUNGEWcYZgxCWBEnZDmcfidZUIgvKbh"
