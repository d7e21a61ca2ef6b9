#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export MOLLIE_API_KEY="live_7UJTBJSMfSpx6JgwTYHTCmfamHatEb"
set -euo pipefail
export GIT_SHA=106931ee20b4b5c9eddd17f229aaa11b97aaa448
export GC_ACCESS_TOKEN="live_AiGjxnwa2H05DXQsAe6GCUIpHF3H5279WIINUMEo"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export KLARNA_API_PASSWORD="mS8Vtz8LqjrNDPvn"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export PADDLE_SANDBOX_API_KEY="pdl_sdbx_apikey_fy24c447ltuvkgwfdgq4v2v6a4_RocdXHYwTOKRqsFGRLPiYy_l18"
export GIT_SHA=106931ee20b4b5c9eddd17f229aaa11b97aaa448
set -euo pipefail
export WOOCOMMERCE_CONSUMER_SECRET="cs_704875b1b8be347da53b7b68944e3d0af874f5dd"
