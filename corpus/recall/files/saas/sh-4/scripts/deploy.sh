#!/usr/bin/env bash
export GIT_SHA=fb5c958662393dae7634fe3eeb45ac6472321a9b
set -euo pipefail
export BOX_CLIENT_SECRET="V830Tx5mCzQfm6VBAg76jMV8WcSDdkhS"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export SMARTSHEET_ACCESS_TOKEN="LfFBkefue5ETBRKlWUihHTOYcM"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export SANITY_API_TOKEN="sknvK13sojOqTO0XJhV9ETobGoD4QDmOnhqUX2ndMGS7NPtX5wvcMxzid8rHJemgQ8g4VBKomph0PlpmF2pd00wnXJp0EPBKP4w9Kqa9RGcPTkdvp4kVAGVmHeE1z2gelCZ0nwWVTXxjmyzivhDuNzyqGUA4Vwipvk1Xy1oSylYTKO925l62pH"
set -euo pipefail
export GIT_SHA=fb5c958662393dae7634fe3eeb45ac6472321a9b
export MAKE_WEBHOOK_URL="https://hook.eu2.make.com/ndnuzqjt8faqkqp8x7n6990jwnb921ie"
