#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
export SLACK_TOKEN="xoxs-806353631025-106890789625-4566536895744-01c290b5acd7e884c1b10017b3b3b207460d08066ee955833c9d357ab94e2b4b"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export SLACK_TRIGGER_URL="https://hooks.slack.com/triggers/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"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export MS_TEAMS_WEBHOOK="https://outlook.office.com/webhook/0e36b1d9-0637-4dee-bee9-97f94512981a@24287389-a053-4de7-95b8-61ea2caf60e1/IncomingWebhook/5b290f33cf989c9624c1fdab6ca7e686/5c58228d-5c81-46db-81ab-08aee1442614"
export GIT_SHA=69f2456170e809821f322a97fe62f9751fc0ddca
set -euo pipefail
export DISCORD_TOKEN="Njg1NTM4NTg2MzA2NjU1NjQwOQ.gsBHx9._zf_pxeQICtOEA7Wp9lVbwACH2kV1isDy-sDyp"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export MM_BOT_TOKEN="pumrijozopg4x5ffkfymbbytkf"
