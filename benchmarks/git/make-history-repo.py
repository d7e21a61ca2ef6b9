#!/usr/bin/env python3
"""Builds a deterministic, realistic git history for the git-scan benchmark.

Thousands of commits of small edits (a few lines changed or inserted) to a tree of source files in
several languages, written as a `git fast-import` stream and then packed with `git gc`, so the pack
holds long delta chains as a real project's does. A handful of fake secrets (right shape, never
real) are committed and later removed along the way, on the main branch and on side branches.

    make-history-repo.py DEST [--commits 7000] [--files 160] [--seed 7]
    make-history-repo.py DEST --shape gitgit     # git/git's shape: 85k commits, 4k files, 1k refs

`--shape gitgit` (issue "history at pack speed") approximates the shape of git/git's history:
85,000 commits, about 4,000 files of a few hundred lines in directories up to six deep, 1,000 refs
(tags and branches), several small edits per commit and a merge now and then. It differs from the
real one in what it cannot imitate: its lines come from a small vocabulary (so deltas and zlib
do better than on real code), files never move, and all commits are made by three authors.

Prints the blob-version total (sum of the sizes of distinct blobs) at the end.
"""
import argparse
import hashlib
import os
import random
import subprocess
import sys

WORDS = ("account address amount buffer cache client config context count cursor data depth digest "
         "entry event field filter handler header index item key limit logger manager message metric "
         "node offset option order owner page parser path payload queue record region request result "
         "retry route schema scope session shard size source state status stream table target task "
         "tenant timeout token total tracker user value version window worker").split()


def ident(rng, parts=2):
    return "_".join(rng.choice(WORDS) for _ in range(parts))


def camel(rng, parts=2):
    w = [rng.choice(WORDS) for _ in range(parts)]
    return w[0] + "".join(x.capitalize() for x in w[1:])


def line_for(lang, rng):
    r = rng.random()
    if lang == "py":
        choices = [
            lambda: f"    {ident(rng)} = {ident(rng)}.get({rng.choice(WORDS)!r}, {rng.randint(0, 999)})",
            lambda: f"    if {ident(rng)} is None or len({ident(rng)}) > {rng.randint(1, 64)}:",
            lambda: f"        raise ValueError(\"invalid {rng.choice(WORDS)}: %s\" % {ident(rng)})",
            lambda: f"    # {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}",
            lambda: f"def {ident(rng, 3)}(self, {ident(rng)}, {ident(rng)}=None):",
            lambda: f"    return [{ident(rng)} for {rng.choice(WORDS)} in self.{ident(rng)} if {rng.choice(WORDS)}]",
            lambda: f"    password_field = form.get(\"{rng.choice(WORDS)}_password\")",
            lambda: f"    token = request.headers.get(\"Authorization\", \"\").removeprefix(\"Bearer \")",
        ]
    elif lang == "go":
        choices = [
            lambda: f"\t{camel(rng)} := {camel(rng)}.{camel(rng).capitalize()}({camel(rng)}, {rng.randint(0, 999)})",
            lambda: f"\tif err != nil {{ return nil, fmt.Errorf(\"{rng.choice(WORDS)} {rng.choice(WORDS)}: %w\", err) }}",
            lambda: f"func (s *{camel(rng).capitalize()}) {camel(rng, 3).capitalize()}(ctx context.Context, {camel(rng)} string) error {{",
            lambda: f"\t// {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}",
            lambda: f"\tfor _, {camel(rng)} := range {camel(rng)}.{camel(rng).capitalize()} {{",
            lambda: f"\tsecretKey := os.Getenv(\"{rng.choice(WORDS).upper()}_SECRET_KEY\")",
            lambda: "\t}",
        ]
    elif lang == "js":
        choices = [
            lambda: f"  const {camel(rng)} = await {camel(rng)}.{camel(rng)}({{ {camel(rng)}: {rng.randint(0, 999)} }});",
            lambda: f"  if (!{camel(rng)}) throw new Error(`missing {rng.choice(WORDS)} ${{{camel(rng)}}}`);",
            lambda: f"export function {camel(rng, 3)}({camel(rng)}, {camel(rng)} = {{}}) {{",
            lambda: f"  // {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}",
            lambda: f"  const apiKey = process.env.{rng.choice(WORDS).upper()}_API_KEY;",
            lambda: f"  return {camel(rng)}.map(({camel(rng)}) => {camel(rng)}.{camel(rng)}).filter(Boolean);",
            lambda: "}",
        ]
    else:  # yaml / config
        choices = [
            lambda: f"  {ident(rng)}: {rng.randint(0, 99999)}",
            lambda: f"  {ident(rng)}: \"{rng.choice(WORDS)}-{rng.choice(WORDS)}\"",
            lambda: f"{ident(rng)}:",
            lambda: f"  # {' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))}",
            lambda: f"  password: ${{{rng.choice(WORDS).upper()}_PASSWORD}}",
        ]
    return choices[int(r * len(choices))]()


