"""Generic credentials: values with no provider format, found by the name they are assigned to."""
from recall_spec import Case

WORDS = ["summer", "falcon", "orange", "tiger", "harbor", "winter", "maple", "rocket", "silver", "Dragon",
         "Monkey", "sunshine", "Qwerty", "Shadow", "Coffee", "Mustang", "Bailey", "Ranger", "Kitten", "Pepper"]


def human(f):
    """A password a person would choose: a word, digits and maybe a symbol (`Falcon1987!`)."""
    word = f.r.choice(WORDS)
    word = word.capitalize() if f.r.random() < 0.6 else word
    return word + f.digits(f.r.randint(2, 4)) + f.r.choice(["", "!", "#", "@", "$", "*"])


def strong(f):
    return f.chars("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+-=?@^_", f.r.randint(14, 24))


CASES = [
    # passwords under strong password names
    Case(family="generic-password", rule="generic", name="DB_PASSWORD", make=strong),
    Case(family="generic-password", rule="generic", name="MYSQL_ROOT_PASSWORD", make=strong),
    Case(family="generic-password", rule="generic", name="smtpPassword", make=strong),
    Case(family="generic-password", rule="generic", name="ADMIN_PASS", make=strong),
    Case(family="generic-password", rule="generic", name="ldap_bind_pw", make=strong),
    Case(family="generic-password", rule="generic", name="REDIS_PASSWD", make=strong),
    Case(family="generic-password", rule="generic", name="keystorePassword", make=strong),
    Case(family="generic-password", rule="generic", name="SSL_KEY_PASSPHRASE", make=strong),
    Case(family="generic-password", rule="generic", name="user_pwd", make=strong),
    Case(family="generic-password", rule="generic", name="rabbitmq_default_pass", make=strong),
    # short human passwords next to a strong password name
    Case(family="generic-human-password", rule="generic", name="DB_PASSWORD", make=human),
    Case(family="generic-human-password", rule="generic", name="POSTGRES_PASSWORD", make=human),
    Case(family="generic-human-password", rule="generic", name="mail_password", make=human),
    Case(family="generic-human-password", rule="generic", name="ftpPassword", make=human),
    Case(family="generic-human-password", rule="generic", name="admin_password", make=human),
    Case(family="generic-human-password", rule="generic", name="SA_PASSWORD", make=human),
    # secrets
    Case(family="generic-secret", rule="generic", name="CLIENT_SECRET", make=lambda f: f.urlsafe(40)),
    Case(family="generic-secret", rule="generic", name="app_secret", make=lambda f: f.hex(32)),
    Case(family="generic-secret", rule="generic", name="SECRET_KEY", make=lambda f: f.chars("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50)),
    Case(family="generic-secret", rule="generic", name="jwtSecret", make=lambda f: f.b64(32)),
    Case(family="generic-secret", rule="generic", name="SESSION_SECRET", make=lambda f: f.alnum(48)),
    Case(family="generic-secret", rule="generic", name="cookie_secret", make=lambda f: f.hex(64)),
    Case(family="generic-secret", rule="generic", name="ENCRYPTION_KEY", make=lambda f: f.b64(32)),
    Case(family="generic-secret", rule="generic", name="hmacKey", make=lambda f: f.hex(64)),
    Case(family="generic-secret", rule="generic", name="WEBHOOK_SECRET", make=lambda f: f.alnum(32)),
    Case(family="generic-secret", rule="generic", name="master_key", make=lambda f: f.hex(32)),
    # tokens
    Case(family="generic-token", rule="generic", name="ACCESS_TOKEN", make=lambda f: f.alnum(40)),
    Case(family="generic-token", rule="generic", name="authToken", make=lambda f: f.urlsafe(43)),
    Case(family="generic-token", rule="generic", name="BEARER_TOKEN", make=lambda f: f.b64url(32)),
    Case(family="generic-token", rule="generic", name="refresh_token", make=lambda f: f.alnum(64)),
    Case(family="generic-token", rule="generic", name="API_TOKEN", make=lambda f: f.hex(40)),
    Case(family="generic-token", rule="generic", name="sessionToken", make=lambda f: f.b64(48)),
    # API keys and other credential names
    Case(family="generic-api-key", rule="generic", name="API_KEY", make=lambda f: f.alnum(32)),
    Case(family="generic-api-key", rule="generic", name="apiKey", make=lambda f: f.hex(32)),
    Case(family="generic-api-key", rule="generic", name="x-api-key", make=lambda f: f.alnum(40)),
    Case(family="generic-api-key", rule="generic", name="SERVICE_API_SECRET", make=lambda f: f.urlsafe(36)),
    Case(family="generic-api-key", rule="generic", name="ACCESS_KEY", make=lambda f: f.upper_alnum(20)),
    Case(family="generic-api-key", rule="generic", name="SECRET_ACCESS_KEY", make=lambda f: f.b64(30)),
    Case(family="generic-api-key", rule="generic", name="private_key", make=lambda f: f.hex(64)),
    Case(family="generic-api-key", rule="generic", name="auth_key", make=lambda f: f.alnum(32)),
    Case(family="generic-api-key", rule="generic", name="credentials", make=lambda f: f.b64(24)),
]
