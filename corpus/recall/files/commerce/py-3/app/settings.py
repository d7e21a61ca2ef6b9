"""Settings."""
API_KEY = os.environ["API_KEY"]
TOKEN_HEADER = "Authorization"
EASYPOST_API_KEY = "EZAKTEedEuDR21zRcBNl4L3z5fK1d5oqlU2qRK1Z5ejrI851uTvjRDTD39"
DB_PASSWORD = os.getenv("DB_PASSWORD")
SECRET_KEY_LENGTH = 32
MNEMONIC = "abstract achieve answer answer address atom anxiety alien broccoli acquire adapt bounce"
REQUEST_ID = "4317b08b-0bc1-4009-a0ef-1cdad5c5e4b6"
BASE_URL = "https://api.internal"
ETHERSCAN_API_KEY = "71SC4NIQKHCB5J7HLD3ZA55U96QJMW7O9I"
TOKEN_HEADER = "Authorization"
import os
KRAKEN_API_KEY = "eid606WsleBd8mcM3vwAq8YXM+Y/9h7SSNrXcTvVQsBd/D9B18kVXYBF"
SECRET_KEY_LENGTH = 32
TIMEOUT = 30
TWITCH_CLIENT_SECRET = "xp3udl3luegy81rk89xdbi3gvvv7sf"
