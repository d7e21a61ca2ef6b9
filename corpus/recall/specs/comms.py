"""Communication, email, messaging, support-desk and notification credentials (group `comms`).

Every `make` builds a fresh fake in the vendor's documented format (prefix, length, alphabet) from
the harness's `Fakes`; none is a real credential. Values without a distinctive prefix are only
reported next to the service's name, so their cases use such names; pairs (an account id written
next to its secret) and URLs with a query string use `line`.
"""
import base64
import string

from recall_spec import Case

B32_LOWER = "abcdefghijklmnopqrstuvwxyz234567"
MM_ID = "abcdefghijkmnopqrstuwxyz13456789"       # Mattermost ids: 26 lower-case base32 characters
UPPER_HEX = "0123456789ABCDEF"
SF_CHARS = string.ascii_letters + string.digits + "._"


def _b64_unpadded(raw):
    return base64.b64encode(raw.encode()).decode().rstrip("=")


def slack_rotating_body(f):
    """Rotating / configuration tokens: unpadded base64 of "2-2-<ids>-<64 hex>"."""
    return _b64_unpadded("-".join(["2", "2", f.digits(13), f.digits(13), f.digits(13), f.digits(13), f.hex(64)]))


def discord_bot_token(f, id_digits=18):
    """base64(bot user id) . 6-character timestamp . HMAC."""
    user_id = f.chars("123456789", 1) + f.digits(id_digits - 1)
    return _b64_unpadded(user_id) + "." + f.urlsafe(6) + "." + f.urlsafe(38)


def telegram_bot_token(f):
    return f.chars("123456789", 1) + f.digits(9) + ":AA" + f.urlsafe(33)


def synapse_token(f):
    body = f.alnum(20)
    return "syt_" + _b64_unpadded(f.chars(string.ascii_lowercase, 8)) + "_" + body + "_" + f.crc32_base62(body)


def teams_webhook(f, legacy=False):
    if legacy:
        return "https://outlook.office.com/webhook/%s@%s/IncomingWebhook/%s/%s" % (f.uuid(), f.uuid(), f.hex(32), f.uuid())
    return "https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/V2%s" % (
        f.uuid(), f.uuid(), f.hex(32), f.uuid(), f.urlsafe(43))


def workflow_url(f, power_platform=False):
    query = "sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + f.urlsafe(43)
    if power_platform:
        return ("https://default%s.%s.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/%s"
                "/triggers/manual/paths/invoke?api-version=1&%s" % (f.hex(30), f.digits(2), f.hex(32), query))
    return ("https://prod-%s.westeurope.logic.azure.com:443/workflows/%s/triggers/manual/paths/invoke"
            "?api-version=2016-06-01&%s" % (f.digits(2), f.hex(32), query))


def opentok_token(f):
    raw = "partner_id=%s&sig=%s:session_id=1_MX4%s&create_time=%s&role=publisher&nonce=%s" % (
        f.digits(8), f.hex(40), f.urlsafe(60), f.digits(10), f.digits(6))
    return "T1==" + base64.b64encode(raw.encode()).decode()


def intercom_token(f):
    return base64.b64encode(("tok:" + f.uuid().replace("-", "_") + ":1:0").encode()).decode()


def front_token(f):
    header = _b64_unpadded('{"alg":"HS256","typ":"JWT"}').replace("+", "-").replace("/", "_")
    claims = '{"scopes":["shared:*","private:*"],"iat":17%s,"iss":"front","sub":"%s","jti":"%s"}' % (
        f.digits(8), f.lower_alnum(20), f.hex(16))
    return header + "." + base64.urlsafe_b64encode(claims.encode()).decode().rstrip("=") + "." + f.b64url(32)


def salesforce_access_token(f):
    return "00D" + f.alnum(12) + "!AQ" + f.chars(SF_CHARS, 94)


