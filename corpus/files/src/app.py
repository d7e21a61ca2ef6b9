import os

import requests

GITHUB_TOKEN = "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"
OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
password = os.environ.get("DB_PASSWORD")


def fetch(repo: str) -> dict:
    headers = {"Authorization": f"token {GITHUB_TOKEN}"}
    return requests.get(f"https://api.github.com/repos/{repo}", headers=headers).json()
