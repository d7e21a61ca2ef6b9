#!/usr/bin/env bash
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export AXIOM_TOKEN="xaat-a25ef578-436f-4f6f-ad89-5e7d89cfb4cf"
export TOKEN_FILE=/run/secrets/token
export PASSWORD="$(cat /run/secrets/db)"
export NOTION_TOKEN="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"
set -euo pipefail
export GIT_SHA=fb5c958662393dae7634fe3eeb45ac6472321a9b
export TRELLO_TOKEN="ATTA3afa6f66a7bae611a19bd821ba5097060f6b78489068dad29db8bb297b6308318749504F"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export FIGMA_TOKEN="figd_Ih3YKAukLIQ0EyCQZgn8k3pVoTkx7WWPize_wf_G"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export MAPBOX_SECRET_TOKEN="sk.eyJ1IjoiYWNtZS1iNGpuaW4iLCJhIjoiNDBkeHk2N3RnY2llcDR5NGY5NXMzNmlmZCJ9.LlM3WxDSe8TUrUS0yhO8Pu"
