#!/usr/bin/env python3
"""Writes corpus/recall/: realistic files with planted fake credentials, and their labels.

Run from the repository root: python3 corpus/tools/make_recall.py. Every `Case` of every
`corpus/recall/specs/*.py` is planted twice, in two of the formats below (chosen in turn), among
ordinary lines that hold no secret (request ids, commit hashes, versions, paths, references to
environment variables), so that `recall.py` measures precision as well as recall. A case with its
own `line` text is written to a file of its own. Output is deterministic: the same specs give the
same files.

corpus/recall/labels.tsv has one row per planted secret: path, line, family, expected rule, kind.
Hand-written files (corpus/recall/handmade/, labelled in their own labels.tsv) are copied as they are.
"""
import importlib.util
import os
import re
import shutil
import sys
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from fake_tokens import Fakes  # noqa: E402

ROOT = "corpus/recall"
OUT = os.path.join(ROOT, "files")
PER_FILE = 5


def words(name):
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", name) if w]


def snake(name): return "_".join(words(name))
def upper(name): return "_".join(words(name)).upper()
def camel(name):
    w = words(name)
    return w[0] + "".join(x.capitalize() for x in w[1:]) if w else name
def dotted(name): return ".".join(words(name))


def fillers(f):
    """Lines of each format that hold no secret but look like what surrounds one."""
    req = f.uuid()
    sha = f.hex(40)
    return {
        "env": ["APP_ENV=production", "LOG_LEVEL=info", f"REQUEST_ID={req}", f"GIT_SHA={sha}",
                "DB_PASSWORD=${DB_PASSWORD}", "PUBLIC_URL=https://app.internal.example.com", "PORT=8080",
                "CACHE_TTL_SECONDS=3600", "API_KEY_HEADER=X-Api-Key", "TOKEN_URL=https://auth.internal/oauth/token"],
        "yaml": ["  region: eu-west-1", "  replicas: 3", f"  build_sha: {sha}", "  password: ${DB_PASSWORD}",
                 "  token_ttl: 3600", "  image: registry.internal/app:1.24.3", "  secret_name: app-credentials",
                 f"  trace_id: {req}", "  log_format: json"],
        "json": [f'  "requestId": "{req}",', '  "version": "3.14.2",', f'  "commit": "{sha}",', '  "tokenUrl": "https://auth.internal/token",',
                 '  "timeoutMs": 15000,', '  "secretName": "app-credentials",', '  "retries": 5,'],
        "py": ["import os", "TIMEOUT = 30", 'API_KEY = os.environ["API_KEY"]', 'DB_PASSWORD = os.getenv("DB_PASSWORD")',
               f'REQUEST_ID = "{req}"', 'TOKEN_HEADER = "Authorization"', 'SECRET_KEY_LENGTH = 32', 'BASE_URL = "https://api.internal"'],
        "js": ["const timeoutMs = 15000;", "const apiKey = process.env.API_KEY;", 'const tokenHeader = "Authorization";',
               f'const commit = "{sha}";', "const password = config.get('db.password');", 'const baseUrl = "https://api.internal";'],
        "go": ["timeout := 30 * time.Second", 'apiKey := os.Getenv("API_KEY")', f'requestID := "{req}"',
               'secretName := "app-credentials"', "tokenTTL := time.Hour", 'baseURL := "https://api.internal"'],
        "sh": ["set -euo pipefail", 'export API_KEY="${API_KEY:?missing}"', "export PASSWORD=\"$(cat /run/secrets/db)\"",
               f"export GIT_SHA={sha}", 'echo "deploying $VERSION"', "export TOKEN_FILE=/run/secrets/token"],
        "tf": ['  region = "eu-west-1"', '  password = var.db_password', '  token = data.vault_generic_secret.ci.data["token"]',
               f'  request_id = "{req}"', '  instance_type = "t3.small"', '  secret_name = "app-credentials"'],
        "properties": ["server.port=8080", "spring.datasource.password=${DB_PASSWORD}", f"build.commit={sha}",
                       "logging.level.root=INFO", "security.token.ttl=3600", "app.secret.name=app-credentials"],
        "xml": ['    <add key="Environment" value="Production" />', '    <add key="Password" value="$(DbPassword)" />',
                f'    <add key="RequestId" value="{req}" />', '    <add key="TokenEndpoint" value="https://auth.internal/token" />',
                '    <add key="Retries" value="5" />'],
    }


