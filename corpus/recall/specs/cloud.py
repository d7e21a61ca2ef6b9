"""Recall cases for the cloud group: AWS, Azure, GCP, DigitalOcean, Docker, Alibaba Cloud, Tencent Cloud,
Huawei Cloud, Yandex Cloud, IBM Cloud, Oracle Cloud, Cloudflare, Fastly, Linode, Vultr, Hetzner Cloud, Civo,
Wasabi, Scaleway, OVHcloud, Kubernetes, Backblaze B2, Exoscale, UpCloud, Akamai EdgeGrid, OpenStack and MinIO.

Every `make` draws its randomness from the `Fakes` it is given; base64/urllib only encode.
"""
import base64
import string
import urllib.parse

from recall_spec import Case

B32L = "abcdefghijklmnopqrstuvwxyz234567"
UHEX = "0123456789ABCDEF"
B64 = string.ascii_letters + string.digits + "+/"
ENTRA = string.ascii_letters + string.digits + "_~.-"


def _b64(s):
    return base64.b64encode(s.encode()).decode()


def bedrock_short_term(f):
    url = ("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
           f"&X-Amz-Credential={f.aws_key_id('ASIA')}%2F20250715%2Fus-east-1%2Fbedrock%2Faws4_request"
           f"&X-Amz-Date=20250715T101500Z&X-Amz-Expires=43200"
           f"&X-Amz-Security-Token={urllib.parse.quote(f.b64(180), safe='')}"
           f"&X-Amz-Signature={f.hex(64)}&X-Amz-SignedHeaders=host&Version=1")
    return "bedrock-api-key-" + _b64(url)


def bedrock_long_term(f):
    return "ABSK" + _b64(f"BedrockAPIKey-{f.lower_alnum(4)}-at-{f.digits(12)}:{f.b64(48)}")


def docker_auth(f):
    return _b64(f"ci-{f.lower_alnum(5)}:{f.alnum(24)}")


def dockerconfigjson(f):
    user, pw = "ci-" + f.lower_alnum(4), f.alnum(24)
    doc = '{"auths":{"registry.gitlab.com":{"username":"%s","password":"%s","auth":"%s"}}}' % (
        user, pw, _b64(f"{user}:{pw}"))
    return _b64(doc)


def tunnel_token(f):
    return _b64('{"a":"%s","t":"%s","s":"%s"}' % (f.hex(32), f.uuid(), f.b64(32)))


def k8s_sa_jwt(f):
    hdr = base64.urlsafe_b64encode(('{"alg":"RS256","kid":"%s"}' % f.urlsafe(43)).encode()).decode().rstrip("=")
    body = ('{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"ci",'
            '"kubernetes.io/serviceaccount/service-account.name":"deployer","sub":"system:serviceaccount:ci:deployer",'
            '"jti":"%s"}') % f.uuid()
    return hdr + "." + base64.urlsafe_b64encode(body.encode()).decode().rstrip("=") + "." + f.b64url(256)


def pem_b64(f):
    pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(f.b64(48) for _ in range(20)) + "\n-----END RSA PRIVATE KEY-----\n"
    return _b64(pem)


def oci_auth_token(f):
    return f.chars(string.ascii_letters + string.digits + ")<>:;.[]{}_#+", 19) + f.digits(1)


def fingerprint(f):
    return ":".join(f.hex(2) for _ in range(16))


def akab(f):
    return "akab-" + f.lower_alnum(16) + "-" + f.lower_alnum(16)


