"""Settings."""
TOKEN_HEADER = "Authorization"
import os
RENDER_API_KEY = "rnd_6xo8J00eOzdsg7Q7bma7OT4rBOTH9crl"
SECRET_KEY_LENGTH = 32
TIMEOUT = 30
SUPABASE_PUBLISHABLE_KEY = "sb_publishable_RhLYQHLAp8H-ZGA9tNYmpA_uTfk_mtK"
BASE_URL = "https://api.internal"
API_KEY = os.environ["API_KEY"]
NEON_API_KEY = "napi_y0mk0nkn0htfobukeju1869jnctnln9hoswcsef5k2q7mmbbxpbir75mn8rttv1r"
import os
DB_PASSWORD = os.getenv("DB_PASSWORD")
SNOWFLAKE_PASSWORD = "a7uGsxbobs3&t!AfNBSp"
TIMEOUT = 30
REQUEST_ID = "c1ca2dc0-45d1-45df-a2d7-013e85d06315"
EC_API_KEY = "essu_Mk9ZVUljRUlCbVRQWk5zTWVkMzU6bWxqU2o4Sk1ueFRsTTE3RGNoZ2FYY3M5TzN2eURyMm15LXdpclRLNQ=="
