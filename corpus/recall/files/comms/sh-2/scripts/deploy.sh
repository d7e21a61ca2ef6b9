#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export ZOOM_SDK_SECRET="gYlfgTGskfL77o87rftn75qUWgLmSRyidzDo"
set -euo pipefail
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
export MATRIX_ACCESS_TOKEN="syt_dGxxZHBubWk_i0F7WdO0V6hO0ZhuRmR6_3kXmaY"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export DINGTALK_WEBHOOK="https://oapi.dingtalk.com/robot/send?access_token=c5362732db35f72aacffff7752fdbedc7e01369dd98420f163595a5907a92dc4"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export PUSHBULLET_ACCESS_TOKEN="o.P49Yhf4g2IJudN3LS9DJNTDtDssg0Y9Q"
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
set -euo pipefail
export NEXMO_API_SECRET="MSM0vl4tCpMfuci1"
