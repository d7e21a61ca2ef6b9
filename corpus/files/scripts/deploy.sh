#!/usr/bin/env bash
set -euo pipefail
export VAULT_ADDR=https://vault.internal:8200
export VAULT_TOKEN=hvs.ulpwIKak99neEC7C6JYMiznF6ytTBURaHyx49wQOmCb5k5pbS2Sd6CRSH2D6oqM79_O36jKkv_0GhTnrU-D4J1-pmHd
echo "dckr_pat_IpeUxT0uRcm0EA6Gk8htj_wf0gZ" | docker login -u ci-bot --password-stdin
curl -X POST -F token=glptt-9cd89bf6e31c021f6b75d2715bd8a28f7d134bb8 -F ref=main https://gitlab.example.com/api/v4/projects/42/trigger/pipeline
# the next token is read from the environment, nothing to report:
curl --header "PRIVATE-TOKEN: $GITLAB_TOKEN" https://gitlab.example.com/api/v4/user
