#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export ELEVEN_API_KEY="0d021d3272d8b7dc59346ff4c784e537"
set -euo pipefail
export GIT_SHA=591489fe943d97569490c945b879966b6db4bccc
export RUNWAYML_API_SECRET="key_8365c87adda2b7a813403e9e1494a8803fbc6276fc2b8e0cfa0198051b20546bf249f2fcbb13b2ac27e0c6efaafd96fc66d409cf7ab5ef13176e78ef80228156"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export TAVILY_API_KEY="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"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export PINECONE_API_KEY="pcsk_tYX4tz_cFotjggySedQst84x9t3uljmkVtxmXTjmuDixkR3j0RDO7nHryzDNjw5Im47Ujo"
export GIT_SHA=591489fe943d97569490c945b879966b6db4bccc
set -euo pipefail
export QDRANT_SERVICE_API_KEY="b6d3d21b-c8a9-464a-b381-5382df88ac6b|PgBb48GLeQMkz6lwwUg5QhEzQtYgHxR7D7hAmPeX"
