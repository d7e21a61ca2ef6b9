#!/usr/bin/env bash
export GIT_SHA=3e129eebc9d115577bea8b5cd69f499dd103f380
set -euo pipefail
export KUBEADM_TOKEN="mjbp5g.bokfk54ynzyho2bc"
