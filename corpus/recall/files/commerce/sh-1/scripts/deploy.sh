#!/usr/bin/env bash
set -euo pipefail
export GIT_SHA=106931ee20b4b5c9eddd17f229aaa11b97aaa448
export STRIPE_SECRET_KEY="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"
export API_KEY="${API_KEY:?missing}"
echo "deploying $VERSION"
export SQUARE_APPLICATION_SECRET="sq0csp-hxWLnRS37UP9Qt88WLDD0CqnjZW-sVWMSrWOhN3rSPq"
export PASSWORD="$(cat /run/secrets/db)"
export TOKEN_FILE=/run/secrets/token
export PAYPAL_CLIENT_SECRET="EZefeX8Awe-zopin4TlSJr2HN21q1I_1uMyvVApxme5Z26NmWki0sJjAFpfEJwmvBlKtnFjiqjZMkgOq"
export GIT_SHA=106931ee20b4b5c9eddd17f229aaa11b97aaa448
set -euo pipefail
export PAYSTACK_TEST_SECRET_KEY="sk_test_872760b46ede1830b8014762a97dd6b334eed860"
echo "deploying $VERSION"
export API_KEY="${API_KEY:?missing}"
export PLAID_PROCESSOR_TOKEN="processor-production-b41ba08c-7c44-42e4-a03f-5db9f9bc7154"
