"""Settings."""
API_KEY = os.environ["API_KEY"]
TOKEN_HEADER = "Authorization"
WANDB_API_KEY = "local-942e12059d3af408f8f21225de49ad75aceef08f"
DB_PASSWORD = os.getenv("DB_PASSWORD")
SECRET_KEY_LENGTH = 32
LANGFUSE_SECRET_KEY = "sk-lf-fd3dd2df-f170-4c71-ba04-56c19bd1aed0"
