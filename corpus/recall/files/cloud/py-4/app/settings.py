"""Settings."""
BASE_URL = "https://api.internal"
API_KEY = os.environ["API_KEY"]
OS_PASSWORD = "1oFEgbTYXZIAYa1N"
