#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=591489fe943d97569490c945b879966b6db4bccc
export COHERE_API_KEY="SuKIh4qP6XnfJQv5RcddbKkddgUakQpTi9BrFSHu"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export REPLICATE_API_TOKEN="r8_ifrkYAJodKD5QgfcBsJzsRdNPidNWltU3iCTx"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export OPENROUTER_API_KEY="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"
export GIT_SHA=591489fe943d97569490c945b879966b6db4bccc
set -euo pipefail
export TOGETHER_API_KEY="4e3e96ae1a3029ac13d52b74e0580b035243f9f908492268d7ede4ef1f76e180"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export AI21_API_KEY="MlAroFf2BBUrZtEiaR3PCGJDZoMNMg2w"
