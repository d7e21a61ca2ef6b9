"""SaaS, identity, product-analytics, observability and productivity credentials (group `saas`).

Every `make` builds a fresh fake in the vendor's documented format (prefix, length, alphabet) from
the harness's `Fakes`; none is a real credential. Values without a distinctive prefix are only
reported next to the service's name, so their cases use such names.
"""
import base64
import json
import string

from recall_spec import Case

LETTERS = string.ascii_letters


def _b64url_json(obj):
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _b64_json(obj):
    return base64.b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode()


def _iat(f):
    return int("17" + f.digits(8))


def jwt(f, header, claims, sig_bytes=32):
    """header.payload.signature, base64url without padding, with a random signature."""
    return _b64url_json(header) + "." + _b64url_json(claims) + "." + f.b64url(sig_bytes)


def auth0_management_token(f):
    tenant = "acme-" + f.lower_alnum(6)
    return jwt(f, {"alg": "RS256", "typ": "JWT", "kid": f.urlsafe(22)},
               {"iss": f"https://{tenant}.eu.auth0.com/", "sub": f.alnum(32) + "@clients",
                "aud": f"https://{tenant}.eu.auth0.com/api/v2/", "iat": _iat(f),
                "scope": "read:users update:users", "gty": "client-credentials"}, 256)


def monday_token(f):
    return jwt(f, {"alg": "HS256"}, {"tid": int(f.digits(9)), "aai": int(f.digits(5)), "uid": int(f.digits(8)),
                                     "iad": "2024-05-14T09:12:44.000Z", "per": "me:write", "rgn": "euc1"})


def calendly_token(f):
    return jwt(f, {"kid": f.hex(8), "typ": "PAT", "alg": "ES512"},
               {"iss": "https://auth.calendly.com", "iat": _iat(f), "jti": f.uuid(), "user_uuid": f.uuid()}, 132)


def sentry_org_token(f):
    facts = {"iat": _iat(f), "url": "https://sentry.io", "region_url": "https://de.sentry.io",
             "org": "acme-" + f.lower_alnum(5)}
    return "sntrys_" + _b64_json(facts).rstrip("=") + "_" + f.b64(32).rstrip("=")


def grafana_cloud_token(f):
    return "glc_" + _b64_json({"o": f.digits(6), "n": "stack-" + f.digits(6) + "-otlp-write-" + f.lower_alnum(4),
                               "k": f.alnum(24), "m": {"r": "prod-us-east-0"}})


def grafana_legacy_key(f):
    return _b64_json({"k": f.alnum(32), "n": "ci-" + f.lower_alnum(6), "id": int(f.digits(6))})


def mapbox_secret(f):
    return "sk." + _b64url_json({"u": "acme-" + f.lower_alnum(6), "a": f.lower_alnum(25)}) + "." + f.urlsafe(22)


def miro_token(f):
    return _b64url_json({"miro.origin": "eu01"}) + "_" + f.urlsafe(27)


def uuid(f):
    return f.uuid()


