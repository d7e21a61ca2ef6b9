#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export TELNYX_API_KEY="KEY4H5XGR1QZ70UIJ7D74TF4YZ2DJWNXT40_prBdsz7FybuL7inyPHS82G"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export INFOBIP_API_KEY="3e4b97383c153c07ec6302e6f7dc257b-ad2c3d23-ba78-45ea-9baa-8addca5bcb6e"
set -euo pipefail
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
export MAILGUN_PUBLIC_KEY="pubkey-b5262850d843aa09d59a31ab1f088d39"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export MAILJET_SECRET_KEY="b96f885f02cd7e3911ace063c78b4b06"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export BREVO_API_KEY="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"