CASES = [
    # --- AWS -------------------------------------------------------------------------------------
    Case(family="aws", rule="aws.access_key_id", name="AWS_ACCESS_KEY_ID", make=lambda f: f.aws_key_id("ASIA")),
    Case(family="aws", rule="aws.access_key_id", name="AWS_ACCESS_KEY_ID", make=lambda f: f.aws_key_id("AKIA")),
    Case(family="aws", rule="aws.secret_access_key", name="aws_secret_access_key", make=lambda f: f.aws_secret()),
    Case(family="aws", rule="aws.secret_access_key", name="aws_secret_access_key", make=lambda f: f.aws_secret(),
         line=lambda f, s: "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = eu-west-1" % (f.aws_key_id(), s)),
    Case(family="aws", rule="aws.session_token", name="AWS_SESSION_TOKEN",
         make=lambda f: "IQoJb3JpZ2luX2VjE" + f.b64(330).rstrip("=")),
    Case(family="aws", rule="aws.session_token", name="aws_session_token",
         make=lambda f: "FwoGZXIvYXdzE" + f.b64(240).rstrip("="),
         line=lambda f, s: "[ci]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s" % (
             f.aws_key_id("ASIA"), f.aws_secret(), s)),
    Case(family="aws", rule="aws.bedrock_short_term_api_key", name="AWS_BEARER_TOKEN_BEDROCK", make=bedrock_short_term),
    Case(family="aws", rule="aws.bedrock_long_term_api_key", name="AWS_BEARER_TOKEN_BEDROCK", make=bedrock_long_term),
    Case(family="aws", rule="aws.bedrock_bearer_token", name="AWS_BEARER_TOKEN_BEDROCK", make=lambda f: f.urlsafe(132)),
    Case(family="aws", rule="aws.appsync_api_key", name="APPSYNC_API_KEY", make=lambda f: "da2-" + f.lower_alnum(26)),

    # --- Azure -----------------------------------------------------------------------------------
    Case(family="azure", rule="azure.storage_account_key", name="AZURE_STORAGE_KEY", make=lambda f: f.b64(64)),
    Case(family="azure", rule="azure.storage_connection_string", name="AZURE_STORAGE_CONNECTION_STRING", make=lambda f: f.b64(64),
         line=lambda f, s: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=st%s;AccountKey=%s;EndpointSuffix=core.windows.net"' % (f.lower_alnum(10), s)),
    Case(family="azure", rule="azure.client_secret", name="AZURE_CLIENT_SECRET",
         make=lambda f: f.chars(ENTRA, 3) + f.digits(1) + "Q~" + f.chars(ENTRA, 34)),
    Case(family="azure", rule="azure.sas_token", name="AZURE_STORAGE_SAS_URL", make=lambda f: urllib.parse.quote(f.b64(32), safe=""),
         line=lambda f, s: "AZURE_STORAGE_SAS_URL=https://st%s.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=%s" % (f.lower_alnum(10), s)),
    Case(family="azure", rule="azure.service_bus_connection_string", name="SERVICEBUS_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'SERVICEBUS_CONNECTION_STRING="Endpoint=sb://sb-%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.service_bus_connection_string", name="EVENTHUB_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: '"EventHubConnection": "Endpoint=sb://evh-%s.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=%s;EntityPath=telemetry"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.iot_hub_connection_string", name="IOTHUB_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'IOTHUB_CONNECTION_STRING="HostName=iot-%s.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=%s"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.iot_hub_connection_string", name="DEVICE_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'device_connection_string = "HostName=iot-%s.azure-devices.net;DeviceId=sensor-%s;SharedAccessKey=%s"' % (f.lower_alnum(8), f.digits(3), s)),
    Case(family="azure", rule="azure.signalr_connection_string", name="AZURE_SIGNALR_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'Azure__SignalR__ConnectionString="Endpoint=https://sig-%s.service.signalr.net;AccessKey=%s;Version=1.0;"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.communication_services_connection_string", name="ACS_CONNECTION_STRING", make=lambda f: f.b64(64),
         line=lambda f, s: 'ACS_CONNECTION_STRING="endpoint=https://acs-%s.communication.azure.com/;accesskey=%s"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.cosmosdb_connection_string", name="COSMOS_CONNECTION_STRING", make=lambda f: f.b64(64),
         line=lambda f, s: 'COSMOS_CONNECTION_STRING="AccountEndpoint=https://cosmos-%s.documents.azure.com:443/;AccountKey=%s;"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.cosmosdb_key", name="COSMOS_KEY", make=lambda f: f.b64(64)),
    Case(family="azure", rule="azure.app_configuration_connection_string", name="APP_CONFIG_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'APP_CONFIG_CONNECTION_STRING="Endpoint=https://appcs-%s.azconfig.io;Id=%s-l0-s0:%s;Secret=%s"' % (
             f.lower_alnum(8), f.lower_alnum(4), f.alnum(20), s)),
    Case(family="azure", rule="azure.devops_personal_access_token", name="AZURE_DEVOPS_EXT_PAT",
         make=lambda f: f.alnum(76) + "AZDO" + f.alnum(4)),
    Case(family="azure", rule="azure.devops_legacy_personal_access_token", name="AZURE_DEVOPS_EXT_PAT", make=lambda f: f.chars(B32L, 52)),
    Case(family="azure", rule="azure.devops_legacy_personal_access_token", name="ADO_PAT", make=lambda f: f.chars(B32L, 52)),
    Case(family="azure", rule="azure.container_registry_password", name="ACR_PASSWORD", make=lambda f: f.b64(24)),
    Case(family="azure", rule="azure.search_api_key", name="AZURE_SEARCH_ADMIN_KEY", make=lambda f: f.chars(UHEX, 32)),
    Case(family="azure", rule="azure.ai_services_key", name="AZURE_OPENAI_API_KEY", make=lambda f: f.hex(32)),
    Case(family="azure", rule="azure.ai_services_key", name="AZURE_AI_SERVICES_KEY", make=lambda f: f.alnum(84)),
    Case(family="azure", rule="azure.functions_key", name="AZURE_FUNCTION_KEY", make=lambda f: f.b64(40)),
    Case(family="azure", rule="azure.functions_key", name="FUNCTION_URL", make=lambda f: urllib.parse.quote(f.b64(40), safe=""),
         line=lambda f, s: "FUNCTION_URL=https://func-%s.azurewebsites.net/api/ingest?code=%s" % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.apim_subscription_key", name="APIM_SUBSCRIPTION_KEY", make=lambda f: f.hex(32)),
    Case(family="azure", rule="azure.cache_for_redis_connection_string", name="REDIS_CONNECTION_STRING", make=lambda f: f.b64(32),
         line=lambda f, s: 'REDIS_CONNECTION_STRING="redis-%s.redis.cache.windows.net:6380,password=%s,ssl=True,abortConnect=False"' % (f.lower_alnum(8), s)),
    Case(family="azure", rule="azure.event_grid_access_key", name="EVENTGRID_TOPIC_KEY", make=lambda f: f.b64(32)),
    Case(family="azure", rule="azure.sql_connection_string", name="SQL_CONNECTION_STRING", make=lambda f: f.alnum(16) + "!" + f.digits(2),
         line=lambda f, s: 'SQL_CONNECTION_STRING="Server=tcp:sql-%s.database.windows.net,1433;Initial Catalog=app;User ID=app;Password=%s;Encrypt=True;"' % (f.lower_alnum(8), s)),

    # --- GCP -------------------------------------------------------------------------------------
    Case(family="gcp", rule="gcp.api_key", name="GOOGLE_API_KEY", make=lambda f: "AIza" + f.urlsafe(35)),
    Case(family="gcp", rule="gcp.oauth_client_secret", name="GOOGLE_CLIENT_SECRET", make=lambda f: "GOCSPX-" + f.urlsafe(28)),
    Case(family="gcp", rule="gcp.service_account_key", name="private_key_id", make=lambda f: f.hex(40),
         line=lambda f, s: '{\n  "type": "service_account",\n  "project_id": "p-%s",\n  "private_key_id": "%s",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "sa@p.iam.gserviceaccount.com"\n}' % (f.lower_alnum(6), s, f.b64(600))),
    Case(family="gcp", rule="gcp.service_account_key_escaped", name="GOOGLE_CREDENTIALS", make=lambda f: f.hex(40),
         line=lambda f, s: 'GOOGLE_CREDENTIALS="{\\"type\\": \\"service_account\\", \\"project_id\\": \\"p-%s\\", \\"private_key_id\\": \\"%s\\", \\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\n%s\\\\n-----END PRIVATE KEY-----\\\\n\\"}"' % (f.lower_alnum(6), s, f.b64(300))),
    Case(family="gcp", rule="gcp.oauth_refresh_token", name="GOOGLE_REFRESH_TOKEN",
         make=lambda f: "1//0" + f.chars("cdefgh", 1) + f.urlsafe(98)),
    Case(family="gcp", rule="gcp.oauth_access_token", name="GOOGLE_ACCESS_TOKEN", make=lambda f: "ya29.a0" + f.urlsafe(160)),
    Case(family="gcp", rule="gcp.hmac_access_id", name="GCS_HMAC_ACCESS_ID", make=lambda f: "GOOG1E" + f.upper_alnum(55)),
    Case(family="gcp", rule="gcp.hmac_secret", name="GCS_HMAC_SECRET", make=lambda f: f.aws_secret()),

    # --- DigitalOcean ----------------------------------------------------------------------------
    Case(family="digitalocean", rule="digitalocean.access_token", name="DIGITALOCEAN_TOKEN", make=lambda f: "dop_v1_" + f.hex(64)),
    Case(family="digitalocean", rule="digitalocean.access_token", name="DO_OAUTH_TOKEN", make=lambda f: "doo_v1_" + f.hex(64)),
    Case(family="digitalocean", rule="digitalocean.access_token", name="DO_REFRESH_TOKEN", make=lambda f: "dor_v1_" + f.hex(64)),
    Case(family="digitalocean", rule="digitalocean.spaces_secret_key", name="SPACES_SECRET_KEY", make=lambda f: f.b64(32)[:43]),

    # --- Docker ----------------------------------------------------------------------------------
    Case(family="docker", rule="docker.hub_access_token", name="DOCKERHUB_TOKEN", make=lambda f: "dckr_pat_" + f.urlsafe(27)),
    Case(family="docker", rule="docker.hub_organization_access_token", name="DOCKERHUB_ORG_TOKEN", make=lambda f: "dckr_oat_" + f.urlsafe(32)),
    Case(family="docker", rule="docker.config_auth", name="auth", make=docker_auth,
         line=lambda f, s: '{"auths": {"registry.example.com": {"auth": "%s"}}}' % s),
    Case(family="docker", rule="docker.login_password", name="docker login", make=lambda f: f.alnum(20),
         line=lambda f, s: "docker login -u ci-%s -p %s registry.example.com" % (f.lower_alnum(4), s)),
    Case(family="docker", rule="docker.kubernetes_dockerconfigjson", name=".dockerconfigjson", make=dockerconfigjson,
         line=lambda f, s: "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: %s" % s),

    # --- Alibaba Cloud / Tencent Cloud / Huawei Cloud / Yandex Cloud -----------------------------
    Case(family="alibabacloud", rule="alibabacloud.access_key_id", name="ALIBABA_CLOUD_ACCESS_KEY_ID", make=lambda f: "LTAI5t" + f.alnum(18)),
    Case(family="alibabacloud", rule="alibabacloud.access_key_secret", name="ALIBABA_CLOUD_ACCESS_KEY_SECRET", make=lambda f: f.alnum(30)),
    Case(family="alibabacloud", rule="alibabacloud.access_key_secret", name="accessKeySecret", make=lambda f: f.alnum(30)),
    Case(family="tencentcloud", rule="tencentcloud.secret_id", name="TENCENTCLOUD_SECRET_ID", make=lambda f: "AKID" + f.alnum(32)),
    Case(family="tencentcloud", rule="tencentcloud.secret_key", name="TENCENTCLOUD_SECRET_KEY", make=lambda f: f.alnum(32)),
    Case(family="huaweicloud", rule="huaweicloud.secret_access_key", name="HUAWEICLOUD_SDK_SK", make=lambda f: f.alnum(40)),
    Case(family="huaweicloud", rule="huaweicloud.credentials_csv", name="credentials.csv", make=lambda f: f.alnum(40),
         line=lambda f, s: "User Name,Access Key Id,Secret Access Key\nci-%s,%s,%s" % (f.lower_alnum(4), f.upper_alnum(20), s)),
    Case(family="yandexcloud", rule="yandexcloud.iam_token", name="YC_IAM_TOKEN",
         make=lambda f: "t1.9euelZ" + f.b64url(60) + "." + f.b64url(64)),
    Case(family="yandexcloud", rule="yandexcloud.oauth_token", name="YC_TOKEN", make=lambda f: "y0_Ag" + f.urlsafe(53)),
    Case(family="yandexcloud", rule="yandexcloud.api_key", name="YC_API_KEY", make=lambda f: "AQVN" + f.urlsafe(36)),
    Case(family="yandexcloud", rule="yandexcloud.static_key_secret", name="secret", make=lambda f: "YC" + f.urlsafe(38)),

    # --- IBM Cloud / Oracle Cloud -----------------------------------------------------------------
    Case(family="ibmcloud", rule="ibmcloud.api_key", name="IBMCLOUD_API_KEY", make=lambda f: f.urlsafe(44)),
    Case(family="ibmcloud", rule="ibmcloud.api_key", name="IC_API_KEY", make=lambda f: f.urlsafe(44)),
    Case(family="ibmcloud", rule="ibmcloud.service_credentials_api_key", name="apikey", make=lambda f: f.urlsafe(44),
         line=lambda f, s: '{\n  "apikey": "%s",\n  "endpoints": "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints",\n  "iam_apikey_description": "Auto-generated for key crn:v1:bluemix:public:cloud-object-storage:global:a/%s::"\n}' % (s, f.hex(32))),
    Case(family="ibmcloud", rule="ibmcloud.cos_hmac_secret_key", name="secret_access_key", make=lambda f: f.hex(48)),
    Case(family="oraclecloud", rule="oraclecloud.api_signing_key", name="fingerprint", make=fingerprint,
         line=lambda f, s: 'provider "oci" {\n  tenancy_ocid = "ocid1.tenancy.oc1..aaaaaaaa%s"\n  user_ocid    = "ocid1.user.oc1..aaaaaaaa%s"\n  fingerprint  = "%s"\n  private_key  = "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----"\n  region       = "eu-frankfurt-1"\n}' % (f.lower_alnum(52), f.lower_alnum(52), s, f.b64(300))),
    Case(family="oraclecloud", rule="oraclecloud.auth_token", name="OCI_AUTH_TOKEN", make=oci_auth_token),
    Case(family="oraclecloud", rule="oraclecloud.customer_secret_key", name="OCI_S3_SECRET_KEY", make=lambda f: f.b64(32)),

    # --- Cloudflare / Fastly / Akamai --------------------------------------------------------------
    Case(family="cloudflare", rule="cloudflare.user_api_token", name="CLOUDFLARE_API_TOKEN", make=lambda f: "cfut_" + f.alnum(40) + f.hex(8)),
    Case(family="cloudflare", rule="cloudflare.account_api_token", name="CLOUDFLARE_API_TOKEN", make=lambda f: "cfat_" + f.alnum(40) + f.hex(8)),
    Case(family="cloudflare", rule="cloudflare.global_api_key", name="CLOUDFLARE_API_KEY", make=lambda f: "cfk_" + f.alnum(40) + f.hex(8)),
    Case(family="cloudflare", rule="cloudflare.legacy_api_token", name="CLOUDFLARE_API_TOKEN", make=lambda f: f.urlsafe(40)),
    Case(family="cloudflare", rule="cloudflare.legacy_api_token", name="CF_API_TOKEN", make=lambda f: f.urlsafe(40)),
    Case(family="cloudflare", rule="cloudflare.legacy_global_api_key", name="CLOUDFLARE_API_KEY", make=lambda f: f.hex(37)),
    Case(family="cloudflare", rule="cloudflare.origin_ca_key", name="CLOUDFLARE_API_USER_SERVICE_KEY",
         make=lambda f: "v1.0-" + f.hex(24) + "-" + f.hex(146)),
    Case(family="cloudflare", rule="cloudflare.tunnel_token", name="TUNNEL_TOKEN", make=tunnel_token),
    Case(family="cloudflare", rule="cloudflare.access_service_token_secret", name="CF_ACCESS_CLIENT_SECRET", make=lambda f: f.hex(64)),
    Case(family="fastly", rule="fastly.api_token", name="FASTLY_API_TOKEN", make=lambda f: f.urlsafe(32)),
    Case(family="akamai", rule="akamai.edgegrid_client_secret", name="AKAMAI_CLIENT_SECRET", make=lambda f: f.b64(32)),
    Case(family="akamai", rule="akamai.edgegrid_client_secret", name=".edgerc", make=lambda f: f.b64(32),
         line=lambda f, s: "[default]\nclient_secret = %s\nhost = akab-%s-%s.luna.akamaiapis.net\naccess_token = %s\nclient_token = %s" % (
             s, f.lower_alnum(26), f.lower_alnum(8), akab(f), akab(f))),
    Case(family="akamai", rule="akamai.edgegrid_access_token", name="AKAMAI_ACCESS_TOKEN", make=akab),
    Case(family="akamai", rule="akamai.edgegrid_client_token", name="AKAMAI_CLIENT_TOKEN", make=akab),

    # --- Other IaaS / object storage -------------------------------------------------------------
    Case(family="linode", rule="linode.personal_access_token", name="LINODE_TOKEN", make=lambda f: f.hex(64)),
    Case(family="vultr", rule="vultr.api_key", name="VULTR_API_KEY", make=lambda f: f.upper_alnum(36)),
    Case(family="hetznercloud", rule="hetznercloud.api_token", name="HCLOUD_TOKEN", make=lambda f: f.alnum(64)),
    Case(family="civo", rule="civo.api_key", name="CIVO_TOKEN", make=lambda f: f.alnum(50)),
    Case(family="wasabi", rule="wasabi.secret_key", name="WASABI_SECRET", make=lambda f: f.alnum(40)),
    Case(family="scaleway", rule="scaleway.access_key", name="SCW_ACCESS_KEY", make=lambda f: "SCW" + f.upper_alnum(17)),
    Case(family="scaleway", rule="scaleway.secret_key", name="SCW_SECRET_KEY", make=lambda f: f.uuid()),
    Case(family="ovhcloud", rule="ovhcloud.application_secret", name="OVH_APPLICATION_SECRET", make=lambda f: f.alnum(32)),
    Case(family="ovhcloud", rule="ovhcloud.consumer_key", name="OVH_CONSUMER_KEY", make=lambda f: f.alnum(32)),
    Case(family="backblaze", rule="backblaze.application_key", name="B2_APPLICATION_KEY",
         make=lambda f: "K00" + f.digits(1) + f.chars(B64, 27)),
    Case(family="exoscale", rule="exoscale.api_key", name="EXOSCALE_API_KEY", make=lambda f: "EXO" + f.hex(24)),
    Case(family="exoscale", rule="exoscale.api_secret", name="EXOSCALE_API_SECRET", make=lambda f: f.urlsafe(43)),
    Case(family="upcloud", rule="upcloud.api_token", name="UPCLOUD_TOKEN", make=lambda f: "ucat_" + f.alnum(32)),
    Case(family="upcloud", rule="upcloud.password", name="UPCLOUD_PASSWORD", make=lambda f: f.alnum(16) + "!" + f.digits(2)),
    Case(family="minio", rule="minio.root_credentials", name="MINIO_ROOT_PASSWORD", make=lambda f: f.alnum(24)),
    Case(family="minio", rule="minio.mc_alias_secret", name="mc alias set", make=lambda f: f.alnum(40),
         line=lambda f, s: "mc alias set prod https://minio-%s.internal:9000 %s %s" % (f.lower_alnum(5), f.upper_alnum(20), s)),
    Case(family="openstack", rule="openstack.password", name="OS_PASSWORD", make=lambda f: f.alnum(16)),
    Case(family="openstack", rule="openstack.password", name="clouds.yaml", make=lambda f: f.alnum(18),
         line=lambda f, s: "clouds:\n  prod:\n    auth:\n      auth_url: https://keystone-%s.example.net:5000/v3\n      username: deploy\n      password: '%s'\n      project_name: web" % (f.lower_alnum(4), s)),
    Case(family="openstack", rule="openstack.application_credential_secret", name="OS_APPLICATION_CREDENTIAL_SECRET",
         make=lambda f: f.urlsafe(86)),

    # --- Kubernetes ------------------------------------------------------------------------------
    Case(family="kubernetes", rule="kubernetes.kubeconfig_token", name="kubeconfig", make=k8s_sa_jwt,
         line=lambda f, s: "apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n    token: %s" % s),
    Case(family="kubernetes", rule="kubernetes.kubeconfig_token", name="kubeconfig", make=lambda f: f.alnum(40),
         line=lambda f, s: "users:\n  - name: admin\n    user:\n      token: \"%s\"" % s),
    Case(family="kubernetes", rule="kubernetes.client_key_data", name="kubeconfig", make=pem_b64,
         line=lambda f, s: "users:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: %s\n    client-key-data: %s" % (f.b64(600), s)),
    Case(family="kubernetes", rule="kubernetes.bootstrap_token", name="KUBEADM_TOKEN",
         make=lambda f: f.lower_alnum(6) + "." + f.lower_alnum(16)),
    Case(family="kubernetes", rule="kubernetes.bootstrap_token", name="kubeadm join", make=lambda f: f.lower_alnum(6) + "." + f.lower_alnum(16),
         line=lambda f, s: "kubeadm join 10.0.%s.10:6443 --token %s --discovery-token-ca-cert-hash sha256:%s" % (f.digits(1), s, f.hex(64))),
]
