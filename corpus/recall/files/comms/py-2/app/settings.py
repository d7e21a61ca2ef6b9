"""Settings."""
TOKEN_HEADER = "Authorization"
import os
WEBEX_CLIENT_SECRET = "bea7cb4c3a3964239681b68836a1369efa3da43f6738e70bac6ebf2d57a7178b"
SECRET_KEY_LENGTH = 32
TIMEOUT = 30
CHANNEL_ACCESS_TOKEN = "bjvMZSpdr9jESX3scwHN3WpqBfJ3X55Jgg/pgo5t8JrIGyDenhLUyR611y+Voue0Ktim7iq5k2StID/mpU+H1n0mTX4igzKsyyOiD5tDExJHTjAGM2pRp7LAY2sSHgJzhWOjc6jJMM4sgi0LBz6Nw4JXOA/KJR5ZEu3rYP0eTebH"
BASE_URL = "https://api.internal"
API_KEY = os.environ["API_KEY"]
FEISHU_WEBHOOK_URL = "https://open.feishu.cn/open-apis/bot/v2/hook/1d016511-1fdc-4723-be7d-fe9793f5164b"
import os
DB_PASSWORD = os.getenv("DB_PASSWORD")
GOOGLE_CHAT_WEBHOOK_URL = "https://chat.googleapis.com/v1/spaces/AAAAcoM2K-P/messages?key=AIzaA4-S57ilPnC17OdtMTjgACnhyxIDv4wO75L&token=rLENvAfZfSXrFge9-AWkc0ond2CplwJCJ7m0p7PZiFx"
TIMEOUT = 30
REQUEST_ID = "0fa8d08d-2c44-4261-860c-b3554b6865b6"
TWILIO_API_SECRET = "V5v07WRsrP3e6Y79sfPWz95nMRiCJsuE"
