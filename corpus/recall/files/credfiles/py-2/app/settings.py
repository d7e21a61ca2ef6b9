"""Settings."""
TOKEN_HEADER = "Authorization"
import os
SECRET_KEY = "&m31g$v#iit4&z5aprhsvcz$_ahq=xyn*p!3j4(+t1#@p8dvf8"
SECRET_KEY_LENGTH = 32
TIMEOUT = 30
SECRET_KEY_BASE = "73ec550b1c287cf2124a934a828894b54a839641738b22c81ac1dc7431a4b2b4ad9226805203697e081181215ba82fe399188dbd893eb139e68c004c4def2ae4"
BASE_URL = "https://api.internal"
API_KEY = os.environ["API_KEY"]
SPRING_DATASOURCE_PASSWORD = "XvxP_K-~Kng_!FL3"
import os
DB_PASSWORD = os.getenv("DB_PASSWORD")
AIRFLOW_CORE_FERNET_KEY = "jJgJOdqfKCVYnkomsWrJN-Mr2chalWkEss11f44jKx0="
