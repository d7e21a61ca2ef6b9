#!/bin/sh
curl -fsS -u deploy:j~GRsUAcJECMy424 https://nexus.corp.internal/repository/raw/app.tgz -O
