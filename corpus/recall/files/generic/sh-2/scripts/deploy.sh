#!/usr/bin/env bash
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export BEARER_TOKEN="DnvjBaNwW2T0100bgM4dSXFU6YkSV19OhX1w6BV9cbY"
set -euo pipefail
export GIT_SHA=ee8cf79ddd1df9c8ce8e0c8e7045ebf79c343cbb
export API_KEY="a0ab9127eda5644f1f8fb74efc869fb0"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export PRIVATE_KEY="d1274899a4c769094cb88ced6738bbc0e85d9767a8b05242f5d1f7c6a3679aa8"
