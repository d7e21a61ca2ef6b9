"""Payment, commerce, shipping, crypto, social and IoT credentials (group `commerce`).

Every `make` builds a fresh fake in the vendor's documented format (prefix, length, alphabet) from
the harness's `Fakes`; none is a real credential. Values without a distinctive prefix are only
reported next to the service's name, so their cases use such names; URLs, key pairs written
together, key files and command lines use `line`.
"""
import string

from recall_spec import Case

B64 = string.ascii_letters + string.digits + "+/"
B32_LOWER = "abcdefghijklmnopqrstuvwxyz234567"
ADYEN_TAIL = string.ascii_letters + string.digits + "*%#?;!@"
P256_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"   # DER prefix of a PKCS#8 EC P-256 key

# A few words of the BIP-39 English list.
BIP39 = ("abandon ability able about above absent absorb abstract absurd abuse access accident account "
         "achieve acid acoustic acquire across action actor actual adapt address adjust admit adult advance "
         "advice afford again agent agree ahead airport alarm album alert alien alley allow almost alpha "
         "already alter always amateur amazing among amount anchor ancient anger angle animal ankle announce "
         "annual answer antenna antique anxiety apart apology appear apple approve arctic arena argue armor "
         "army arrange arrest arrive arrow artist artwork aspect assault asset assist assume athlete atom "
         "attack attend auction audit august aunt author autumn average avocado avoid awake aware awesome "
         "bacon badge balance balcony bamboo banana banner bargain barrel basket battle beach beauty become "
         "believe bench benefit betray bicycle biology birth bitter blanket bleak bless blossom board bonus "
         "border borrow bottom bounce bracket brave breeze bridge brisk broccoli bronze brother bubble budget "
         "buffalo bullet bundle bunker burden burger butter").split()


def mnemonic(f, n=12):
    return " ".join(BIP39[int(f.digits(4)) % len(BIP39)] for _ in range(n))


def paddle_key(f, env="live"):
    return "pdl_%s_apikey_%s_%s_%s" % (env, f.lower_alnum(26), f.alnum(22), f.alnum(3))


def adyen_key(f):
    return "AQE" + f.chars(B64, 101) + "=-" + f.b64(32) + "-" + f.chars(ADYEN_TAIL, 16)


def ec_key_body_json(f):
    body = f.b64(121)
    return "\\n".join(body[i:i + 64] for i in range(0, len(body), 64))


def twitter_bearer(f):
    return ("A" * 21 + f.alnum(5) + "A" * 7 + f.alnum(3) + "%2B" + f.alnum(16) + "%2F" + f.alnum(8)
            + "%3D" + f.alnum(50))


def jwt_like(f, sig=256):
    import base64
    import json
    enc = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")
    return (enc({"typ": "JWT", "alg": "RS256"}) + "." + enc({"aud": "1", "jti": f.hex(40), "sub": f.digits(6)})
            + "." + f.b64url(sig))


