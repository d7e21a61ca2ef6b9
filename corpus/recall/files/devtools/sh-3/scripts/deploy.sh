#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export HARNESS_API_KEY="pat.Ycof3eF4CVyQCXgB9kjDeX.16efe248f9709b4e0c7f23bd.sUw8jnYJ6206uInMxkko"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export BITRISE_API_TOKEN="N_8t6eA6AO-WVXbrwHZ2VLseCg5dWD8XPrQN15DxpInYg0wqJettmsVF4lvyokn5VHtIChjQ7AzOnT8l-BBvlL"
set -euo pipefail
export GIT_SHA=6d4b2a9e4c454d0c326e1d027e2273cb76657ac6
export FORGEJO_TOKEN="f514904649f4f48df4f64795bfc9253c4dc4c0cf"