def fake_secret(rng, kind):
    alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    if kind == 0:
        return "aws_access_key_id = AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    if kind == 1:
        return "GITLAB_TOKEN = \"glpat-" + "".join(rng.choice(alnum + "-_") for _ in range(20)) + "\""
    if kind == 2:
        return "vault_token = \"hvs." + "".join(rng.choice(alnum) for _ in range(24)) + "\""
    return "db_url = \"postgres://app:" + "".join(rng.choice(alnum) for _ in range(14)) + "@db.internal:5432/app\""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dest")
    ap.add_argument("--commits", type=int, default=7000)
    ap.add_argument("--files", type=int, default=160)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shape", choices=["bench", "gitgit"], default="bench")
    args = ap.parse_args()
    gitgit = args.shape == "gitgit"
    if gitgit:
        args.commits, args.files = 85_000, 4_000
    rng = random.Random(args.seed)
    if os.path.exists(args.dest):
        sys.exit(f"{args.dest}: exists; remove it first")
    subprocess.run(["git", "init", "-q", "-b", "main", args.dest], check=True)
    langs = ["py", "go", "js", "yml"]
    files = {}
    for i in range(args.files):
        lang = langs[i % 4]
        if gitgit:
            n = max(20, min(int(rng.lognormvariate(5.6, 0.9)), 6000))  # median ~270 lines
            depth = rng.choice([0, 1, 1, 2, 2, 3, 4, 5])
            top = rng.choice(["builtin", "t", "Documentation", "compat", "contrib", "refs", "xdiff", "reftable"])
            path = "/".join([top] + [rng.choice(WORDS[:24]) for _ in range(depth)] + [f"{ident(rng)}_{i}.{lang}"])
        else:
            n = int(rng.lognormvariate(7.0, 0.7))  # median ~1100 lines, some much longer
            n = max(80, min(n, 9000))
            path = f"{rng.choice(['src', 'pkg', 'lib', 'services/' + rng.choice(WORDS), 'config'])}/{ident(rng)}_{i}.{lang}"
        files[path] = (lang, [line_for(lang, rng) for _ in range(n)])
    paths = sorted(files)
    fi = subprocess.Popen(["git", "-C", args.dest, "fast-import", "--quiet", "--depth=50"], stdin=subprocess.PIPE)
    out = fi.stdin
    seen = set()
    total = 0
    mark = 0

    def blob(data):
        nonlocal mark, total
        mark += 1
        h = hashlib.sha1(b"blob %d\0" % len(data) + data).digest()
        if h not in seen:
            seen.add(h)
            total += len(data)
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    t = 1_600_000_000
    authors = [("Ann Example", "ann@example.com"), ("Bo Example", "bo@example.com"), ("Cy Example", "cy@example.com")]
    branch_tips = {}

    def commit(ref, message, changes, parent=None, merge=None):
        nonlocal t
        t += rng.randint(60, 7200)
        name, email = rng.choice(authors)
        msg = message.encode()
        marks = [(p, blob(("\n".join(files[p][1]) + "\n").encode())) for p in changes]
        out.write(b"commit %s\n" % ref.encode())
        out.write(b"author %s <%s> %d +0000\ncommitter %s <%s> %d +0000\n" % (name.encode(), email.encode(), t, name.encode(), email.encode(), t))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        if parent:
            out.write(b"from %s\n" % parent.encode())
        if merge:
            out.write(b"merge %s\n" % merge.encode())
        for p, m in marks:
            out.write(b"M 100644 :%d %s\n" % (m, p.encode()))
        out.write(b"\n")

    commit("refs/heads/main", "initial import", paths)
    planted = []
    side = 0
    for c in range(1, args.commits):
        touched = rng.sample(paths, rng.choice([1, 2, 2, 3, 4, 6] if gitgit else [1, 1, 2, 2, 3]))
        for p in touched:
            lang, lines = files[p]
            for _ in range(rng.randint(1, 6)):
                i = rng.randrange(len(lines))
                lines[i] = line_for(lang, rng)
            for _ in range(rng.randint(0, 8)):
                lines.insert(rng.randrange(len(lines)), line_for(lang, rng))
            if c % 400 == 0 and p == touched[0]:
                s = fake_secret(rng, (c // 400) % 4)
                lines.insert(rng.randrange(len(lines)), ("    " if lang != "yml" else "  ") + s)
                planted.append((c, p))
        if gitgit and c % 170 == 85:
            # A topic branch: a commit of its own, merged back two commits later (about 500 branches).
            side += 1
            commit(f"refs/heads/topic/{side}", f"topic {side}", touched, parent="refs/heads/main")
            continue
        merge = f"refs/heads/topic/{side}" if gitgit and c % 170 == 87 else None
        commit("refs/heads/main", f"change {c}: {rng.choice(WORDS)} {rng.choice(WORDS)}", touched, merge=merge)
        if c % (170 if gitgit else 500) == 0:
            out.write(b"reset refs/tags/v%d\nfrom refs/heads/main\n\n" % (c // (170 if gitgit else 500)))
    out.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    # fast-import deltifies each blob against the previous blob in the stream, often another file;
    # recompute deltas (-f) as a long-lived repository's packs have them, then gc.
    # (stdin closed: pack-objects under repack reads revisions from a stdin that is not a terminal.)
    subprocess.run(["git", "-C", args.dest, "repack", "-a", "-d", "-f", "-q"], check=True, stdin=subprocess.DEVNULL)
    subprocess.run(["git", "-C", args.dest, "gc", "-q", "--prune=now"], check=True, stdin=subprocess.DEVNULL)
    # An index that matches the tip (files are not checked out): a commit made on top of it, like
    # the benchmark's rescan commits, adds to the tip's tree instead of deleting every file.
    subprocess.run(["git", "-C", args.dest, "read-tree", "HEAD"], check=True, stdin=subprocess.DEVNULL)
    print(f"{args.commits} commits, {len(seen)} distinct blobs, {total / 1e9:.2f} GB of blob versions, {len(planted)} planted secrets")


if __name__ == "__main__":
    main()