CASES = [
    # ---- Shopify (shopify.access_token is covered by the existing corpus; new kinds here)
    Case(family="shopify", rule="shopify.access_token", name="SHOPIFY_ACCESS_TOKEN",
         make=lambda f: "shpat_" + f.hex(32)),
    Case(family="shopify", rule="shopify.theme_access_password", name="SHOPIFY_CLI_THEME_TOKEN",
         make=lambda f: "shptka_" + f.hex(32)),
    Case(family="shopify", rule="shopify.theme_access_password", name="shopify theme push",
         make=lambda f: "shptka_" + f.hex(32),
         line=lambda f, s: "      - run: shopify theme push --store acme-shop --password %s --allow-live" % s,
         formats=["yml"], filename=".github/workflows/theme.yml"),
    Case(family="shopify", rule="shopify.api_secret_key", name="SHOPIFY_API_SECRET",
         make=lambda f: f.hex(32)),

    # ---- Stripe
    Case(family="stripe", rule="stripe.secret_key", name="STRIPE_SECRET_KEY",
         make=lambda f: "sk_live_" + f.alnum(99)),
    Case(family="stripe", rule="stripe.restricted_key", name="STRIPE_RESTRICTED_KEY",
         make=lambda f: "rk_live_" + f.alnum(24)),
    Case(family="stripe", rule="stripe.webhook_signing_secret", name="STRIPE_WEBHOOK_SECRET",
         make=lambda f: "whsec_" + f.alnum(32)),

    # ---- Square
    Case(family="square", rule="square.access_token", name="SQUARE_ACCESS_TOKEN",
         make=lambda f: "EAAA" + f.urlsafe(60)),
    Case(family="square", rule="square.legacy_access_token", name="SQUARE_TOKEN",
         make=lambda f: "sq0atp-" + f.urlsafe(22)),
    Case(family="square", rule="square.oauth_secret", name="SQUARE_APPLICATION_SECRET",
         make=lambda f: "sq0csp-" + f.urlsafe(43)),
    Case(family="square", rule="square.sandbox_credential", name="SQUARE_SANDBOX_SECRET",
         make=lambda f: "sandbox-sq0csb-" + f.urlsafe(43)),

    # ---- Braintree / PayPal
    Case(family="braintree", rule="braintree.access_token", name="BRAINTREE_ACCESS_TOKEN",
         make=lambda f: "access_token$production$" + f.lower_alnum(16) + "$" + f.hex(32)),
    Case(family="braintree", rule="braintree.sandbox_access_token", name="BT_SANDBOX_ACCESS_TOKEN",
         make=lambda f: "access_token$sandbox$" + f.lower_alnum(16) + "$" + f.hex(32)),
    Case(family="braintree", rule="braintree.private_key", name="BRAINTREE_PRIVATE_KEY",
         make=lambda f: f.hex(32)),
    Case(family="paypal", rule="paypal.client_secret", name="PAYPAL_CLIENT_SECRET",
         make=lambda f: "E" + f.urlsafe(79)),

    # ---- Adyen
    Case(family="adyen", rule="adyen.api_key", name="ADYEN_API_KEY", make=adyen_key),
    Case(family="adyen", rule="adyen.hmac_key", name="ADYEN_HMAC_KEY", make=lambda f: f.hex(64).upper()),

    # ---- Razorpay
    Case(family="razorpay", rule="razorpay.key_secret", name="RAZORPAY_KEY_SECRET", make=lambda f: f.alnum(24)),
    Case(family="razorpay", rule="razorpay.api_key_pair", name="curl -u",
         make=lambda f: f.alnum(24),
         line=lambda f, s: "curl -u rzp_live_%s:%s https://api.razorpay.com/v1/payments" % (f.alnum(14), s),
         formats=["sh"]),

    # ---- Paystack, Flutterwave
    Case(family="paystack", rule="paystack.secret_key", name="PAYSTACK_SECRET_KEY",
         make=lambda f: "sk_live_" + f.hex(40)),
    Case(family="paystack", rule="paystack.test_secret_key", name="PAYSTACK_TEST_SECRET_KEY",
         make=lambda f: "sk_test_" + f.hex(40)),
    Case(family="flutterwave", rule="flutterwave.secret_key", name="FLW_SECRET_KEY",
         make=lambda f: "FLWSECK-" + f.hex(32) + "-X"),
    Case(family="flutterwave", rule="flutterwave.test_secret_key", name="FLW_TEST_SECRET_KEY",
         make=lambda f: "FLWSECK_TEST-" + f.hex(32) + "-X"),
    Case(family="flutterwave", rule="flutterwave.encryption_key", name="FLW_ENCRYPTION_KEY",
         make=lambda f: "FLWSECK_TEST" + f.hex(12)),

    # ---- Plaid
    Case(family="plaid", rule="plaid.access_token", name="PLAID_ACCESS_TOKEN",
         make=lambda f: "access-production-" + f.uuid()),
    Case(family="plaid", rule="plaid.processor_token", name="PLAID_PROCESSOR_TOKEN",
         make=lambda f: "processor-production-" + f.uuid()),
    Case(family="plaid", rule="plaid.secret", name="PLAID_SECRET", make=lambda f: f.hex(30)),

    # ---- Coinbase
    Case(family="coinbase", rule="coinbase.cdp_api_key", name="cdp_api_key.json",
         make=ec_key_body_json,
         line=lambda f, s: ('{\n   "name": "organizations/%s/apiKeys/%s",\n   "privateKey": "-----BEGIN EC PRIVATE KEY-----\\n%s\\n-----END EC PRIVATE KEY-----\\n"\n}'
                            % (f.uuid(), f.uuid(), s)),
         formats=["json"], filename="cdp_api_key.json"),
    Case(family="coinbase", rule="coinbase.cdp_api_key_secret", name="CDP_API_KEY_SECRET", make=lambda f: f.b64(64)),
    Case(family="coinbase", rule="coinbase.cdp_api_key_secret", name="cdp key file (Ed25519)",
         make=lambda f: f.b64(64),
         line=lambda f, s: '{\n   "id": "%s",\n   "privateKey": "%s"\n}' % (f.uuid(), s),
         formats=["json"]),
    Case(family="coinbase", rule="coinbase.cdp_wallet_secret", name="CDP_WALLET_SECRET",
         make=lambda f: P256_PKCS8 + f.chars(B64, 136)),
    Case(family="coinbase", rule="coinbase.api_secret", name="COINBASE_API_SECRET", make=lambda f: f.alnum(32)),

    # ---- Mollie, Checkout.com, GoCardless, Wise, Klarna, Authorize.net
    Case(family="mollie", rule="mollie.live_api_key", name="MOLLIE_API_KEY", make=lambda f: "live_" + f.alnum(30)),
    Case(family="mollie", rule="mollie.test_api_key", name="MOLLIE_TEST_API_KEY", make=lambda f: "test_" + f.alnum(30)),
    Case(family="mollie", rule="mollie.access_token", name="MOLLIE_ACCESS_TOKEN", make=lambda f: "access_" + f.alnum(40)),
    Case(family="checkoutcom", rule="checkoutcom.secret_key", name="CKO_SECRET_KEY",
         make=lambda f: "sk_" + f.chars(B32_LOWER, 27)),
    Case(family="checkoutcom", rule="checkoutcom.sandbox_secret_key", name="CHECKOUT_SANDBOX_SECRET_KEY",
         make=lambda f: "sk_sbox_" + f.chars(B32_LOWER, 27)),
    Case(family="gocardless", rule="gocardless.access_token", name="GC_ACCESS_TOKEN",
         make=lambda f: "live_" + f.urlsafe(40)),
    Case(family="gocardless", rule="gocardless.sandbox_access_token", name="GOCARDLESS_SANDBOX_TOKEN",
         make=lambda f: "sandbox_" + f.urlsafe(40)),
    Case(family="wise", rule="wise.api_token", name="WISE_API_TOKEN", make=lambda f: f.uuid()),
    Case(family="klarna", rule="klarna.api_key", name="KLARNA_API_KEY",
         make=lambda f: "klarna_live_api_" + f.b64(60).rstrip("=")),
    Case(family="klarna", rule="klarna.test_api_key", name="KLARNA_PLAYGROUND_API_KEY",
         make=lambda f: "klarna_test_api_" + f.b64(60).rstrip("=")),
    Case(family="klarna", rule="klarna.api_password", name="KLARNA_API_PASSWORD", make=lambda f: f.alnum(16)),
    Case(family="authorizenet", rule="authorizenet.transaction_key", name="AUTHORIZENET_TRANSACTION_KEY",
         make=lambda f: f.alnum(16)),
    Case(family="authorizenet", rule="authorizenet.signature_key", name="AUTHORIZENET_SIGNATURE_KEY",
         make=lambda f: f.hex(128).upper()),

    # ---- Billing: Lemon Squeezy, Paddle, Recurly, Chargebee, WooCommerce
    Case(family="lemonsqueezy", rule="lemonsqueezy.api_key", name="LEMONSQUEEZY_API_KEY", make=jwt_like),
    Case(family="paddle", rule="paddle.api_key", name="PADDLE_API_KEY", make=paddle_key),
    Case(family="paddle", rule="paddle.sandbox_api_key", name="PADDLE_SANDBOX_API_KEY",
         make=lambda f: paddle_key(f, "sdbx")),
    Case(family="paddle", rule="paddle.legacy_api_key", name="PADDLE_VENDOR_AUTH_CODE", make=lambda f: f.hex(50)),
    Case(family="recurly", rule="recurly.api_key", name="RECURLY_API_KEY", make=lambda f: f.hex(32)),
    Case(family="chargebee", rule="chargebee.api_key", name="CHARGEBEE_API_KEY", make=lambda f: "live_" + f.alnum(34)),
    Case(family="chargebee", rule="chargebee.test_api_key", name="CHARGEBEE_TEST_API_KEY",
         make=lambda f: "test_" + f.alnum(34)),
    Case(family="woocommerce", rule="woocommerce.consumer_secret", name="WOOCOMMERCE_CONSUMER_SECRET",
         make=lambda f: "cs_" + f.hex(40)),

    # ---- Shipping and mail
    Case(family="shippo", rule="shippo.live_api_token", name="SHIPPO_API_TOKEN", make=lambda f: "shippo_live_" + f.hex(40)),
    Case(family="shippo", rule="shippo.test_api_token", name="SHIPPO_TEST_TOKEN", make=lambda f: "shippo_test_" + f.hex(40)),
    Case(family="easypost", rule="easypost.production_api_key", name="EASYPOST_API_KEY", make=lambda f: "EZAK" + f.alnum(54)),
    Case(family="easypost", rule="easypost.test_api_key", name="EASYPOST_TEST_API_KEY", make=lambda f: "EZTK" + f.alnum(54)),
    Case(family="lob", rule="lob.secret_api_key", name="LOB_API_KEY", make=lambda f: "live_" + f.hex(35)),
    Case(family="lob", rule="lob.test_api_key", name="LOB_TEST_API_KEY", make=lambda f: "test_" + f.hex(35)),

    # ---- Crypto: wallets, node providers, explorers, exchanges
    Case(family="cryptowallet", rule="cryptowallet.ethereum_private_key", name="DEPLOYER_PRIVATE_KEY",
         make=lambda f: "0x" + f.hex(64)),
    Case(family="cryptowallet", rule="cryptowallet.ethereum_private_key", name="hardhat accounts",
         make=lambda f: f.hex(64),
         line=lambda f, s: ('module.exports = {\n  solidity: "0.8.24",\n  networks: {\n    sepolia: {\n'
                            '      url: process.env.SEPOLIA_RPC_URL,\n      accounts: ["0x%s"],\n    },\n  },\n};' % s),
         formats=["js"], filename="hardhat.config.js"),
    Case(family="cryptowallet", rule="cryptowallet.mnemonic_phrase", name="MNEMONIC", make=mnemonic),
    Case(family="cryptowallet", rule="cryptowallet.mnemonic_phrase", name="WALLET_SEED_PHRASE",
         make=lambda f: mnemonic(f, 24)),
    Case(family="infura", rule="infura.api_key", name="INFURA_API_KEY", make=lambda f: f.hex(32)),
    Case(family="infura", rule="infura.api_key", name="MAINNET_RPC_URL",
         make=lambda f: f.hex(32),
         line=lambda f, s: "MAINNET_RPC_URL=https://mainnet.infura.io/v3/%s" % s, formats=["env"]),
    Case(family="infura", rule="infura.api_key_secret", name="INFURA_API_KEY_SECRET", make=lambda f: f.hex(32)),
    Case(family="infura", rule="infura.url_credentials", name="RPC_URL",
         make=lambda f: f.hex(32),
         line=lambda f, s: "RPC_URL=https://:%s@sepolia.infura.io/v3/%s" % (s, f.hex(32)), formats=["env"]),
    Case(family="alchemy", rule="alchemy.api_key", name="ALCHEMY_API_KEY", make=lambda f: f.urlsafe(32)),
    Case(family="alchemy", rule="alchemy.api_key", name="ETH_RPC_URL",
         make=lambda f: f.urlsafe(32),
         line=lambda f, s: "ETH_RPC_URL=https://eth-mainnet.g.alchemy.com/v2/%s" % s, formats=["env"]),
    Case(family="etherscan", rule="etherscan.api_key", name="ETHERSCAN_API_KEY", make=lambda f: f.upper_alnum(34)),
    Case(family="etherscan", rule="etherscan.api_key", name="hardhat etherscan",
         make=lambda f: f.upper_alnum(34),
         line=lambda f, s: 'module.exports = {\n  etherscan: {\n    apiKey: "%s",\n  },\n};' % s,
         formats=["js"], filename="hardhat.config.js"),
    Case(family="moralis", rule="moralis.api_key", name="MORALIS_API_KEY", make=lambda f: jwt_like(f, 32)),
    Case(family="quicknode", rule="quicknode.endpoint_url", name="QUICKNODE_RPC_URL",
         make=lambda f: f.hex(40),
         line=lambda f, s: "QUICKNODE_RPC_URL=https://%s-%s.quiknode.pro/%s/" % (f.lower_alnum(6), f.lower_alnum(8), s),
         formats=["env"]),
    Case(family="binance", rule="binance.api_secret", name="BINANCE_API_SECRET", make=lambda f: f.alnum(64)),
    Case(family="binance", rule="binance.api_key", name="BINANCE_API_KEY", make=lambda f: f.alnum(64)),
    Case(family="kraken", rule="kraken.private_key", name="KRAKEN_PRIVATE_KEY", make=lambda f: f.b64(64)),
    Case(family="kraken", rule="kraken.api_key", name="KRAKEN_API_KEY", make=lambda f: f.chars(B64, 56)),
    Case(family="bitpay", rule="bitpay.api_token", name="BITPAY_MERCHANT_TOKEN", make=lambda f: f.b58(44)),
    Case(family="blockcypher", rule="blockcypher.api_token", name="BLOCKCYPHER_TOKEN", make=lambda f: f.hex(32)),
    Case(family="coingecko", rule="coingecko.api_key", name="COINGECKO_API_KEY", make=lambda f: "CG-" + f.alnum(25)),
    Case(family="coinmarketcap", rule="coinmarketcap.api_key", name="COINMARKETCAP_API_KEY", make=lambda f: f.uuid()),

    # ---- Social
    Case(family="twitch", rule="twitch.client_secret", name="TWITCH_CLIENT_SECRET", make=lambda f: f.lower_alnum(30)),
    Case(family="twitch", rule="twitch.oauth_token", name="TWITCH_OAUTH_TOKEN",
         make=lambda f: f.lower_alnum(30), line=lambda f, s: "TWITCH_OAUTH_TOKEN=oauth:%s" % s, formats=["env"]),
    Case(family="twitch", rule="twitch.oauth_token", name="TWITCH_ACCESS_TOKEN", make=lambda f: f.lower_alnum(30)),
    Case(family="twitter", rule="twitter.bearer_token", name="TWITTER_BEARER_TOKEN", make=twitter_bearer),
    Case(family="twitter", rule="twitter.consumer_secret", name="TWITTER_API_SECRET", make=lambda f: f.alnum(50)),
    Case(family="twitter", rule="twitter.access_token_secret", name="TWITTER_ACCESS_TOKEN_SECRET", make=lambda f: f.alnum(45)),
    Case(family="twitter", rule="twitter.access_token", name="TWITTER_ACCESS_TOKEN",
         make=lambda f: f.digits(19) + "-" + f.alnum(40)),
    Case(family="facebook", rule="facebook.access_token", name="WHATSAPP_ACCESS_TOKEN",
         make=lambda f: "EAA" + f.alnum(4) + "ZC" + f.alnum(190)),
    Case(family="facebook", rule="facebook.app_secret", name="FACEBOOK_APP_SECRET", make=lambda f: f.hex(32)),
    Case(family="facebook", rule="facebook.app_secret", name="INSTAGRAM_APP_SECRET", make=lambda f: f.hex(32)),
    Case(family="linkedin", rule="linkedin.client_secret", name="LINKEDIN_CLIENT_SECRET",
         make=lambda f: "WPL_AP1." + f.alnum(16) + "." + f.b64(6)),
    Case(family="linkedin", rule="linkedin.access_token", name="LINKEDIN_ACCESS_TOKEN", make=lambda f: "AQ" + f.urlsafe(300)),
    Case(family="pinterest", rule="pinterest.access_token", name="PINTEREST_ACCESS_TOKEN",
         make=lambda f: "pina_" + f.upper_alnum(108)),
    Case(family="pinterest", rule="pinterest.refresh_token", name="PINTEREST_REFRESH_TOKEN",
         make=lambda f: "pinr_" + f.upper_alnum(108)),
    Case(family="reddit", rule="reddit.client_secret", name="REDDIT_CLIENT_SECRET", make=lambda f: f.urlsafe(27)),
    Case(family="reddit", rule="reddit.refresh_token", name="REDDIT_REFRESH_TOKEN",
         make=lambda f: f.digits(12) + "-" + f.urlsafe(30)),
    Case(family="spotify", rule="spotify.client_secret", name="SPOTIFY_CLIENT_SECRET", make=lambda f: f.hex(32)),

    # ---- IoT
    Case(family="blynk", rule="blynk.auth_token", name="BLYNK_AUTH_TOKEN", make=lambda f: f.urlsafe(32)),
    Case(family="blynk", rule="blynk.auth_token", name="sketch #define",
         make=lambda f: f.urlsafe(32),
         line=lambda f, s: ('#define BLYNK_TEMPLATE_ID "TMPL%s"\n#define BLYNK_TEMPLATE_NAME "Greenhouse"\n'
                            '#define BLYNK_AUTH_TOKEN "%s"\n\n#include <BlynkSimpleEsp32.h>' % (f.alnum(9), s)),
         formats=["ino"], filename="greenhouse.ino"),
    Case(family="particle", rule="particle.access_token", name="PARTICLE_ACCESS_TOKEN", make=lambda f: f.hex(40)),
    Case(family="thingsboard", rule="thingsboard.device_access_token", name="THINGSBOARD_ACCESS_TOKEN",
         make=lambda f: f.alnum(20)),
    Case(family="thingsboard", rule="thingsboard.device_token_url", name="telemetry url",
         make=lambda f: f.alnum(20),
         line=lambda f, s: 'curl -v -X POST https://tb.acme.io/api/v1/%s/telemetry --header Content-Type:application/json --data "{temperature:25}"' % s,
         formats=["sh"]),
    Case(family="truenas", rule="truenas.api_key", name="TRUENAS_API_KEY", make=lambda f: f.digits(1) + "-" + f.alnum(64)),
    Case(family="eagleeyenetworks", rule="eagleeyenetworks.api_key", name="EEN_API_KEY", make=lambda f: f.alnum(32)),
    Case(family="adafruitio", rule="adafruitio.api_key", name="ADAFRUIT_IO_KEY", make=lambda f: "aio_" + f.alnum(28)),
    Case(family="adafruitio", rule="adafruitio.legacy_api_key", name="ADAFRUIT_IO_KEY", make=lambda f: f.hex(32)),
]