CASES = [
    # identity
    Case(family="okta", rule="okta.api_token", name="OKTA_API_TOKEN", make=lambda f: "00" + f.urlsafe(40)),
    Case(family="okta", rule="okta.api_token", name="Authorization header", make=lambda f: "00" + f.urlsafe(40),
         line=lambda f, s: f"curl -s -H 'Accept: application/json' -H 'Authorization: SSWS {s}' "
                           f"https://acme.okta.com/api/v1/users?limit=25", formats=["sh"]),
    Case(family="okta", rule="okta.client_secret", name="OKTA_CLIENT_SECRET", make=lambda f: f.urlsafe(40)),
    Case(family="auth0", rule="auth0.client_secret", name="AUTH0_CLIENT_SECRET", make=lambda f: f.urlsafe(64)),
    Case(family="auth0", rule="auth0.management_api_token", name="AUTH0_MANAGEMENT_API_TOKEN", make=auth0_management_token),
    Case(family="clerk", rule="clerk.secret_key", name="CLERK_SECRET_KEY", make=lambda f: "sk_live_" + f.alnum(42)),
    Case(family="clerk", rule="clerk.test_secret_key", name="CLERK_SECRET_KEY", make=lambda f: "sk_test_" + f.alnum(42)),
    Case(family="stytch", rule="stytch.secret", name="STYTCH_SECRET", make=lambda f: f.b64url(27)),
    Case(family="stytch", rule="stytch.secret", name="STYTCH_SECRET", make=lambda f: "secret-live-" + f.b64url(27)),
    Case(family="workos", rule="workos.api_key", name="WORKOS_API_KEY", make=lambda f: "sk_test_" + f.alnum(56)),
    # product analytics
    Case(family="segment", rule="segment.write_key", name="SEGMENT_WRITE_KEY", make=lambda f: f.alnum(32)),
    Case(family="segment", rule="segment.public_api_token", name="SEGMENT_PUBLIC_API_TOKEN", make=lambda f: f.alnum(64)),
    Case(family="mixpanel", rule="mixpanel.api_secret", name="MIXPANEL_API_SECRET", make=lambda f: f.hex(32)),
    Case(family="mixpanel", rule="mixpanel.service_account_secret", name="MIXPANEL_SERVICE_ACCOUNT_SECRET",
         make=lambda f: f.alnum(32)),
    Case(family="amplitude", rule="amplitude.secret_key", name="AMPLITUDE_SECRET_KEY", make=lambda f: f.hex(32)),
    Case(family="amplitude", rule="amplitude.api_key", name="AMPLITUDE_API_KEY", make=lambda f: f.hex(32)),
    Case(family="posthog", rule="posthog.personal_api_key", name="POSTHOG_PERSONAL_API_KEY", make=lambda f: "phx_" + f.alnum(43)),
    Case(family="fullstory", rule="fullstory.api_key", name="FULLSTORY_API_KEY", make=lambda f: "na1." + f.b64(48)),
    # observability
    Case(family="datadog", rule="datadog.api_key", name="DD_API_KEY", make=lambda f: f.hex(32)),
    Case(family="datadog", rule="datadog.api_key", name="DATADOG_API_KEY", make=lambda f: f.hex(32)),
    Case(family="datadog", rule="datadog.application_key", name="DD_APP_KEY", make=lambda f: f.hex(40)),
    Case(family="datadog", rule="datadog.client_token", name="DD_CLIENT_TOKEN", make=lambda f: "pub" + f.hex(32)),
    Case(family="newrelic", rule="newrelic.user_api_key", name="NEW_RELIC_API_KEY", make=lambda f: "NRAK-" + f.upper_alnum(27)),
    Case(family="newrelic", rule="newrelic.admin_api_key", name="NEW_RELIC_ADMIN_API_KEY", make=lambda f: "NRAA-" + f.hex(27)),
    Case(family="newrelic", rule="newrelic.insights_insert_key", name="NEW_RELIC_INSERT_KEY", make=lambda f: "NRII-" + f.urlsafe(32)),
    Case(family="newrelic", rule="newrelic.insights_query_key", name="NEW_RELIC_QUERY_KEY", make=lambda f: "NRIQ-" + f.urlsafe(32)),
    Case(family="newrelic", rule="newrelic.browser_api_key", name="NEW_RELIC_BROWSER_KEY", make=lambda f: "NRJS-" + f.hex(19)),
    Case(family="newrelic", rule="newrelic.license_key", name="NEW_RELIC_LICENSE_KEY", make=lambda f: f.hex(36) + "NRAL"),
    Case(family="newrelic", rule="newrelic.license_key", name="NEW_RELIC_LICENSE_KEY", make=lambda f: "eu01xx" + f.hex(30) + "NRAL"),
    Case(family="newrelic", rule="newrelic.legacy_license_key", name="NEW_RELIC_LICENSE_KEY", make=lambda f: f.hex(40)),
    Case(family="dynatrace", rule="dynatrace.api_token", name="DT_API_TOKEN",
         make=lambda f: "dt0c01." + f.upper_alnum(24) + "." + f.upper_alnum(64)),
    Case(family="dynatrace", rule="dynatrace.platform_token", name="DT_CLIENT_SECRET",
         make=lambda f: "dt0s02." + f.upper_alnum(24) + "." + f.upper_alnum(64)),
    Case(family="sentry", rule="sentry.user_auth_token", name="SENTRY_AUTH_TOKEN", make=lambda f: "sntryu_" + f.hex(64)),
    Case(family="sentry", rule="sentry.org_auth_token", name="SENTRY_AUTH_TOKEN", make=sentry_org_token),
    Case(family="sentry", rule="sentry.legacy_auth_token", name="SENTRY_AUTH_TOKEN", make=lambda f: f.hex(64)),
    Case(family="sentry", rule="sentry.dsn_secret", name="SENTRY_DSN", make=lambda f: f.hex(32),
         line=lambda f, s: f"SENTRY_DSN=https://{f.hex(32)}:{s}@o{f.digits(6)}.ingest.sentry.io/{f.digits(7)}",
         formats=["env"]),
    Case(family="pagerduty", rule="pagerduty.api_key", name="PAGERDUTY_API_KEY", make=lambda f: f.urlsafe(20)),
    Case(family="pagerduty", rule="pagerduty.api_key", name="Authorization header", make=lambda f: "u+" + f.urlsafe(18),
         line=lambda f, s: f"curl -H 'Accept: application/vnd.pagerduty+json;version=2' "
                           f"-H 'Authorization: Token token={s}' https://api.pagerduty.com/incidents", formats=["sh"]),
    Case(family="pagerduty", rule="pagerduty.integration_key", name="PAGERDUTY_ROUTING_KEY", make=lambda f: f.hex(32)),
    Case(family="grafana", rule="grafana.cloud_access_policy_token", name="GRAFANA_CLOUD_TOKEN", make=grafana_cloud_token),
    Case(family="grafana", rule="grafana.api_key", name="GRAFANA_API_KEY", make=grafana_legacy_key),
    Case(family="sumologic", rule="sumologic.access_key", name="SUMOLOGIC_ACCESSKEY", make=lambda f: f.alnum(64)),
    Case(family="sumologic", rule="sumologic.http_source_url", name="SUMO_HTTP_SOURCE_URL",
         make=lambda f: "https://endpoint4.collection.sumologic.com/receiver/v1/http/" + f.b64url(90) + "=="),
    Case(family="launchdarkly", rule="launchdarkly.sdk_key", name="LAUNCHDARKLY_SDK_KEY", make=lambda f: "sdk-" + f.uuid()),
    Case(family="launchdarkly", rule="launchdarkly.access_token", name="LAUNCHDARKLY_ACCESS_TOKEN", make=lambda f: "api-" + f.uuid()),
    Case(family="honeycomb", rule="honeycomb.ingest_key", name="HONEYCOMB_API_KEY", make=lambda f: "hcaik_" + f.lower_alnum(58)),
    Case(family="honeycomb", rule="honeycomb.api_key", name="HONEYCOMB_API_KEY", make=lambda f: f.alnum(22)),
    Case(family="honeycomb", rule="honeycomb.api_key", name="HONEYCOMB_WRITEKEY", make=lambda f: f.hex(32)),
    Case(family="rollbar", rule="rollbar.access_token", name="ROLLBAR_ACCESS_TOKEN", make=lambda f: f.hex(32)),
    Case(family="bugsnag", rule="bugsnag.api_key", name="BUGSNAG_API_KEY", make=lambda f: f.hex(32)),
    Case(family="bugsnag", rule="bugsnag.auth_token", name="BUGSNAG_AUTH_TOKEN", make=uuid),
    Case(family="logzio", rule="logzio.shipping_token", name="LOGZIO_SHIPPING_TOKEN", make=lambda f: f.chars(LETTERS, 32)),
    Case(family="logzio", rule="logzio.api_token", name="LOGZIO_API_TOKEN", make=uuid),
    Case(family="loggly", rule="loggly.customer_token", name="LOGGLY_TOKEN", make=uuid),
    Case(family="loggly", rule="loggly.input_url", name="LOGGLY_URL", make=uuid,
         line=lambda f, s: f"LOGGLY_URL=https://logs-01.loggly.com/inputs/{s}/tag/http/", formats=["env"]),
    Case(family="opsgenie", rule="opsgenie.api_key", name="OPSGENIE_API_KEY", make=uuid),
    Case(family="statuspage", rule="statuspage.api_key", name="STATUSPAGE_API_KEY", make=uuid),
    Case(family="axiom", rule="axiom.api_token", name="AXIOM_TOKEN", make=lambda f: "xaat-" + f.uuid()),
    Case(family="axiom", rule="axiom.personal_token", name="AXIOM_PERSONAL_TOKEN", make=lambda f: "xapt-" + f.uuid()),
    Case(family="betterstack", rule="betterstack.source_token", name="LOGTAIL_SOURCE_TOKEN", make=lambda f: f.alnum(24)),
    # productivity, content and automation
    Case(family="linear", rule="linear.api_key", name="LINEAR_API_KEY", make=lambda f: "lin_api_" + f.alnum(40)),
    Case(family="linear", rule="linear.oauth_token", name="LINEAR_ACCESS_TOKEN", make=lambda f: "lin_oauth_" + f.hex(64)),
    Case(family="notion", rule="notion.integration_token", name="NOTION_TOKEN",
         make=lambda f: "ntn_" + f.digits(11) + f.alnum(35)),
    Case(family="notion", rule="notion.legacy_integration_token", name="NOTION_API_KEY", make=lambda f: f.alnum(43),
         line=lambda f, s: f"NOTION_API_KEY=secret_{s}", formats=["env"]),
    Case(family="asana", rule="asana.personal_access_token", name="ASANA_ACCESS_TOKEN",
         make=lambda f: "1/" + f.digits(16) + ":" + f.hex(32)),
    Case(family="asana", rule="asana.personal_access_token", name="ASANA_PAT",
         make=lambda f: "2/" + f.digits(16) + "/" + f.digits(16) + ":" + f.hex(32)),
    Case(family="airtable", rule="airtable.personal_access_token", name="AIRTABLE_API_KEY",
         make=lambda f: "pat" + f.alnum(14) + "." + f.hex(64)),
    Case(family="airtable", rule="airtable.api_key", name="AIRTABLE_API_KEY", make=lambda f: "key" + f.alnum(14)),
    Case(family="trello", rule="trello.api_token", name="TRELLO_TOKEN", make=lambda f: "ATTA" + f.hex(64) + f.hex(8).upper()),
    Case(family="trello", rule="trello.api_token", name="TRELLO_API_TOKEN", make=lambda f: f.hex(64)),
    Case(family="trello", rule="trello.api_key", name="TRELLO_API_KEY", make=lambda f: f.hex(32)),
    Case(family="monday", rule="monday.api_token", name="MONDAY_API_TOKEN", make=monday_token),
    Case(family="clickup", rule="clickup.personal_token", name="CLICKUP_API_TOKEN",
         make=lambda f: "pk_" + f.digits(8) + "_" + f.upper_alnum(32)),
    Case(family="figma", rule="figma.personal_access_token", name="FIGMA_TOKEN", make=lambda f: "figd_" + f.urlsafe(40)),
    Case(family="contentful", rule="contentful.personal_access_token", name="CONTENTFUL_MANAGEMENT_TOKEN",
         make=lambda f: "CFPAT-" + f.urlsafe(43)),
    Case(family="contentful", rule="contentful.delivery_token", name="CONTENTFUL_ACCESS_TOKEN", make=lambda f: f.urlsafe(43)),
    Case(family="algolia", rule="algolia.admin_api_key", name="ALGOLIA_ADMIN_API_KEY", make=lambda f: f.hex(32)),
    Case(family="algolia", rule="algolia.api_key", name="ALGOLIA_API_KEY", make=lambda f: f.hex(32)),
    Case(family="mapbox", rule="mapbox.secret_token", name="MAPBOX_SECRET_TOKEN", make=mapbox_secret),
    Case(family="cloudinary", rule="cloudinary.url", name="CLOUDINARY_URL", make=lambda f: f.urlsafe(27),
         line=lambda f, s: f"CLOUDINARY_URL=cloudinary://{f.digits(15)}:{s}@acme-{f.lower_alnum(5)}", formats=["env"]),
    Case(family="cloudinary", rule="cloudinary.api_secret", name="CLOUDINARY_API_SECRET", make=lambda f: f.urlsafe(27)),
    Case(family="dropbox", rule="dropbox.access_token", name="DROPBOX_ACCESS_TOKEN", make=lambda f: "sl." + f.urlsafe(138)),
    Case(family="dropbox", rule="dropbox.access_token", name="DROPBOX_ACCESS_TOKEN", make=lambda f: "sl.u." + f.urlsafe(700)),
    Case(family="dropbox", rule="dropbox.app_secret", name="DROPBOX_APP_SECRET", make=lambda f: f.lower_alnum(15)),
    Case(family="box", rule="box.client_secret", name="BOX_CLIENT_SECRET", make=lambda f: f.alnum(32)),
    Case(family="box", rule="box.developer_token", name="BOX_DEVELOPER_TOKEN", make=lambda f: f.alnum(32)),
    Case(family="typeform", rule="typeform.personal_access_token", name="TYPEFORM_TOKEN",
         make=lambda f: "tfp_" + f.b58(44) + "_" + f.b58(14)),
    Case(family="calendly", rule="calendly.personal_access_token", name="CALENDLY_API_TOKEN", make=calendly_token),
    Case(family="miro", rule="miro.access_token", name="MIRO_ACCESS_TOKEN", make=miro_token),
    Case(family="smartsheet", rule="smartsheet.access_token", name="SMARTSHEET_ACCESS_TOKEN", make=lambda f: f.alnum(26)),
    Case(family="smartsheet", rule="smartsheet.access_token", name="SMARTSHEET_ACCESS_TOKEN", make=lambda f: f.alnum(37)),
    Case(family="todoist", rule="todoist.api_token", name="TODOIST_API_TOKEN", make=lambda f: f.hex(40)),
    Case(family="coda", rule="coda.api_token", name="CODA_API_TOKEN", make=uuid),
    Case(family="retool", rule="retool.api_token", name="RETOOL_API_TOKEN", make=lambda f: f.alnum(40)),
    Case(family="sanity", rule="sanity.api_token", name="SANITY_API_TOKEN", make=lambda f: "sk" + f.alnum(180)),
    Case(family="storyblok", rule="storyblok.access_token", name="STORYBLOK_ACCESS_TOKEN", make=lambda f: f.alnum(24)),
    Case(family="prismic", rule="prismic.access_token", name="PRISMIC_ACCESS_TOKEN", make=lambda f: f.urlsafe(90)),
    Case(family="datocms", rule="datocms.api_token", name="DATOCMS_API_TOKEN", make=lambda f: f.hex(30)),
    Case(family="zapier", rule="zapier.webhook_url", name="ZAPIER_WEBHOOK_URL",
         make=lambda f: f"https://hooks.zapier.com/hooks/catch/{f.digits(7)}/{f.lower_alnum(6)}"),
    Case(family="make", rule="make.webhook_url", name="MAKE_WEBHOOK_URL",
         make=lambda f: "https://hook.eu2.make.com/" + f.lower_alnum(32)),
    Case(family="ifttt", rule="ifttt.webhook_key", name="IFTTT_TRIGGER_URL", make=lambda f: f.urlsafe(22),
         line=lambda f, s: f"curl -X POST -H 'Content-Type: application/json' -d '{{\"value1\":\"ok\"}}' "
                           f"https://maker.ifttt.com/trigger/backup_done/with/key/{s}", formats=["sh"]),
    Case(family="ifttt", rule="ifttt.api_key", name="IFTTT_WEBHOOK_KEY", make=lambda f: f.urlsafe(22)),
]