def knock_signing_key(f):
    pem = "-----BEGIN PRIVATE KEY-----\n" + f.b64(600) + "\n-----END PRIVATE KEY-----\n"
    return base64.b64encode(pem.encode()).decode()


def mailgun_key(f):
    return f.hex(32) + "-" + f.hex(8) + "-" + f.hex(8)


CASES = [
    # ---------------------------------------------------------------- Slack
    Case(family="slack", rule="slack.rotating_token", name="SLACK_CONFIG_TOKEN",
         make=lambda f: "xoxe.xoxp-1-" + slack_rotating_body(f)),
    Case(family="slack", rule="slack.rotating_token", name="SLACK_BOT_TOKEN",
         make=lambda f: "xoxe.xoxb-1-" + slack_rotating_body(f)),
    Case(family="slack", rule="slack.refresh_token", name="SLACK_REFRESH_TOKEN",
         make=lambda f: "xoxe-1-" + slack_rotating_body(f)),
    Case(family="slack", rule="slack.legacy_token", name="SLACK_TOKEN",
         make=lambda f: "xoxs-" + f.digits(12) + "-" + f.digits(12) + "-" + f.digits(13) + "-" + f.hex(64)),
    Case(family="slack", rule="slack.legacy_token", name="SLACK_WORKSPACE_TOKEN",
         make=lambda f: "xoxa-2-" + f.digits(12) + "-" + f.digits(12) + "-" + f.digits(13) + "-" + f.hex(64)),
    Case(family="slack", rule="slack.client_token", name="SLACK_XOXC_TOKEN",
         make=lambda f: "xoxc-" + f.digits(12) + "-" + f.digits(12) + "-" + f.digits(13) + "-" + f.hex(64)),
    Case(family="slack", rule="slack.legacy_bot_token", name="SLACK_API_TOKEN",
         make=lambda f: "xoxb-" + f.digits(12) + "-" + f.alnum(24)),
    Case(family="slack", rule="slack.workflow_webhook_url", name="SLACK_WORKFLOW_WEBHOOK_URL",
         make=lambda f: "https://hooks.slack.com/workflows/T" + f.upper_alnum(10) + "/A" + f.upper_alnum(10) + "/"
         + f.digits(18) + "/" + f.alnum(24)),
    Case(family="slack", rule="slack.workflow_webhook_url", name="SLACK_TRIGGER_URL",
         make=lambda f: "https://hooks.slack.com/triggers/T" + f.upper_alnum(10) + "/" + f.digits(13) + "/" + f.hex(32)),
    Case(family="slack", rule="slack.signing_secret", name="SLACK_SIGNING_SECRET", make=lambda f: f.hex(32)),
    Case(family="slack", rule="slack.client_secret", name="SLACK_CLIENT_SECRET", make=lambda f: f.hex(32)),
    Case(family="slack", rule="slack.verification_token", name="SLACK_VERIFICATION_TOKEN", make=lambda f: f.alnum(24)),

    # ---------------------------------------------------------------- Microsoft Teams, Power Automate
    Case(family="microsoftteams", rule="microsoftteams.incoming_webhook_url", name="TEAMS_WEBHOOK_URL",
         make=lambda f: teams_webhook(f)),
    Case(family="microsoftteams", rule="microsoftteams.incoming_webhook_url", name="MS_TEAMS_WEBHOOK",
         make=lambda f: teams_webhook(f, legacy=True)),
    Case(family="powerautomate", rule="powerautomate.workflow_trigger_url", name="TEAMS_WORKFLOW_URL",
         make=lambda f: workflow_url(f)),
    Case(family="powerautomate", rule="powerautomate.workflow_trigger_url", name="POWER_AUTOMATE_FLOW_URL",
         make=lambda f: workflow_url(f, power_platform=True)),

    # ---------------------------------------------------------------- Discord, Telegram
    Case(family="discord", rule="discord.webhook_url", name="DISCORD_WEBHOOK_URL",
         make=lambda f: "https://discord.com/api/webhooks/" + f.digits(19) + "/" + f.urlsafe(68)),
    Case(family="discord", rule="discord.bot_token", name="DISCORD_BOT_TOKEN", make=lambda f: discord_bot_token(f, 18)),
    Case(family="discord", rule="discord.bot_token", name="DISCORD_TOKEN", make=lambda f: discord_bot_token(f, 19)),
    Case(family="discord", rule="discord.client_secret", name="DISCORD_CLIENT_SECRET", make=lambda f: f.urlsafe(32)),
    Case(family="telegram", rule="telegram.bot_token", name="TELEGRAM_BOT_TOKEN", make=telegram_bot_token),
    Case(family="telegram", rule="telegram.bot_token", name="telegram bot URL", make=telegram_bot_token,
         line=lambda f, s: "curl -s https://api.telegram.org/bot%s/getUpdates\n" % s, formats=["sh"]),
    Case(family="telegram", rule="telegram.api_hash", name="TELEGRAM_API_HASH", make=lambda f: f.hex(32)),

    # ---------------------------------------------------------------- Mattermost, Webex, Zoom, LINE
    Case(family="mattermost", rule="mattermost.access_token", name="MATTERMOST_TOKEN", make=lambda f: f.chars(MM_ID, 26)),
    Case(family="mattermost", rule="mattermost.access_token", name="MM_BOT_TOKEN", make=lambda f: f.chars(MM_ID, 26)),
    Case(family="mattermost", rule="mattermost.webhook_url", name="MATTERMOST_WEBHOOK_URL",
         make=lambda f: "https://chat.acmecorp.io/hooks/" + f.chars(MM_ID, 26)),
    Case(family="webex", rule="webex.access_token", name="WEBEX_BOT_TOKEN",
         make=lambda f: f.alnum(64) + "_" + f.upper_alnum(4) + "_" + f.uuid()),
    Case(family="webex", rule="webex.client_secret", name="WEBEX_CLIENT_SECRET", make=lambda f: f.hex(64)),
    Case(family="zoom", rule="zoom.api_secret", name="ZOOM_CLIENT_SECRET", make=lambda f: f.alnum(32)),
    Case(family="zoom", rule="zoom.api_secret", name="ZOOM_SDK_SECRET", make=lambda f: f.alnum(36)),
    Case(family="zoom", rule="zoom.webhook_secret_token", name="ZOOM_WEBHOOK_SECRET_TOKEN", make=lambda f: f.urlsafe(22)),
    Case(family="line", rule="line.channel_access_token", name="LINE_CHANNEL_ACCESS_TOKEN", make=lambda f: f.b64(129)),
    Case(family="line", rule="line.channel_access_token", name="channelAccessToken", make=lambda f: f.b64(129)),
    Case(family="line", rule="line.channel_secret", name="LINE_CHANNEL_SECRET", make=lambda f: f.hex(32)),

    # ---------------------------------------------------------------- other chat and notification services
    Case(family="matrix", rule="matrix.access_token", name="MATRIX_ACCESS_TOKEN", make=synapse_token),
    Case(family="rocketchat", rule="rocketchat.personal_access_token", name="ROCKETCHAT_AUTH_TOKEN", make=lambda f: f.urlsafe(43)),
    Case(family="zulip", rule="zulip.api_key", name="ZULIP_API_KEY", make=lambda f: f.alnum(32)),
    Case(family="lark", rule="lark.webhook_url", name="FEISHU_WEBHOOK_URL",
         make=lambda f: "https://open.feishu.cn/open-apis/bot/v2/hook/" + f.uuid()),
    Case(family="lark", rule="lark.app_secret", name="LARK_APP_SECRET", make=lambda f: f.alnum(32)),
    Case(family="dingtalk", rule="dingtalk.webhook_url", name="DINGTALK_WEBHOOK",
         make=lambda f: "https://oapi.dingtalk.com/robot/send?access_token=" + f.hex(64)),
    Case(family="dingtalk", rule="dingtalk.robot_secret", name="DINGTALK_SECRET", make=lambda f: "SEC" + f.hex(64)),
    Case(family="wecom", rule="wecom.webhook_url", name="WECOM_WEBHOOK_URL",
         make=lambda f: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + f.uuid()),
    Case(family="googlechat", rule="googlechat.webhook_url", name="GOOGLE_CHAT_WEBHOOK_URL",
         make=lambda f: "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=AIza%s&token=%s" % (
             f.urlsafe(7), f.urlsafe(35), f.urlsafe(43))),
    Case(family="pushover", rule="pushover.api_token", name="PUSHOVER_APP_TOKEN", make=lambda f: f.alnum(30)),
    Case(family="pushbullet", rule="pushbullet.access_token", name="PUSHBULLET_ACCESS_TOKEN", make=lambda f: "o." + f.alnum(32)),
    Case(family="ntfy", rule="ntfy.access_token", name="NTFY_TOKEN", make=lambda f: "tk_" + f.alnum(29)),
    Case(family="chatwork", rule="chatwork.api_token", name="CHATWORK_API_TOKEN", make=lambda f: f.hex(32)),

    # ---------------------------------------------------------------- Twilio, Vonage, Plivo, Telnyx, Sinch, ...
    Case(family="twilio", rule="twilio.account_credentials", name="Client(sid, token)", make=lambda f: f.hex(32),
         line=lambda f, s: 'from twilio.rest import Client\n\nclient = Client("AC%s", "%s")\n' % (f.hex(32), s), formats=["py"]),
    Case(family="twilio", rule="twilio.account_credentials", name="curl -u sid:token", make=lambda f: f.hex(32),
         line=lambda f, s: "#!/bin/sh\nsid=AC%s\ncurl -X POST \"https://api.twilio.com/2010-04-01/Accounts/$sid/Messages.json\" -u AC%s:%s\n"
         % (f.hex(32), f.hex(32), s), formats=["sh"]),
    Case(family="twilio", rule="twilio.api_key_secret", name="TWILIO_API_SECRET", make=lambda f: f.alnum(32)),
    Case(family="twilio", rule="twilio.api_key_secret", name="curl -u SK:secret", make=lambda f: f.alnum(32),
         line=lambda f, s: "curl https://api.twilio.com/2010-04-01/Accounts.json -u SK%s:%s\n" % (f.hex(32), s), formats=["sh"]),
    Case(family="vonage", rule="vonage.api_secret", name="VONAGE_API_SECRET", make=lambda f: f.alnum(16)),
    Case(family="vonage", rule="vonage.api_secret", name="NEXMO_API_SECRET", make=lambda f: f.alnum(16)),
    Case(family="vonage", rule="vonage.signature_secret", name="VONAGE_SIGNATURE_SECRET", make=lambda f: f.alnum(50)),
    Case(family="opentok", rule="opentok.api_secret", name="OPENTOK_API_SECRET", make=lambda f: f.hex(40)),
    Case(family="opentok", rule="opentok.session_token", name="OPENTOK_TOKEN", make=opentok_token),
    Case(family="plivo", rule="plivo.auth_token", name="PLIVO_AUTH_TOKEN", make=lambda f: f.alnum(40)),
    Case(family="plivo", rule="plivo.auth_token", name="plivo.RestClient", make=lambda f: f.alnum(40),
         line=lambda f, s: 'import plivo\n\nclient = plivo.RestClient("MA%s", "%s")\n' % (f.upper_alnum(18), s), formats=["py"]),
    Case(family="telnyx", rule="telnyx.api_key", name="TELNYX_API_KEY",
         make=lambda f: "KEY" + f.upper_alnum(32) + "_" + f.alnum(22)),
    Case(family="telnyx", rule="telnyx.api_v1_token", name="TELNYX_API_TOKEN", make=lambda f: f.urlsafe(22)),
    Case(family="sinch", rule="sinch.api_token", name="SINCH_API_TOKEN", make=lambda f: f.hex(32)),
    Case(family="sinch", rule="sinch.secret", name="SINCH_KEY_SECRET", make=lambda f: f.urlsafe(26)),
    Case(family="messagebird", rule="messagebird.access_key", name="MESSAGEBIRD_ACCESS_KEY", make=lambda f: f.alnum(25)),
    Case(family="infobip", rule="infobip.api_key", name="INFOBIP_API_KEY", make=lambda f: f.hex(32) + "-" + f.uuid()),
    Case(family="infobip", rule="infobip.api_key", name="Authorization: App", make=lambda f: f.hex(32) + "-" + f.uuid(),
         line=lambda f, s: "curl -X POST https://api.infobip.com/sms/2/text/advanced -H 'Authorization: App %s' -d @sms.json\n" % s,
         formats=["sh"]),
    Case(family="agora", rule="agora.app_certificate", name="AGORA_APP_CERTIFICATE", make=lambda f: f.hex(32)),
    Case(family="livekit", rule="livekit.api_secret", name="LIVEKIT_API_SECRET", make=lambda f: f.alnum(43)),

    # ---------------------------------------------------------------- email
    Case(family="mailgun", rule="mailgun.private_api_key", name="MAILGUN_API_KEY", make=mailgun_key),
    Case(family="mailgun", rule="mailgun.private_api_key", name="curl --user api:key", make=mailgun_key,
         line=lambda f, s: "curl -s --user 'api:%s' https://api.mailgun.net/v3/mg.acme.io/messages -F to=ops@acme.io\n" % s,
         formats=["sh"]),
    Case(family="mailgun", rule="mailgun.webhook_signing_key", name="MAILGUN_WEBHOOK_SIGNING_KEY", make=lambda f: f.hex(32)),
    Case(family="mailgun", rule="mailgun.public_validation_key", name="MAILGUN_PUBLIC_KEY", make=lambda f: "pubkey-" + f.hex(32)),
    Case(family="mailchimp", rule="mailchimp.api_key", name="MAILCHIMP_API_KEY",
         make=lambda f: f.hex(32) + "-us" + f.chars("123456789", 1) + f.digits(1)),
    Case(family="mailchimp", rule="mailchimp.transactional_api_key", name="MANDRILL_API_KEY", make=lambda f: "md-" + f.urlsafe(22)),
    Case(family="mailchimp", rule="mailchimp.transactional_api_key", name="MAILCHIMP_TRANSACTIONAL_API_KEY", make=lambda f: f.alnum(22)),
    Case(family="mailjet", rule="mailjet.secret_key", name="MJ_APIKEY_PRIVATE", make=lambda f: f.hex(32)),
    Case(family="mailjet", rule="mailjet.secret_key", name="MAILJET_SECRET_KEY", make=lambda f: f.hex(32)),
    Case(family="mailjet", rule="mailjet.api_token", name="MAILJET_SMS_TOKEN", make=lambda f: f.hex(32)),
    Case(family="postmark", rule="postmark.server_token", name="POSTMARK_SERVER_TOKEN", make=lambda f: f.uuid()),
    Case(family="postmark", rule="postmark.server_token", name="postmark.ServerClient", make=lambda f: f.uuid(),
         line=lambda f, s: 'const postmark = require("postmark");\nconst client = new postmark.ServerClient("%s");\n' % s,
         formats=["js"]),
    Case(family="postmark", rule="postmark.account_token", name="POSTMARK_ACCOUNT_TOKEN", make=lambda f: f.uuid()),
    Case(family="sparkpost", rule="sparkpost.api_key", name="SPARKPOST_API_KEY", make=lambda f: f.hex(40)),
    Case(family="brevo", rule="brevo.api_key", name="BREVO_API_KEY",
         make=lambda f: "xkeysib-" + f.hex(64) + "-" + f.alnum(16)),
    Case(family="brevo", rule="brevo.smtp_key", name="BREVO_SMTP_KEY",
         make=lambda f: "xsmtpsib-" + f.hex(64) + "-" + f.alnum(16)),
    Case(family="resend", rule="resend.api_key", name="RESEND_API_KEY", make=lambda f: "re_" + f.alnum(8) + "_" + f.alnum(24)),
    Case(family="mailersend", rule="mailersend.api_token", name="MAILERSEND_API_KEY", make=lambda f: "mlsn." + f.hex(64)),
    Case(family="loops", rule="loops.api_key", name="LOOPS_API_KEY", make=lambda f: f.hex(32)),
    Case(family="customerio", rule="customerio.track_api_key", name="CUSTOMERIO_TRACK_API_KEY", make=lambda f: f.hex(20)),
    Case(family="customerio", rule="customerio.app_api_key", name="CUSTOMERIO_APP_API_KEY", make=lambda f: f.alnum(32)),
    Case(family="klaviyo", rule="klaviyo.private_api_key", name="KLAVIYO_PRIVATE_API_KEY", make=lambda f: "pk_" + f.hex(34)),
    Case(family="klaviyo", rule="klaviyo.private_api_key", name="Klaviyo-API-Key header", make=lambda f: "pk_" + f.hex(34),
         line=lambda f, s: "curl https://a.klaviyo.com/api/lists/ -H 'Authorization: Klaviyo-API-Key %s' -H 'revision: 2024-10-15'\n" % s,
         formats=["sh"]),
    Case(family="smtp2go", rule="smtp2go.api_key", name="SMTP2GO_API_KEY", make=lambda f: "api-" + f.chars(UPPER_HEX, 32)),
    Case(family="mailtrap", rule="mailtrap.api_token", name="MAILTRAP_API_TOKEN", make=lambda f: f.hex(32)),
    Case(family="elasticemail", rule="elasticemail.api_key", name="ELASTIC_EMAIL_API_KEY", make=lambda f: f.chars(UPPER_HEX, 96)),

    # ---------------------------------------------------------------- support desks and CRM
    Case(family="intercom", rule="intercom.access_token", name="INTERCOM_ACCESS_TOKEN", make=intercom_token),
    Case(family="intercom", rule="intercom.client_secret", name="INTERCOM_CLIENT_SECRET", make=lambda f: f.urlsafe(40)),
    Case(family="zendesk", rule="zendesk.api_token", name="ZENDESK_API_TOKEN", make=lambda f: f.alnum(40)),
    Case(family="zendesk", rule="zendesk.api_token", name="email/token basic auth", make=lambda f: f.alnum(40),
         line=lambda f, s: "curl https://acme.zendesk.com/api/v2/tickets.json -u support@acme.io/token:%s\n" % s, formats=["sh"]),
    Case(family="freshdesk", rule="freshdesk.api_key", name="FRESHDESK_API_KEY", make=lambda f: f.alnum(20)),
    Case(family="helpscout", rule="helpscout.app_secret", name="HELPSCOUT_APP_SECRET", make=lambda f: f.alnum(32)),
    Case(family="front", rule="front.api_token", name="FRONT_API_TOKEN", make=front_token),
    Case(family="hubspot", rule="hubspot.private_app_token", name="HUBSPOT_ACCESS_TOKEN", make=lambda f: "pat-na1-" + f.uuid()),
    Case(family="hubspot", rule="hubspot.private_app_token", name="HUBSPOT_PRIVATE_APP_TOKEN", make=lambda f: "pat-eu1-" + f.uuid()),
    Case(family="hubspot", rule="hubspot.api_key", name="HUBSPOT_API_KEY", make=lambda f: f.uuid()),
    Case(family="hubspot", rule="hubspot.api_key", name="hapikey URL", make=lambda f: f.uuid(),
         line=lambda f, s: "curl 'https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=%s&count=100'\n" % s,
         formats=["sh"]),
    Case(family="hubspot", rule="hubspot.client_secret", name="HUBSPOT_CLIENT_SECRET", make=lambda f: f.uuid()),
    Case(family="hubspot", rule="hubspot.personal_access_key", name="HUBSPOT_PERSONAL_ACCESS_KEY", make=lambda f: "CiR" + f.urlsafe(150)),
    Case(family="salesforce", rule="salesforce.access_token", name="SALESFORCE_ACCESS_TOKEN", make=salesforce_access_token),
    Case(family="salesforce", rule="salesforce.consumer_secret", name="SALESFORCE_CLIENT_SECRET", make=lambda f: f.chars(UPPER_HEX, 64)),
    Case(family="salesforce", rule="salesforce.refresh_token", name="SALESFORCE_REFRESH_TOKEN",
         make=lambda f: "5Aep861" + f.chars(SF_CHARS, 80)),

    # ---------------------------------------------------------------- realtime and notification platforms
    Case(family="pusher", rule="pusher.app_secret", name="PUSHER_APP_SECRET", make=lambda f: f.hex(20)),
    Case(family="pusher", rule="pusher.channels_url", name="PUSHER_URL",
         make=lambda f: "http://%s:%s@api-eu.pusher.com/apps/%s" % (f.hex(20), f.hex(20), f.digits(7))),
    Case(family="pusher", rule="pusher.beams_secret_key", name="PUSHER_BEAMS_SECRET_KEY", make=lambda f: f.chars(UPPER_HEX, 64)),
    Case(family="ably", rule="ably.api_key", name="ABLY_API_KEY",
         make=lambda f: f.alnum(6) + "." + f.alnum(6) + ":" + f.urlsafe(43)),
    Case(family="ably", rule="ably.api_key", name="new Ably.Realtime", make=lambda f: f.alnum(6) + "." + f.alnum(6) + ":" + f.urlsafe(43),
         line=lambda f, s: "import Ably from 'ably';\n\nconst ably = new Ably.Realtime('%s');\n" % s, formats=["js"]),
    Case(family="getstream", rule="getstream.api_secret", name="STREAM_API_SECRET", make=lambda f: f.lower_alnum(64)),
    Case(family="onesignal", rule="onesignal.app_api_key", name="ONESIGNAL_REST_API_KEY",
         make=lambda f: "os_v2_app_" + f.chars(B32_LOWER, 109)),
    Case(family="onesignal", rule="onesignal.organization_api_key", name="ONESIGNAL_ORG_API_KEY",
         make=lambda f: "os_v2_org_" + f.chars(B32_LOWER, 109)),
    Case(family="onesignal", rule="onesignal.legacy_rest_api_key", name="ONESIGNAL_API_KEY",
         make=lambda f: base64.b64encode(f.uuid().encode()).decode()),
    Case(family="sendbird", rule="sendbird.api_token", name="SENDBIRD_API_TOKEN", make=lambda f: f.hex(40)),
    Case(family="courier", rule="courier.auth_token", name="COURIER_AUTH_TOKEN", make=lambda f: "pk_prod_" + f.upper_alnum(28)),
    Case(family="knock", rule="knock.service_token", name="KNOCK_SERVICE_TOKEN", make=lambda f: "knock_st_" + f.urlsafe(40)),
    Case(family="knock", rule="knock.secret_api_key", name="KNOCK_API_KEY", make=lambda f: "sk_" + f.urlsafe(40)),
    Case(family="knock", rule="knock.signing_key", name="KNOCK_SIGNING_KEY", make=knock_signing_key),
    Case(family="novu", rule="novu.api_key", name="NOVU_SECRET_KEY", make=lambda f: f.hex(32)),
]
