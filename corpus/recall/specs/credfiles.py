"""Credentials that are not service API tokens (group `credfiles`): key files, password hashes,
credential files, connection strings, command lines and framework secrets.

Every `make` builds a fresh fake from the harness's `Fakes` in the documented format (PEM and
OpenSSH bodies, bech32 with its checksum for age, crypt(3) hash shapes, Kerberos and NTLM hash
layouts, framework key lengths and alphabets); none is a real credential. Credential-file and
command-line cases are planted as whole files or lines (`line=`), since the value only means
something in that shape; the rules for those formats report weak passwords too, so some cases use
words such as `admin`.
"""
import base64
import string

from recall_spec import Case

CRYPT = "./" + string.digits + string.ascii_uppercase + string.ascii_lowercase
HEXU = "0123456789ABCDEF"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
DJANGO = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"
WEAK = ["admin", "root", "postgres", "password", "secret", "welcome1", "qwerty", "letmein", "admin123", "changeit"]
# Words the entropy-gated .netrc / .pgpass rules drop, so that the weak-password rules report them.
NETRC_WEAK = ["password", "secret", "root", "test", "pass", "changeme", "123456"]
PGPASS_WEAK = ["admin", "root", "postgres", "password", "secret", "welcome1", "qwerty", "letmein"]
ALL = ["env", "yaml", "json", "py", "js", "go", "sh", "tf", "properties"]


def pw(f, n=16):
    """A random password: letters, digits and a few marks, never a template or a word."""
    return f.alnum(1) + f.chars(string.ascii_letters + string.digits + "!*-_.~+", n - 2) + f.digits(1)


def weak(f):
    return f.r.choice(WEAK)


def wrap(b64, width=64):
    return "\n".join(b64[i:i + width] for i in range(0, len(b64), width))


def sha512crypt(f): return "$6$" + f.chars(CRYPT, 16) + "$" + f.chars(CRYPT, 86)
def sha256crypt(f): return "$5$rounds=5000$" + f.chars(CRYPT, 16) + "$" + f.chars(CRYPT, 43)
def yescrypt(f): return "$y$j9T$" + f.chars(CRYPT, 22) + "$" + f.chars(CRYPT, 43)
def apr1(f): return "$apr1$" + f.chars(CRYPT, 8) + "$" + f.chars(CRYPT, 22)
def bcrypt(f, cost="10"): return "$2y$" + cost + "$" + f.chars(CRYPT, 53)
def argon2(f): return "$argon2id$v=19$m=65536,t=3,p=4$" + f.b64(16).rstrip("=") + "$" + f.b64(32).rstrip("=")


def _polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def age_key(f):
    """AGE-SECRET-KEY-1 + 32 random bytes in upper-case bech32 with a valid checksum."""
    data = [f.r.randrange(32) for _ in range(52)]
    data[-1] &= 0b10000
    hrp = "age-secret-key-"
    pm = _polymod([ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data + [0] * 6) ^ 1
    return "AGE-SECRET-KEY-1" + "".join(BECH32[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)]).upper()


def jenkins_secret(f):
    n = 32
    raw = bytes([1, 0, 0, 0, 16, 0, 0, 0, n]) + bytes(f.r.getrandbits(8) for _ in range(16 + n + 3))
    return base64.b64encode(raw).decode()


def url_case(provider, scheme, port, name="DATABASE_URL", user="app", host="db.internal", path="/prod"):
    return Case(family=provider, rule=f"{provider}.url_password", name=name, make=lambda f: pw(f, 18),
                line=lambda f, s: f"# connection\n{name}={scheme}://{user}:{s}@{host}:{port}{path}\nPOOL_SIZE=10",
                formats=["env"])


