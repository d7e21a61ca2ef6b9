#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export SOURCEGRAPH_TOKEN="sgp_cf52c8a5a0eb688423ee40fb75a98179e13ce057"
set -euo pipefail
export GIT_SHA=6d4b2a9e4c454d0c326e1d027e2273cb76657ac6
export CODACY_PROJECT_TOKEN="237b7602532cc5bab0861be29cedd558"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export POSTMAN_ACCESS_KEY="PMAT-01BHM7EDB65KGSRNY44AZJQH45"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export GRADLE_PUBLISH_SECRET="bA3kafdSkKiSwZ5lvOoz4duWyN8YDWnh"
export GIT_SHA=6d4b2a9e4c454d0c326e1d027e2273cb76657ac6
set -euo pipefail
export PACKAGIST_TOKEN="packagist_uut_bf78220bf53217ab40c2710c93d7e4ab6c1349e167ea910e75d5b3ffa9f261207a77"