def plant(fmt, name, value):
    """The line that assigns `value` to `name` in format `fmt`."""
    return {
        "env": f"{upper(name)}={value}",
        "yaml": f"  {snake(name)}: {value}",
        "json": f'  "{camel(name)}": "{value}",',
        "py": f'{upper(name)} = "{value}"',
        "js": f'const {camel(name)} = "{value}";',
        "go": f'{camel(name)} := "{value}"',
        "sh": f'export {upper(name)}="{value}"',
        "tf": f'  {snake(name)} = "{value}"',
        "properties": f"{dotted(name)}={value}",
        "xml": f'    <add key="{name}" value="{value}" />',
    }[fmt]


HEAD = {
    "env": ["# service settings"], "yaml": ["service:"], "json": ["{"], "py": ['"""Settings."""'],
    "js": ["'use strict';"], "go": ["package config", "", "func load() {"], "sh": ["#!/usr/bin/env bash"],
    "tf": ['resource "example_service" "app" {'], "properties": ["# application properties"],
    "xml": ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>"],
}
TAIL = {"json": ['  "end": true', "}"], "go": ["}"], "tf": ["}"], "xml": ["  </appSettings>", "</configuration>"]}
NAMES = {
    "env": ".env", "yaml": "config/settings.yaml", "json": "config/app.json", "py": "app/settings.py",
    "js": "src/config.js", "go": "internal/config/config.go", "sh": "scripts/deploy.sh", "tf": "infra/main.tf",
    "properties": "src/main/resources/application.properties", "xml": "web.config",
}
FORMATS = list(NAMES)


def load_specs():
    specs = {}
    folder = os.path.join(ROOT, "specs")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        spec = importlib.util.spec_from_file_location("spec_" + name[:-3], os.path.join(folder, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        specs[name[:-3]] = module.CASES
    return specs


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    labels = []
    for group, cases in load_specs().items():
        f = Fakes(zlib.crc32(group.encode()))
        fill = fillers(f)
        buckets = {fmt: [] for fmt in FORMATS}
        turn = 0
        for i, case in enumerate(cases):
            if case.line is not None:
                secret = case.make(f)
                text = case.line(f, secret)
                ext = case.formats[0] if case.formats else "txt"
                rel = os.path.join(group, case.family, case.filename or f"{case.family}-{i}.{ext}")
                if os.path.exists(os.path.join(OUT, rel)):
                    rel = os.path.join(group, case.family, f"{i}", case.filename or f"{case.family}.{ext}")
                offset = text.find(secret)
                if offset < 0:
                    sys.exit(f"{group}: case {case.rule}: line() does not contain the secret")
                write(rel, text if text.endswith("\n") else text + "\n")
                labels.append((rel, text[:offset].count("\n") + 1, case.family, case.rule, "text"))
                continue
            allowed = [fmt for fmt in FORMATS if not case.formats or fmt in case.formats]
            for _ in range(2 if len(allowed) > 1 else 1):
                fmt = allowed[turn % len(allowed)]
                turn += 1
                buckets[fmt].append((case, case.make(f)))
        for fmt, planted in buckets.items():
            for n in range(0, len(planted), PER_FILE):
                chunk = planted[n:n + PER_FILE]
                base = NAMES[fmt]
                rel = os.path.join(group, f"{fmt}-{n // PER_FILE + 1}", base)
                lines = list(HEAD.get(fmt, []))
                for k, (case, secret) in enumerate(chunk):
                    pool = fill[fmt]
                    lines.append(pool[(n + k) % len(pool)])
                    lines.append(pool[(n + k + 3) % len(pool)])
                    lines.append(plant(fmt, case.name, secret))
                    labels.append((rel, len(lines), case.family, case.rule, "planted"))
                lines += TAIL.get(fmt, [])
                write(rel, "\n".join(lines) + "\n")
    handmade = os.path.join(ROOT, "handmade")
    if os.path.isdir(handmade):
        shutil.copytree(handmade, os.path.join(OUT, "handmade"), ignore=shutil.ignore_patterns("labels.tsv"))
        with open(os.path.join(handmade, "labels.tsv")) as fh:
            for row in fh:
                if row.strip() and not row.startswith("#"):
                    path, line, family, rule = row.rstrip("\n").split("\t")[:4]
                    labels.append((os.path.join("handmade", path), int(line), family, rule, "text"))
    with open(os.path.join(ROOT, "labels.tsv"), "w") as fh:
        fh.write("# path\tline\tfamily\texpected rule (generic: any rule)\tkind (planted: one line among ordinary lines; text: a whole"
                 " credential file or command, which may hold further credentials)\n")
        for row in sorted(labels):
            fh.write("\t".join(str(x) for x in row) + "\n")
    files = sum(len(fs) for _, _, fs in os.walk(OUT))
    print(f"{len(labels)} labelled secrets in {files} files under {OUT}")


def write(rel, text):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
