#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export LANGSMITH_API_KEY="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"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export HELICONE_API_KEY="sk-helicone-eu-2tkxv1e-g2pb96i-ruo2p6t-x3zzkmr"
