#!/usr/bin/env python3
"""Writes corpus/repos/*.fi: small git histories as `git fast-import` streams, one scenario each.

Tests import a stream into a temporary repository (`git init` + `git fast-import`) and assert the
exact findings, commits, paths and lines. Authors and dates are fixed, so commit ids are stable.
Every secret is fake (corpus/tools/fake_tokens.py). Re-run after changing a scenario:

    python3 corpus/tools/make_repos.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from fake_tokens import Fakes  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "repos")


class Stream:
    def __init__(self, name):
        self.name = name
        self.parts = []
        self.mark = 0
        self.time = 1_700_000_000

    def blob(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.mark += 1
        self.parts.append(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)) + data + b"\n")
        return self.mark

    def commit(self, ref, subject, files=(), deletes=(), parent=None, merge=None, author=("Ann Example", "ann@example.com"), raw=()):
        """files: (path, content or (mode, content) or (mode, sha)); returns the commit's mark."""
        self.time += 3600
        ops = []
        for path, content in files:
            mode = "100644"
            if isinstance(content, tuple):
                mode, content = content
            if mode == "160000":
                ops.append(b"M 160000 %s %s\n" % (content.encode(), path.encode()))
                continue
            m = self.blob(content)
            ops.append(b"M %s :%d %s\n" % (mode.encode(), m, path.encode()))
        for path in deletes:
            ops.append(b"D %s\n" % path.encode())
        self.mark += 1
        mark = self.mark
        name, email = author
        msg = subject.encode() + b"\n"
        head = b"commit %s\nmark :%d\n" % (ref.encode(), mark)
        head += b"author %s <%s> %d +0100\ncommitter %s <%s> %d +0100\n" % (
            name.encode(), email.encode(), self.time, name.encode(), email.encode(), self.time)
        head += b"data %d\n%s" % (len(msg), msg)
        if parent:
            head += b"from %s\n" % (parent if isinstance(parent, bytes) else (":%d" % parent).encode())
        if merge:
            head += b"merge :%d\n" % merge
        self.parts.append(head + b"".join(ops) + b"".join(raw) + b"\n")
        return mark

    def tag(self, name, target_mark, message):
        self.time += 60
        msg = message.encode() + b"\n"
        self.parts.append(b"tag %s\nfrom :%d\ntagger Ann Example <ann@example.com> %d +0100\ndata %d\n%s\n" % (
            name.encode(), target_mark, self.time, len(msg), msg))

    def reset(self, ref, mark):
        self.parts.append(b"reset %s\nfrom :%d\n\n" % (ref.encode(), mark))

    def write(self):
        with open(os.path.join(OUT, self.name + ".fi"), "wb") as f:
            f.write(b"".join(self.parts))
            f.write(b"done\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    f = Fakes(4242)

    # A token committed, then removed from the file: found in history only.
    s = Stream("added-then-deleted")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    tok = f.glpat()
    c2 = s.commit("refs/heads/main", "add deploy settings", [("config/app.env", f"APP_ENV=production\nLOG_LEVEL=info\nGITLAB_TOKEN={tok}\n")], parent=c1)
    s.commit("refs/heads/main", "read the token from CI variables", [("config/app.env", "APP_ENV=production\nLOG_LEVEL=info\n")], parent=c2)
    s.write()

    # A key only on a side branch that was never merged.
    s = Stream("side-branch")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    key = f.aws_key_id()
    s.commit("refs/heads/feature/upload", "upload script", [("scripts/upload.sh", f"#!/bin/sh\nexport AWS_ACCESS_KEY_ID={key}\naws s3 cp build s3://bucket/ --recursive\n")], parent=c1)
    s.commit("refs/heads/main", "docs", [("README.md", "# demo\n\nRun make.\n")], parent=c1)
    s.write()

    # A commit reachable only from a tag (the branch was reset afterwards), and an annotated tag.
    s = Stream("tag-only")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    vault = "hvs." + f.alnum(24)
    c2 = s.commit("refs/tags/v1.0-hotfix", "hotfix with a hardcoded token", [("ops/vault.hcl", f'address = "https://vault.example.com"\ntoken = "{vault}"\n')], parent=c1)
    s.tag("v1.0", c1, "release 1.0")
    s.write()

    # A secret from a topic branch that a merge brings in, and one that only the merge resolution adds.
    s = Stream("merge")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    gh = f.github()
    c2 = s.commit("refs/heads/topic", "ci helper", [("ci/helper.py", f'import os\n\nGITHUB_TOKEN = "{gh}"\n')], parent=c1)
    c3 = s.commit("refs/heads/main", "main work", [("src/main.py", "print('hi')\n")], parent=c1)
    slack = "xoxb-" + f.chars("0123456789", 12) + "-" + f.chars("0123456789", 13) + "-" + f.alnum(24)
    # fast-import takes the tree from the first parent: list what the merge brings in, as git merge would.
    s.commit("refs/heads/main", "Merge branch 'topic'", [
        ("ci/helper.py", f'import os\n\nGITHUB_TOKEN = "{gh}"\n'),
        ("ci/notify.py", f'SLACK_BOT_TOKEN = "{slack}"\n'),
    ], parent=c3, merge=c2)
    s.write()

    # A file renamed after the secret was committed: both paths, each with its own commit.
    s = Stream("rename")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    stripe = "sk_live_" + f.alnum(24)
    body = f'import os\n\nDEBUG = False\nALLOWED_HOSTS = ["*"]\nSTRIPE_API_KEY = "{stripe}"\n'
    c2 = s.commit("refs/heads/main", "settings", [("src/settings.py", body)], parent=c1)
    s.commit("refs/heads/main", "move settings into a package", [("src/config/settings.py", body)], deletes=["src/settings.py"], parent=c2)
    s.write()

    # The same secret in two files, then in a third at another line: one finding, three locations.
    s = Stream("two-files")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    pw = "postgres://app:" + f.alnum(18) + "@db.internal:5432/app"
    c2 = s.commit("refs/heads/main", "database settings", [
        ("deploy/staging.env", f"DATABASE_URL={pw}\n"),
        ("deploy/production.env", f"DATABASE_URL={pw}\n"),
    ], parent=c1)
    s.commit("refs/heads/main", "compose file", [("docker-compose.yml", f"services:\n  app:\n    environment:\n      DATABASE_URL: {pw}\n")], parent=c2)
    s.write()

    # Entries a scan passes over and counts: binary, oversized (under a 2K limit), symlink,
    # submodule, Git LFS pointer; plus one ordinary secret so the scan has something to find.
    s = Stream("skipped-entries")
    npm = f.npm()
    big = "".join(f"line {i}: nothing to see here\n" for i in range(200)) + f"NPM_TOKEN={f.npm()}\n"
    lfs = "version https://git-lfs.github.com/spec/v1\noid sha256:" + f.hex(64) + "\nsize 123456\n"
    s.commit("refs/heads/main", "assets", [
        ("assets/logo.bin", b"\x89PNG\r\n\x1a\n\x00\x00" + f"GITLAB_TOKEN={f.glpat()}".encode()),
        ("data/huge.txt", big),
        ("link-to-secret", ("120000", f"/etc/{f.glpat()}")),
        ("vendor/lib", ("160000", "1" * 40)),
        ("models/model.bin", lfs),
        (".npmrc", f"//registry.npmjs.org/:_authToken={npm}\n"),
    ])
    s.write()

    # A push range: secrets in the second and fourth commits; and a new branch with its own secret.
    s = Stream("push-range")
    c1 = s.commit("refs/heads/main", "initial", [("README.md", "# demo\n")])
    first = f.glpat()
    c2 = s.commit("refs/heads/main", "first token", [("a.env", f"TOKEN_A={first}\n")], parent=c1)
    c3 = s.commit("refs/heads/main", "unrelated", [("README.md", "# demo\n\nmore\n")], parent=c2)
    second = f.github()
    c4 = s.commit("refs/heads/main", "second token", [("b.env", f"GITHUB_TOKEN={second}\n")], parent=c3)
    third = f.aws_key_id()
    s.commit("refs/heads/feature", "feature token", [("c.env", f"AWS_ACCESS_KEY_ID={third}\n")], parent=c2)
    s.write()

    # GitLab CI configuration in a repository: scan git checks the tip's .gitlab-ci.yml and its local includes.
    g = Fakes(777)
    s = Stream("gitlab-ci")
    ci = """include:
  - local: ci/deploy.yml

build:
  script:
    - make build
"""
    deploy = f"""deploy:
  environment: production
  variables:
    DEPLOY_TOKEN: {g.glpat()}
  secrets:
    DATABASE_PASSWORD:
      vault: ci/production/db/password@secret
  script:
    - ./deploy.sh
"""
    s.commit("refs/heads/main", "pipeline", [(".gitlab-ci.yml", ci), ("ci/deploy.yml", deploy)])
    s.write()

    # Migration baseline: main and feature are the state a baseline is made from; each
    # refs/heads/scenario/* branch (on main's tip) is one change a later scan must judge against it.
    b = Fakes(5150)
    s = Stream("baseline")
    gl = b.glpat()
    stripe = "sk_live_" + b.alnum(24)
    aws_id, aws_secret = b.aws_key_id(), b.aws_secret()
    app_env = f"# deployment settings\nREGION=eu-west-1\nGITLAB_TOKEN={gl}\n"
    settings = f'import os\n\nDEBUG = False\nSTRIPE_API_KEY = "{stripe}"\n'
    c1 = s.commit("refs/heads/main", "readme", [("README.md", "# shop\n")])
    c2 = s.commit("refs/heads/main", "settings", [("config/app.env", app_env), ("deploy/settings.py", settings)], parent=c1)
    feature = f'AWS_ACCESS_KEY_ID = "{aws_id}"\nAWS_SECRET_ACCESS_KEY = "{aws_secret}"\n'
    s.commit("refs/heads/feature", "feature", [("src/feature.py", feature)], parent=c2)
    c3 = s.commit("refs/heads/main", "docs", [("README.md", "# shop\n\nSee docs/.\n")], parent=c2)
    scenarios = [
        ("moved-line", [("config/app.env", f"# deployment settings\nGITLAB_TOKEN={gl}\n\n# region\nREGION=eu-west-1\n")], []),
        ("renamed", [("config/production.env", app_env)], ["config/app.env"]),
        ("moved", [("src/app/settings.py", settings)], ["deploy/settings.py"]),
        ("reformatted", [("config/app.env", f'# deployment settings\nREGION = "eu-west-1"\nGITLAB_TOKEN = "{gl}"\n'),
                         ("deploy/settings.py", f"import os\n\nDEBUG=False\nSTRIPE_API_KEY='{stripe}'  # from Vault soon\n")], []),
        ("replaced", [("config/app.env", app_env.replace(gl, b.glpat()))], []),
        ("copied", [("scripts/charge.py", f'import stripe\n\nstripe.api_key = "{stripe}"\n')], []),
    ]
    for name, files, deletes in scenarios:
        s.commit("refs/heads/scenario/" + name, name, files, deletes=deletes, parent=c3)
    # The feature branch rebased onto main's tip: new commit ids, the same change.
    s.commit("refs/heads/scenario/rebased", "feature", [("src/feature.py", feature)], parent=c3)
    s.write()

    # Reports: one history that exercises every severity and the escaping of every format.
    r = Fakes(9090)
    s = Stream("reports")
    s.time = 1_672_531_200  # 2023-01-01
    live = r.glpat()
    old_stripe = "sk_live_" + r.alnum(24)
    fixture_key = r.aws_key_id()
    db_password = r.alnum(14) + "9!"
    odd = r.glpat()
    c1 = s.commit("refs/heads/main", "deploy settings", [
        ("deploy/prod.env", f"GITLAB_TOKEN={live}\n"),
        ("config/old.env", f"STRIPE_SECRET_KEY={old_stripe}\n"),
        ("tests/fixtures/creds.json", f'{{"aws_access_key_id": "{fixture_key}"}}\n'),
        ("src/db.py", f'DATABASE_PASSWORD = "{db_password}"\n'),
    ], author=("Zoë \"QA\" & Tester", "zoe@example.com"))
    s.time = 1_677_628_800  # 2023-03-01
    c2 = s.commit("refs/heads/main", "drop old stripe config", [
        ('docs/<b>notes, "draft".md', f"Token for the staging runner: {odd}\n"),
        ("=1+2.env", f"TOKEN={odd}\n"),
    ], deletes=["config/old.env"], parent=c1)
    s.time = 1_685_577_600  # 2023-06-01
    s.commit("refs/heads/main", "example", [
        ("src/example_client.py", f'client = Client(token="{r.glpat()}")  # secretradar:ignore (revoked demo token)\n'),
    ], parent=c2)
    s.write()

if __name__ == "__main__":
    main()
