#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export LOB_API_KEY="live_d50188ef9b427c1cb8bd9eab91c8c73618c"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export INFURA_API_KEY="182d51921fbe8740237c5e23054d2890"
set -euo pipefail
export GIT_SHA=106931ee20b4b5c9eddd17f229aaa11b97aaa448
export BINANCE_API_SECRET="4iIi4ZDCMulNwcWlJKwwSmE2IiRL7T2ns0LkjSlE6t8oh36jTWfaE43ZYhrHbP2D"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export BLOCKCYPHER_TOKEN="daf97c80b14e8a449d8484f13c9d96d7"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export TWITTER_BEARER_TOKEN="AAAAAAAAAAAAAAAAAAAAAVKCyCAAAAAAAZlI%2Bcnime2YbaKInSOC5%2FFzIMld0G%3DotxkFyWVSSRG8He74ZgRFsXIbvdQxdCmGT2K9ReYwxPJZMEKQg"