CASES = [
    # ------------------------------------------------------------------ keys
    Case(family="ssh", rule="keys.ssh2_private_key", name="id_rsa_ssh2", make=lambda f: "P2/56wAAA" + wrap(f.b64(300))[9:],
         line=lambda f, s: '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key-20240611"\n%s\n---- END SSH2 ENCRYPTED PRIVATE KEY ----' % s,
         formats=["txt"], filename="id_rsa.ssh2"),
    Case(family="openvpn", rule="openvpn.static_key", name="ta.key", make=lambda f: "\n".join(f.hex(32) for _ in range(16)),
         line=lambda f, s: "#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n%s\n-----END OpenVPN Static key V1-----" % s,
         formats=["txt"], filename="ta.key"),
    Case(family="openvpn", rule="openvpn.static_key", name="client.ovpn", make=lambda f: "\n".join(f.hex(32) for _ in range(16)),
         line=lambda f, s: "client\nremote vpn.corp.internal 1194\nkey-direction 1\n<tls-auth>\n-----BEGIN OpenVPN Static key V1-----\n%s\n-----END OpenVPN Static key V1-----\n</tls-auth>" % s,
         formats=["ovpn"], filename="client.ovpn"),
    Case(family="age", rule="age.secret_key", name="SOPS_AGE_KEY", make=age_key),
    Case(family="age", rule="age.secret_key", name="keys.txt", make=age_key,
         line=lambda f, s: "# created: 2024-03-01T10:00:00Z\n# public key: age1%s\n%s" % (f.chars(BECH32, 58), s),
         formats=["txt"], filename="keys.txt"),
    Case(family="wireguard", rule="wireguard.private_key", name="wg0.conf", make=lambda f: f.b64(32),
         line=lambda f, s: "[Interface]\nAddress = 10.8.0.2/24\nListenPort = 51820\nPrivateKey = %s\n\n[Peer]\nPublicKey = %s\nAllowedIPs = 0.0.0.0/0" % (s, f.b64(32)),
         formats=["conf"], filename="wg0.conf"),
    Case(family="wireguard", rule="wireguard.private_key_variable", name="WG_PRIVATE_KEY", make=lambda f: f.b64(32), formats=ALL),
    Case(family="jwt-secret", rule="jwt.signing_secret", name="JWT_SECRET", make=lambda f: f.alnum(48), formats=ALL),
    Case(family="jwt-secret", rule="jwt.signing_secret", name="jwtSigningKey", make=lambda f: f.b64(32), formats=ALL),
    Case(family="jwt-secret", rule="jwt.appsettings_signing_key", name="appsettings.json", make=lambda f: f.alnum(48),
         line=lambda f, s: '{\n  "Jwt": {\n    "Key": "%s",\n    "Issuer": "https://api.corp.internal",\n    "Audience": "web"\n  }\n}' % s,
         formats=["json"], filename="appsettings.json"),

    # ------------------------------------------------------------------ credential files
    # A weak .netrc password (`admin`) is not reported yet: without knowing the file is a .netrc, the
    # same line in documentation (curl's MANUAL.md: `password mysecret`) would be reported too.
    Case(family="pgpass", rule="pgpass.weak_password", name=".pgpass", make=lambda f: f.r.choice(PGPASS_WEAK),
         line=lambda f, s: "db.internal:5432:app:app:%s\n" % s, formats=["txt"], filename=".pgpass"),
    Case(family="mysql", rule="mysql.client_password", name=".my.cnf", make=pw,
         line=lambda f, s: "[client]\nuser=backup\npassword=%s\nhost=db.internal\n" % s, formats=["cnf"], filename=".my.cnf"),
    Case(family="mysql", rule="mysql.client_password", name="my.cnf", make=weak,
         line=lambda f, s: "[mysqldump]\nuser = root\npassword = \"%s\"\nsingle-transaction\n" % s, formats=["cnf"], filename="my.cnf"),
    Case(family="pypi", rule="pypirc.password", name=".pypirc", make=pw,
         line=lambda f, s: "[distutils]\nindex-servers =\n    internal\n\n[internal]\nrepository = https://nexus.corp.internal/repository/pypi/\nusername = ci\npassword = %s\n" % s,
         formats=["txt"], filename=".pypirc"),
    # the access key is the AWS documentation sample, so that only the secret is a credential here
    Case(family="s3cmd", rule="s3cmd.secret_key", name=".s3cfg", make=lambda f: f.b64(32).rstrip("="),
         line=lambda f, s: "[default]\naccess_key = AKIAIOSFODNN7EXAMPLE\nhost_base = fra1.digitaloceanspaces.com\nhost_bucket = %%(bucket)s.fra1.digitaloceanspaces.com\nsecret_key = %s\nuse_https = True\n" % s,
         formats=["txt"], filename=".s3cfg"),
    Case(family="tomcat", rule="tomcat.user_password", name="tomcat-users.xml", make=weak,
         line=lambda f, s: '<tomcat-users>\n  <role rolename="manager-gui"/>\n  <user username="admin" password="%s" roles="manager-gui"/>\n</tomcat-users>' % s,
         formats=["xml"], filename="tomcat-users.xml"),
    Case(family="tomcat", rule="tomcat.config_password", name="context.xml", make=pw,
         line=lambda f, s: '<Context>\n  <Resource name="jdbc/app" auth="Container" type="javax.sql.DataSource" username="app" password="%s" url="jdbc:postgresql://db/app"/>\n</Context>' % s,
         formats=["xml"], filename="context.xml"),
    Case(family="wildfly", rule="wildfly.datasource_password", name="standalone.xml", make=pw,
         line=lambda f, s: '<datasource jndi-name="java:jboss/datasources/AppDS" pool-name="AppDS">\n  <connection-url>jdbc:postgresql://db:5432/app</connection-url>\n  <security>\n    <user-name>app</user-name>\n    <password>%s</password>\n  </security>\n</datasource>' % s,
         formats=["xml"], filename="standalone.xml"),
    Case(family="wildfly", rule="jboss.login_module_password", name="login-config.xml", make=lambda f: f.hex(32),
         line=lambda f, s: '<login-module code="org.picketbox.datasource.security.SecureIdentityLoginModule" flag="required">\n  <module-option name="username" value="app"/>\n  <module-option name="password" value="%s"/>\n</login-module>' % s,
         formats=["xml"], filename="login-config.xml"),
    Case(family="wildfly", rule="wildfly.credential_reference", name="standalone.xml", make=pw,
         line=lambda f, s: '<key-store name="httpsKS">\n  <credential-reference clear-text="%s"/>\n  <implementation type="PKCS12"/>\n</key-store>' % s,
         formats=["xml"]),
    Case(family="jenkins", rule="jenkins.encrypted_secret", name="credentials.xml", make=jenkins_secret,
         line=lambda f, s: '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <id>deploy</id>\n  <username>deploy</username>\n  <password>{%s}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>' % s,
         formats=["xml"], filename="credentials.xml"),
    Case(family="filezilla", rule="filezilla.saved_password", name="sitemanager.xml", make=lambda f: base64.b64encode(pw(f, 14).encode()).decode(),
         line=lambda f, s: '<FileZilla3>\n<Servers>\n<Server>\n<Host>ftp.corp.internal</Host>\n<Port>21</Port>\n<User>deploy</User>\n<Pass encoding="base64">%s</Pass>\n</Server>\n</Servers>\n</FileZilla3>' % s,
         formats=["xml"], filename="sitemanager.xml"),
    Case(family="winscp", rule="winscp.session_password", name="WinSCP.ini", make=lambda f: "A35C" + f.chars(HEXU, 60),
         line=lambda f, s: "[Sessions\\deploy@web01]\nHostName=web01.corp.internal\nUserName=deploy\nPassword=%s\nFSProtocol=0\n" % s,
         formats=["ini"], filename="WinSCP.ini"),
    Case(family="sublime-sftp", rule="sublimesftp.password", name="sftp-config.json", make=pw,
         line=lambda f, s: '{\n    "type": "sftp",\n    "host": "web01.corp.internal",\n    "user": "deploy",\n    "password": "%s",\n    "remote_path": "/var/www/"\n}' % s,
         formats=["json"], filename="sftp-config.json"),
    Case(family="vscode-sftp", rule="vscodesftp.password", name="sftp.json", make=pw,
         line=lambda f, s: '{\n  "name": "prod",\n  "host": "web01.corp.internal",\n  "protocol": "sftp",\n  "port": 22,\n  "username": "deploy",\n  "password": "%s"\n}' % s,
         formats=["json"], filename="sftp.json"),
    Case(family="remote-ftp", rule="remoteftp.password", name=".ftpconfig", make=weak,
         line=lambda f, s: '{\n    "protocol": "ftp",\n    "host": "ftp.corp.internal",\n    "port": 21,\n    "user": "site",\n    "pass": "%s"\n}' % s,
         formats=["json"], filename=".ftpconfig"),
    Case(family="robomongo", rule="robomongo.user_password", name="robo3t.json", make=pw,
         line=lambda f, s: '{\n  "credentials": [{\n    "databaseName": "admin",\n    "enabled": true,\n    "mechanism": "SCRAM-SHA-1",\n    "userName": "ops",\n    "userPassword": "%s"\n  }]\n}' % s,
         formats=["json"], filename="robo3t.json"),
    Case(family="firefox", rule="firefox.logins_encrypted_password", name="logins.json",
         make=lambda f: "MEIEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcE" + f.b64(36),
         line=lambda f, s: '{"logins":[{"id":3,"hostname":"https://intranet.corp.internal","encryptedUsername":"MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcE%s",\n"encryptedPassword":"%s","timesUsed":4}]}' % (f.b64(18), s),
         formats=["json"], filename="logins.json"),
    Case(family="svn", rule="svn.simple_password", name="svn.simple", make=pw,
         line=lambda f, s: "K 8\npasstype\nV 6\nsimple\nK 8\npassword\nV %d\n%s\nK 15\nsvn:realmstring\nV 40\n<https://svn.corp.internal:443> Subversion\nEND" % (len(s), s),
         formats=["txt"], filename="5671adf2865e267db74f09ba6f872c28"),
    Case(family="composer", rule="composer.http_basic_password", name="auth.json", make=pw,
         line=lambda f, s: '{\n  "http-basic": {\n    "repo.corp.internal": {\n      "username": "deploy",\n      "password": "%s"\n    }\n  }\n}' % s,
         formats=["json"], filename="auth.json"),
    Case(family="nuget", rule="nuget.cleartext_password", name="NuGet.Config", make=pw,
         line=lambda f, s: '<configuration>\n  <packageSourceCredentials>\n    <corp>\n      <add key="Username" value="build" />\n      <add key="ClearTextPassword" value="%s" />\n    </corp>\n  </packageSourceCredentials>\n</configuration>' % s,
         formats=["xml"], filename="NuGet.Config"),
    Case(family="wifi", rule="wpasupplicant.psk", name="wpa_supplicant.conf", make=weak,
         line=lambda f, s: 'ctrl_interface=/run/wpa_supplicant\nnetwork={\n\tssid="corp-iot"\n\tpsk="%s"\n\tkey_mgmt=WPA-PSK\n}' % s,
         formats=["conf"], filename="wpa_supplicant.conf"),
    Case(family="wifi", rule="networkmanager.secret", name="corp.nmconnection", make=pw,
         line=lambda f, s: "[connection]\nid=corp\ntype=wifi\n\n[wifi-security]\nkey-mgmt=wpa-psk\npsk=%s\n" % s,
         formats=["nmconnection"], filename="corp.nmconnection"),
    Case(family="rclone", rule="rclone.obscured_password", name="rclone.conf", make=lambda f: f.b64url(24),
         line=lambda f, s: "[nas]\ntype = sftp\nhost = nas.lan\nuser = backup\npass = %s\nshell_type = unix\n" % s,
         formats=["conf"], filename="rclone.conf"),
    Case(family="kubeconfig", rule="kubeconfig.user_password", name="kubeconfig", make=pw,
         line=lambda f, s: "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    username: admin\n    password: %s\n" % s,
         formats=["yaml"], filename="config"),
    Case(family="ldap", rule="ldap.user_password", name="users.ldif", make=pw,
         line=lambda f, s: "dn: uid=jdoe,ou=people,dc=corp,dc=internal\nobjectClass: inetOrgPerson\nuid: jdoe\ncn: John Doe\nuserPassword: %s\n" % s,
         formats=["ldif"], filename="users.ldif"),
    Case(family="ldap", rule="openldap.root_password", name="slapd.conf", make=weak,
         line=lambda f, s: 'database mdb\nsuffix "dc=corp,dc=internal"\nrootdn "cn=Manager,dc=corp,dc=internal"\nrootpw %s\n' % s,
         formats=["conf"], filename="slapd.conf"),
    Case(family="ldap", rule="nslcd.bind_password", name="nslcd.conf", make=pw,
         line=lambda f, s: "uri ldaps://ldap.corp.internal\nbase dc=corp,dc=internal\nbinddn cn=nslcd,ou=services,dc=corp,dc=internal\nbindpw %s\n" % s,
         formats=["conf"], filename="nslcd.conf"),
    Case(family="ldap", rule="sssd.ldap_default_authtok", name="sssd.conf", make=pw,
         line=lambda f, s: "[domain/corp]\nid_provider = ldap\nldap_default_bind_dn = cn=sssd,dc=corp,dc=internal\nldap_default_authtok = %s\n" % s,
         formats=["conf"], filename="sssd.conf"),
    Case(family="redis", rule="redis.requirepass", name="redis.conf", make=weak,
         line=lambda f, s: "bind 0.0.0.0\nport 6379\nrequirepass %s\nappendonly yes\n" % s, formats=["conf"], filename="redis.conf"),
    Case(family="redis", rule="redis.acl_password", name="users.acl", make=pw,
         line=lambda f, s: "user default off\nuser app on >%s ~app:* +@read +@write\n" % s, formats=["acl"], filename="users.acl"),
    Case(family="odbc", rule="odbc.ini_password", name="odbc.ini", make=pw,
         line=lambda f, s: "[reporting]\nDriver = ODBC Driver 18 for SQL Server\nServer = tcp:sql01.corp.internal,1433\nUID = report\nPWD = %s\n" % s,
         formats=["ini"], filename="odbc.ini"),
    Case(family="smb", rule="cifs.credentials_file", name=".smbcredentials", make=pw,
         line=lambda f, s: "username=svc_backup\npassword=%s\ndomain=CORP\n" % s, formats=["txt"], filename=".smbcredentials"),

    # ------------------------------------------------------------------ password hashes
    Case(family="shadow", rule="shadow.password_hash", name="shadow", make=sha512crypt,
         line=lambda f, s: "root:%s:19737:0:99999:7:::\ndaemon:*:19737:0:99999:7:::\n" % s, formats=["txt"], filename="shadow"),
    Case(family="shadow", rule="shadow.password_hash", name="shadow", make=yescrypt,
         line=lambda f, s: "deploy:%s:19801:0:99999:7:::\n" % s, formats=["txt"], filename="shadow"),
    Case(family="htpasswd", rule="htpasswd.password_hash", name=".htpasswd", make=apr1,
         line=lambda f, s: "admin:%s\n" % s, formats=["txt"], filename=".htpasswd"),
    Case(family="htpasswd", rule="htpasswd.password_hash", name=".htpasswd", make=lambda f: bcrypt(f, "05"),
         line=lambda f, s: "ops:%s\n" % s, formats=["txt"], filename=".htpasswd"),
    Case(family="htpasswd", rule="htpasswd.sha1_hash", name=".htpasswd", make=lambda f: f.b64(20),
         line=lambda f, s: "webadmin:{SHA}%s\n" % s, formats=["txt"], filename=".htpasswd"),
    Case(family="crypt", rule="crypt.hashed_password", name="password_hash", make=sha512crypt, formats=ALL),
    Case(family="crypt", rule="crypt.hashed_password", name="cloud-init", make=sha256crypt,
         line=lambda f, s: "#cloud-config\nusers:\n  - name: ops\n    passwd: %s\n    lock_passwd: false\n" % s, formats=["yaml"], filename="user-data"),
    Case(family="kerberos", rule="kerberos.asrep_hash", name="asrep.txt",
         make=lambda f: "$krb5asrep$23$svc_backup@CORP.LOCAL:%s$%s" % (f.hex(32), f.hex(240)),
         line=lambda f, s: s, formats=["txt"]),
    Case(family="kerberos", rule="kerberos.tgs_hash", name="kerberoast.txt",
         make=lambda f: "$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/db01.corp.local:1433*$%s$%s" % (f.hex(32), f.hex(300)),
         line=lambda f, s: s, formats=["txt"]),
    Case(family="kerberos", rule="kerberos.asreq_preauth_hash", name="preauth.txt",
         make=lambda f: "$krb5pa$18$jdoe$CORP.LOCAL$%s" % f.hex(112), line=lambda f, s: s, formats=["txt"]),
    Case(family="ntlm", rule="ntlm.pwdump_hash", name="ntds.dit.ntds", make=lambda f: f.hex(32),
         line=lambda f, s: "Administrator:500:aad3b435b51404eeaad3b435b51404ee:%s:::\nGuest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::" % s,
         formats=["txt"]),
    Case(family="ntlm", rule="ntlm.netntlmv2_response", name="Responder.log",
         make=lambda f: "jdoe::CORP:%s:%s:0101000000000000%s" % (f.hex(16), f.hex(32).upper(), f.hex(200)),
         line=lambda f, s: "[SMB] NTLMv2-SSP Client   : 10.0.0.51\n[SMB] NTLMv2-SSP Hash     : %s" % s, formats=["log"]),
    Case(family="ntlm", rule="ntlm.netntlmv1_response", name="hashes.txt",
         make=lambda f: "jdoe::CORP:%s:%s:%s" % (f.chars(HEXU, 48), f.chars(HEXU, 48), f.hex(16)), line=lambda f, s: s, formats=["txt"]),
    Case(family="mysql", rule="mysql.native_password_hash", name="users.sql", make=lambda f: "*" + f.chars(HEXU, 40),
         line=lambda f, s: "CREATE USER 'app'@'%%' IDENTIFIED WITH mysql_native_password AS '%s';\nGRANT ALL ON app.* TO 'app'@'%%';" % s,
         formats=["sql"]),
    Case(family="postgres", rule="postgres.scram_password_hash", name="roles.sql",
         make=lambda f: "SCRAM-SHA-256$4096:%s$%s:%s" % (f.b64(16), f.b64(32), f.b64(32)),
         line=lambda f, s: "CREATE ROLE app;\nALTER ROLE app WITH LOGIN PASSWORD '%s';" % s, formats=["sql"]),
    Case(family="postgres", rule="postgres.md5_password_hash", name="userlist.txt", make=lambda f: "md5" + f.hex(32),
         line=lambda f, s: '"app" "%s"\n' % s, formats=["txt"], filename="userlist.txt"),
    Case(family="sql-dump", rule="sql.user_password_hash", name="dump.sql", make=bcrypt,
         line=lambda f, s: "INSERT INTO `users` (`id`, `email`, `password`) VALUES (1,'ops@corp.internal','%s');" % s, formats=["sql"]),
    Case(family="sql-dump", rule="sql.user_password_hash", name="seed.sql", make=argon2,
         line=lambda f, s: "INSERT INTO public.accounts (id, login, password_hash) VALUES\n  (7, 'billing', '%s');" % s, formats=["sql"]),
    Case(family="django", rule="django.password_hash", name="password",
         make=lambda f: "pbkdf2_sha256$600000$%s$%s" % (f.alnum(22), f.b64(32))),
    Case(family="grub", rule="grub.pbkdf2_password_hash", name="GRUB_PASSWORD",
         make=lambda f: "grub.pbkdf2.sha512.10000.%s.%s" % (f.chars(HEXU, 128), f.chars(HEXU, 128))),
    Case(family="grub", rule="grub.plaintext_password", name="grub.cfg", make=weak,
         line=lambda f, s: 'set superusers="root"\npassword root %s\nexport superusers\n' % s, formats=["cfg"], filename="grub.cfg"),
    Case(family="cisco", rule="cisco.type7_password", name="running-config",
         make=lambda f: "0" + f.digits(1) + f.chars(HEXU, 16),
         line=lambda f, s: "hostname edge01\n!\nusername admin privilege 15 password 7 %s\n!" % s, formats=["cfg"]),
    Case(family="cisco", rule="cisco.secret_hash", name="running-config",
         make=lambda f: "$1$" + f.chars(CRYPT, 4) + "$" + f.chars(CRYPT, 22),
         line=lambda f, s: "hostname edge02\nenable secret 5 %s\n" % s, formats=["cfg"]),
    Case(family="juniper", rule="juniper.encrypted_secret", name="juniper.conf",
         make=lambda f: "$9$" + f.chars("QzF3n6/9CAtpu0OB1IREhcSyrleKvMW8LXx7N-dVbwsY2g4oaJZGUDjiHkq.mPf5T", 28),
         line=lambda f, s: 'set protocols bgp group ext authentication-key "%s"' % s, formats=["conf"]),

    # ------------------------------------------------------------------ connection strings
    Case(family="jdbc", rule="jdbc.url_password", name="spring.datasource.url", make=pw,
         line=lambda f, s: "spring.datasource.url=jdbc:postgresql://db.internal:5432/app?user=app&password=%s&ssl=true" % s,
         formats=["properties"]),
    Case(family="jdbc", rule="jdbc.url_password", name="JDBC_URL", make=pw,
         line=lambda f, s: 'String url = "jdbc:sqlserver://sql01.corp.internal:1433;databaseName=erp;user=erp_app;password=%s;encrypt=true";' % s,
         formats=["java"]),
    Case(family="oracle", rule="oracle.jdbc_thin_password", name="jdbc.url", make=pw,
         line=lambda f, s: "jdbc.url=jdbc:oracle:thin:hr/%s@//ora01.corp.internal:1521/ORCLPDB1" % s, formats=["properties"]),
    Case(family="adonet", rule="adonet.connection_string_password", name="appsettings.json", make=pw,
         line=lambda f, s: '{\n  "ConnectionStrings": {\n    "Default": "Server=tcp:sql01.corp.internal,1433;Database=Erp;User Id=erp_app;Password=%s;Encrypt=True;"\n  }\n}' % s,
         formats=["json"], filename="appsettings.json"),
    Case(family="adonet", rule="adonet.connection_string_password", name="web.config", make=pw,
         line=lambda f, s: '<connectionStrings>\n  <add name="Main" connectionString="Data Source=SQL01;Initial Catalog=Shop;User ID=sa;Password=%s" providerName="System.Data.SqlClient" />\n</connectionStrings>' % s,
         formats=["config"], filename="web.config"),
    Case(family="postgres", rule="postgres.conninfo_password", name="psql", make=pw,
         line=lambda f, s: 'psql "host=pg01.corp.internal port=5432 dbname=app user=app password=%s sslmode=require" -c "select 1"' % s,
         formats=["sh"]),
    Case(family="kafka", rule="kafka.jaas_password", name="client.properties", make=pw,
         line=lambda f, s: 'security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-orders" password="%s";' % s,
         formats=["properties"]),
    Case(family="mysql", rule="gomysql.dsn_password", name="MYSQL_DSN", make=pw,
         line=lambda f, s: 'db, err := sql.Open("mysql", "app:%s@tcp(db.internal:3306)/shop?parseTime=true")' % s, formats=["go"]),
    url_case("mssql", "sqlserver", 1433),
    url_case("mssql", "mssql+pyodbc", 1433, name="SQLALCHEMY_DATABASE_URI"),
    url_case("oracle", "oracle+oracledb", 1521),
    Case(family="postgres", rule="postgres.driver_url_password", name="SQLALCHEMY_DATABASE_URI", make=lambda f: pw(f, 18),
         line=lambda f, s: "SQLALCHEMY_DATABASE_URI=postgresql+psycopg2://app:%s@db.internal:5432/app" % s, formats=["env"]),
    url_case("cockroachdb", "cockroachdb", 26257),
    url_case("redshift", "redshift+psycopg2", 5439),
    url_case("clickhouse", "clickhouse", 9000),
    url_case("snowflake", "snowflake", 443, host="xy12345.eu-central-1", path="/analytics/public"),
    url_case("db2", "db2+ibm_db", 50000),
    url_case("trino", "trino", 8443, path="/hive"),
    url_case("hana", "hana", 30015),
    url_case("vertica", "vertica+vertica_python", 5433),
    url_case("firebird", "firebird", 3050, path="/var/lib/firebird/app.fdb"),
    url_case("teradata", "teradatasql", 1025),
    url_case("influxdb", "influxdb", 8086, name="INFLUXDB_DSN", path="/metrics"),
    url_case("neo4j", "neo4j+s", 7687, name="NEO4J_URL", path=""),
    url_case("mqtt", "mqtts", 8883, name="MQTT_URL", user="sensor-12", path=""),
    url_case("nats", "nats", 4222, name="NATS_URL", path=""),
    url_case("smtp", "smtp", 587, name="MAILER_DSN", host="smtp.corp.internal", path=""),
    url_case("imap", "imaps", 993, name="MAILBOX_URL", host="mail.corp.internal", path="/INBOX"),
    url_case("sftp", "sftp", 22, name="BACKUP_TARGET", user="backup", host="nas.lan", path="/volume1/backups"),
    url_case("smb", "smb", 445, name="SHARE_URL", user="svc", host="fs01.corp.internal", path="/builds"),
    url_case("rtsp", "rtsp", 554, name="CAMERA_URL", user="admin", host="192.168.1.64", path="/Streaming/Channels/101"),
    url_case("vnc", "vnc", 5901, name="VNC_URL", user="admin", host="kiosk-3.lan", path=""),
    Case(family="socks", rule="socks.proxy_url_password", name="ALL_PROXY", make=lambda f: pw(f, 16),
         line=lambda f, s: "ALL_PROXY=socks5h://egress:%s@proxy.corp.internal:1080" % s, formats=["env"]),
    Case(family="web", rule="web.url_password_parameter", name="MONGO_URL", make=pw,
         line=lambda f, s: "MONGO_URL=mongodb://db1.internal:27017/app?authSource=admin&user=svc&password=%s" % s, formats=["env"]),

    # ------------------------------------------------------------------ command lines
    Case(family="curl", rule="curl.user_password", name="curl", make=pw,
         line=lambda f, s: "#!/bin/sh\ncurl -fsS -u deploy:%s https://nexus.corp.internal/repository/raw/app.tgz -O" % s, formats=["sh"]),
    Case(family="wget", rule="wget.password", name="wget", make=pw,
         line=lambda f, s: "wget --user=mirror --password=%s https://files.corp.internal/dist/app.tar.gz" % s, formats=["sh"]),
    Case(family="ssh", rule="sshpass.password", name="sshpass", make=weak,
         line=lambda f, s: "sshpass -p '%s' ssh -o StrictHostKeyChecking=no deploy@web01.corp.internal uptime" % s, formats=["sh"]),
    Case(family="putty", rule="putty.cli_password", name="plink", make=pw,
         line=lambda f, s: 'plink.exe -ssh -batch -pw %s deploy@web01.corp.internal "sudo systemctl restart app"' % s, formats=["bat"]),
    Case(family="mysql", rule="mysql.cli_password", name="mysqldump", make=weak,
         line=lambda f, s: "mysqldump -u root -p%s --single-transaction shop > /backup/shop.sql" % s, formats=["sh"]),
    Case(family="mssql", rule="mssql.sqlcmd_password", name="sqlcmd", make=pw,
         line=lambda f, s: "/opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P '%s' -C -Q 'SELECT 1'" % s, formats=["sh"]),
    Case(family="oracle", rule="oracle.sqlplus_password", name="sqlplus", make=pw,
         line=lambda f, s: "sqlplus -s app_owner/%s@//ora01.corp.internal:1521/ORCLPDB1 @deploy.sql" % s, formats=["sh"]),
    Case(family="mongodb", rule="mongodb.cli_password", name="mongodump", make=pw,
         line=lambda f, s: "mongodump --host rs0/mongo1:27017 -u backup -p %s --authenticationDatabase admin --out /backup" % s, formats=["sh"]),
    Case(family="redis", rule="redis.cli_password", name="redis-cli", make=lambda f: f.hex(32),
         line=lambda f, s: "redis-cli -h cache.internal -p 6379 -a %s --no-auth-warning INFO" % s, formats=["sh"]),
    Case(family="ldap", rule="ldap.cli_bind_password", name="ldapsearch", make=pw,
         line=lambda f, s: 'ldapsearch -x -H ldaps://ldap.corp.internal -D "cn=admin,dc=corp,dc=internal" -w %s -b "dc=corp,dc=internal"' % s, formats=["sh"]),
    Case(family="postgres", rule="postgres.pgpassword_env", name="PGPASSWORD", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="postgres", rule="postgres.pgpassword_env", name="psql", make=weak,
         line=lambda f, s: "PGPASSWORD=%s psql -h db.internal -U app -c 'select 1'" % s, formats=["sh"]),
    Case(family="mysql", rule="mysql.mysql_pwd_env", name="MYSQL_PWD", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="ssh", rule="sshpass.env_password", name="SSHPASS", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="rsync", rule="rsync.password_env", name="RSYNC_PASSWORD", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="redis", rule="redis.cli_auth_env", name="REDISCLI_AUTH", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="mssql", rule="mssql.sqlcmdpassword_env", name="SQLCMDPASSWORD", make=pw, formats=["env", "yaml", "py", "sh"]),
    Case(family="windows", rule="windows.net_use_password", name="map.cmd", make=pw,
         line=lambda f, s: "net use Z: \\\\fs01.corp.internal\\builds %s /user:CORP\\svc_build /persistent:no" % s, formats=["cmd"]),
    Case(family="windows", rule="windows.net_user_password", name="setup.cmd", make=pw,
         line=lambda f, s: "net user svc_backup %s /add /domain" % s, formats=["cmd"]),
    Case(family="windows", rule="windows.cmdkey_password", name="rdp.cmd", make=pw,
         line=lambda f, s: "cmdkey /add:TERMSRV/rds01.corp.internal /user:CORP\\ops /pass:%s" % s, formats=["cmd"]),
    Case(family="windows", rule="windows.schtasks_password", name="task.cmd", make=pw,
         line=lambda f, s: 'schtasks /Create /TN "Nightly backup" /TR C:\\ops\\backup.cmd /SC DAILY /RU CORP\\svc_backup /RP %s' % s, formats=["cmd"]),
    Case(family="windows", rule="psexec.password", name="deploy.cmd", make=pw,
         line=lambda f, s: "PsExec64.exe \\\\web01 -u CORP\\svc_deploy -p %s -accepteula cmd /c iisreset" % s, formats=["cmd"]),
    Case(family="windows", rule="impacket.target_password", name="notes.txt", make=pw,
         line=lambda f, s: "secretsdump.py -just-dc CORP.LOCAL/svc_backup:%s@dc01.corp.local" % s, formats=["txt"]),
    Case(family="container-registry", rule="podman.login_password", name="podman", make=pw,
         line=lambda f, s: "podman login -u deploy -p %s registry.corp.internal" % s, formats=["sh"]),
    Case(family="container-registry", rule="docker.stdin_login_password", name="docker", make=pw,
         line=lambda f, s: "echo '%s' | docker login -u deploy --password-stdin registry.corp.internal" % s, formats=["sh"]),
    Case(family="pypi", rule="twine.cli_password", name="twine", make=pw,
         line=lambda f, s: "twine upload --repository-url https://nexus.corp.internal/repository/pypi/ -u ci -p %s dist/*" % s, formats=["sh"]),
    Case(family="helm", rule="helm.cli_password", name="helm", make=pw,
         line=lambda f, s: "helm repo add corp https://charts.corp.internal --username ci --password %s" % s, formats=["sh"]),
    Case(family="svn", rule="svn.cli_password", name="svn", make=pw,
         line=lambda f, s: "svn checkout https://svn.corp.internal/repos/app --username build --password %s --non-interactive" % s, formats=["sh"]),
    Case(family="openshift", rule="openshift.cli_password", name="oc", make=pw,
         line=lambda f, s: "oc login https://api.ocp.corp.internal:6443 -u deployer -p %s" % s, formats=["sh"]),
    Case(family="htpasswd", rule="htpasswd.cli_password", name="htpasswd", make=weak,
         line=lambda f, s: "htpasswd -b -c /etc/nginx/.htpasswd deploy %s" % s, formats=["sh"]),
    Case(family="openssl", rule="openssl.pass_argument", name="openssl", make=pw,
         line=lambda f, s: "openssl pkcs12 -export -in tls.crt -inkey tls.key -out tls.p12 -passout pass:%s" % s, formats=["sh"]),
    Case(family="java", rule="keytool.password", name="keytool", make=weak,
         line=lambda f, s: "keytool -importcert -file ca.crt -keystore truststore.jks -storepass %s -noprompt" % s, formats=["sh"]),
    Case(family="smb", rule="samba.cli_password", name="smbclient", make=pw,
         line=lambda f, s: "smbclient //fs01.corp.internal/builds -U 'CORP\\svc_build%%%s' -c 'put app.zip'" % s, formats=["sh"]),
    Case(family="smb", rule="cifs.mount_password", name="fstab", make=pw,
         line=lambda f, s: "//nas.lan/media  /mnt/media  cifs  username=kodi,password=%s,uid=1000  0  0" % s, formats=["txt"], filename="fstab"),
    Case(family="linux", rule="sudo.stdin_password", name="sudo", make=weak,
         line=lambda f, s: "echo '%s' | sudo -S apt-get install -y nginx" % s, formats=["sh"]),
    Case(family="linux", rule="linux.chpasswd_password", name="Dockerfile", make=pw,
         line=lambda f, s: "FROM debian:12\nRUN useradd -m deploy && echo 'deploy:%s' | chpasswd" % s, formats=["txt"], filename="Dockerfile"),
    Case(family="rabbitmq", rule="rabbitmq.cli_password", name="rabbitmqctl", make=pw,
         line=lambda f, s: "rabbitmqctl add_user orders %s && rabbitmqctl set_user_tags orders monitoring" % s, formats=["sh"]),
    Case(family="ipmi", rule="ipmitool.password", name="ipmitool", make=weak,
         line=lambda f, s: "ipmitool -I lanplus -H 10.0.10.21 -U admin -P %s chassis power status" % s, formats=["sh"]),
    Case(family="rdp", rule="rdp.cli_password", name="xfreerdp", make=pw,
         line=lambda f, s: "xfreerdp /v:rds01.corp.internal /u:CORP\\ops /p:%s /cert:ignore" % s, formats=["sh"]),
    Case(family="ftp", rule="lftp.cli_password", name="lftp", make=pw,
         line=lambda f, s: "lftp -u deploy,%s sftp://web01.corp.internal -e 'mirror -R dist /var/www; quit'" % s, formats=["sh"]),
    Case(family="kubernetes", rule="kubectl.from_literal_secret", name="kubectl", make=pw,
         line=lambda f, s: "kubectl create secret generic db --from-literal=username=app --from-literal=password='%s'" % s, formats=["sh"]),
    Case(family="java", rule="jvm.property_password", name="java", make=pw,
         line=lambda f, s: "java -Djavax.net.ssl.keyStorePassword=%s -jar app.jar" % s, formats=["sh"]),

    # ------------------------------------------------------------------ framework secrets
    Case(family="django", rule="django.insecure_secret_key", name="SECRET_KEY", make=lambda f: "django-insecure-" + f.chars(DJANGO, 50),
         formats=["env", "yaml", "json", "py", "sh", "tf", "properties"]),
    Case(family="django", rule="django.secret_key", name="SECRET_KEY", make=lambda f: f.chars(DJANGO, 50), formats=["py"]),
    Case(family="flask", rule="flask.secret_key", name="app.py", make=lambda f: f.hex(64),
         line=lambda f, s: "from flask import Flask\napp = Flask(__name__)\napp.secret_key = '%s'" % s, formats=["py"]),
    Case(family="rails", rule="rails.secret_key_base", name="SECRET_KEY_BASE", make=lambda f: f.hex(128), formats=ALL),
    Case(family="rails", rule="rails.master_key", name="RAILS_MASTER_KEY", make=lambda f: f.hex(32), formats=ALL),
    Case(family="phoenix", rule="phoenix.secret_key_base", name="prod.exs", make=lambda f: f.b64(48),
         line=lambda f, s: 'config :shop, ShopWeb.Endpoint,\n  url: [host: "shop.corp.internal"],\n  secret_key_base: "%s"' % s, formats=["exs"]),
    Case(family="laravel", rule="laravel.app_key", name="APP_KEY", make=lambda f: "base64:" + f.b64(32), formats=ALL),
    Case(family="symfony", rule="symfony.app_secret", name="APP_SECRET", make=lambda f: f.hex(32), formats=ALL),
    Case(family="wordpress", rule="wordpress.db_password", name="wp-config.php", make=weak,
         line=lambda f, s: "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '%s' );\ndefine( 'DB_HOST', 'localhost' );" % s,
         formats=["php"], filename="wp-config.php"),
    Case(family="wordpress", rule="wordpress.auth_salt", name="wp-config.php",
         make=lambda f: f.alnum(1) + f.chars(string.ascii_letters + string.digits + "!@#$%^&*()-_[]{}<>~`+=,.;:/?|", 63),
         line=lambda f, s: "<?php\ndefine('AUTH_KEY',         '%s');" % s, formats=["php"], filename="wp-config.php"),
    Case(family="drupal", rule="drupal.hash_salt", name="settings.php", make=lambda f: f.urlsafe(74),
         line=lambda f, s: "<?php\n$settings['hash_salt'] = '%s';" % s, formats=["php"], filename="settings.php"),
    Case(family="drupal", rule="drupal.database_password", name="settings.php", make=pw,
         line=lambda f, s: "<?php\n$databases['default']['default'] = [\n  'database' => 'drupal',\n  'username' => 'drupal',\n  'password' => '%s',\n  'host' => 'db',\n  'driver' => 'mysql',\n];" % s,
         formats=["php"], filename="settings.php"),
    Case(family="joomla", rule="joomla.config_password", name="configuration.php", make=pw,
         line=lambda f, s: "<?php\nclass JConfig {\n\tpublic $dbtype = 'mysqli';\n\tpublic $host = 'localhost';\n\tpublic $user = 'joomla';\n\tpublic $password = '%s';\n\tpublic $db = 'joomla';\n}" % s,
         formats=["php"], filename="configuration.php"),
    Case(family="magento", rule="magento.crypt_key", name="env.php", make=lambda f: f.hex(32),
         line=lambda f, s: "<?php\nreturn [\n    'crypt' => [\n        'key' => '%s'\n    ],\n];" % s, formats=["php"], filename="env.php"),
    Case(family="spring", rule="spring.property_password", name="spring.datasource.password", make=pw,
         formats=["env", "yaml", "json", "py", "sh", "tf", "properties"]),
    Case(family="spring", rule="spring.yaml_datasource_password", name="application.yml", make=pw,
         line=lambda f, s: "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: %s\n" % s,
         formats=["yml"], filename="application.yml"),
    Case(family="hibernate", rule="hibernate.connection_password", name="hibernate.cfg.xml", make=pw,
         line=lambda f, s: '<hibernate-configuration>\n  <session-factory>\n    <property name="hibernate.connection.username">app</property>\n    <property name="hibernate.connection.password">%s</property>\n  </session-factory>\n</hibernate-configuration>' % s,
         formats=["xml"], filename="hibernate.cfg.xml"),
    Case(family="aspnet", rule="aspnet.machine_key", name="web.config", make=lambda f: f.chars(HEXU, 128),
         line=lambda f, s: '<system.web>\n  <machineKey validationKey="%s" decryptionKey="%s" validation="HMACSHA256" decryption="AES" />\n</system.web>' % (s, f.chars(HEXU, 64)),
         formats=["config"], filename="web.config"),
    Case(family="airflow", rule="airflow.fernet_key", name="AIRFLOW__CORE__FERNET_KEY", make=lambda f: f.b64url(32) + "=", formats=ALL),
    Case(family="jupyter", rule="jupyter.server_token", name="jupyter_server_config.py", make=lambda f: f.hex(48),
         line=lambda f, s: "c = get_config()\nc.ServerApp.ip = '0.0.0.0'\nc.ServerApp.token = '%s'" % s, formats=["py"], filename="jupyter_server_config.py"),
    Case(family="nextauth", rule="nextauth.secret", name="NEXTAUTH_SECRET", make=lambda f: f.b64(32),
         formats=["env", "yaml", "json", "py", "js", "go", "sh", "tf"]),
    Case(family="php", rule="php.db_connect_password", name="db.php", make=pw,
         line=lambda f, s: "<?php\n$db = mysqli_connect('localhost', 'shop', '%s', 'shop');" % s, formats=["php"]),
    Case(family="python", rule="dbapi.connect_password", name="db.py", make=pw,
         line=lambda f, s: 'import psycopg2\nconn = psycopg2.connect(host="db.internal", dbname="app", user="app", password="%s")' % s, formats=["py"]),
    Case(family="java", rule="jdbc.getconnection_password", name="Db.java", make=pw,
         line=lambda f, s: 'Connection c = DriverManager.getConnection("jdbc:mysql://db:3306/shop", "shop", "%s");' % s, formats=["java"]),
    Case(family="nodejs", rule="sequelize.constructor_password", name="db.js", make=pw,
         line=lambda f, s: "const sequelize = new Sequelize('shop', 'shop', '%s', { host: 'db', dialect: 'mysql' });" % s, formats=["js"]),
    Case(family="nodejs", rule="nodejs.db_connection_password", name="pool.js", make=pw,
         line=lambda f, s: "const pool = mysql.createPool({\n  host: 'db.internal',\n  user: 'shop',\n  password: '%s',\n  database: 'shop'\n});" % s,
         formats=["js"]),
]
