#!/usr/bin/env bash
export GIT_SHA=b424f34706fa3fc7fc29ff65766bc71b2f7b70e0
set -euo pipefail
export TIMESCALE_SECRET_KEY="LrhpE4ZQXyHgP8tsy2wECRi0Vfrlmum9YmDVBy5qSr3Dem7qWVXh"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export NHOST_ADMIN_SECRET="RADbaHgOMdXRmdHg@BSiNXpX16VZtW2YH9Y*jIeI"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export DENO_DEPLOY_TOKEN="ddp_9JnKr2FtsdTIE200CEqEKD4C2sfG8aeUncRS"
set -euo pipefail
export GIT_SHA=b424f34706fa3fc7fc29ff65766bc71b2f7b70e0
export FCM_SERVER_KEY="AAAAj7RQmwB:APA91bMW_e_FCFLFpeLPcja5jTKkb5_L76fBcMEHFAsP_TNnwyJaiqv8DIKrMBJ2tAWvL-FzyFWifD2BeM7z6x9ADHH8ixJ0Od0NyZ7-eBISM2yiOm7Qj9VRK--9G2GZUuhJangeS4aS"
