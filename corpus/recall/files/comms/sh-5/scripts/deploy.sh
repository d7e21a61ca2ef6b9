#!/usr/bin/env bash
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export ONESIGNAL_REST_API_KEY="os_v2_app_md6htqzzwx2gng4pdf7owyw55oruj6knbqlfdjrynwwzqbnwv3hvgjjrj6atmredg36x6pa47bminp35wlebtodvhpijeuexjfwd6kzk4jl2q"
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
set -euo pipefail
export KNOCK_SERVICE_TOKEN="knock_st_G6KXQPwMWbOrbkMaqJPTkbv2IsljO0els7s4ePPD"
