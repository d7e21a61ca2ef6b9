#!/usr/bin/env python3
"""Benchmarks of `secretradar serve` (issue 18), in one run, on loopback. Record the output in
benchmarks/README.md with the date; nothing here runs in the test suite.

1. Webhook intake: wrk posts push webhooks (each a distinct push, to 50 projects) for --seconds
   while a worker scans curl's full history; requests/s, latency percentiles, and a check that every
   accepted webhook has its row in the queue (job_push), none lost.
2. One pushed commit of curl's 39.6k-commit history, served by `git daemon` on loopback and
   scanned by the running service (fetch included), against `secretradar scan git` of the whole
   history (every ref, no store) in the same run: the target is under 5%.

Needs: the release binary (swift build -c release --static-swift-stdlib), wrk (apt-get install
wrk), git, and ../shared/corpora/curl-history.bundle.

    python3 benchmarks/serve/serve_bench.py [--seconds 10] [--connections 32]
"""
import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build/release/secretradar")
BUNDLE = os.path.join(os.path.dirname(ROOT), "shared/corpora/curl-history.bundle")
TOKEN = "serve-benchmark-webhook-token"
ZERO = "0" * 40


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def post(port, body, uuid=None, event="Push Hook"):
    headers = {"X-Gitlab-Token": TOKEN, "X-Gitlab-Event": event, "Content-Type": "application/json"}
    if uuid:
        headers["X-Gitlab-Event-UUID"] = uuid
    req = urllib.request.Request(f"http://127.0.0.1:{port}/hooks/gitlab", data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(req) as r:
        return r.status, json.loads(r.read() or b"{}")


def get(port, path, token):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def push_body(project, before, after, ref="refs/heads/main"):
    return {"object_kind": "push", "before": before, "after": after, "ref": ref,
            "project": {"path_with_namespace": project, "git_http_url": f"https://gitlab.example.com/{project}.git"}}


def wait_job(port, token, job, timeout=600):
    start = time.time()
    while time.time() - start < timeout:
        j = get(port, f"/api/v1/jobs/{job}", token)
        if j["state"] in ("done", "failed"):
            return j
        time.sleep(0.05)
    raise SystemExit(f"job {job} did not finish")


def job_seconds(store, job):
    con = sqlite3.connect(store)
    created, updated = con.execute("SELECT created_at, updated_at FROM job WHERE id = ?", (job,)).fetchone()
    con.close()
    return (updated - created) / 1000


WRK_SCRIPT = r"""
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  wrk.method = "POST"
  wrk.headers["X-Gitlab-Token"] = "%TOKEN%"
  wrk.headers["X-Gitlab-Event"] = "Push Hook"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  counter = counter + 1
  local after = string.format("%08x%032x", id + 1, counter)
  local project = string.format("bench/p%02d", counter % 50)
  local body = '{"object_kind":"push","before":"' .. string.rep("a", 40) .. '","after":"' .. after ..
    '","ref":"refs/heads/main","project":{"path_with_namespace":"' .. project ..
    '","git_http_url":"https://gitlab.example.com/' .. project .. '.git"}}'
  return wrk.format(nil, "/hooks/gitlab", nil, body)
end
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    for need in (BINARY, BUNDLE):
        if not os.path.exists(need):
            raise SystemExit(f"missing {need}")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="serve-bench-")
    cache = os.path.join(os.path.dirname(ROOT), ".bench-cache")
    os.makedirs(cache, exist_ok=True)
    curl = os.path.join(cache, "curl.git")
    if not os.path.isdir(curl):
        print("cloning curl's history (once)...", file=sys.stderr)
        git("clone", "-q", "--bare", BUNDLE, curl)
    # A copy the benchmark may push to.
    repo = os.path.join(work, "curl.git")
    git("clone", "-q", "--bare", curl, repo)
    store = os.path.join(work, "radar.db")
    env = dict(os.environ, SECRETRADAR_WEBHOOK_TOKEN=TOKEN, HOME=os.path.join(work, "home"),
               XDG_CACHE_HOME=os.path.join(work, "xdg-cache"), SECRETRADAR_CACHE_DIR=os.path.join(cache, "vectorscan"))
    api = subprocess.run([BINARY, "token", "create", "--name", "bench", "--scope", "read", "--store", store],
                         env=env, check=True, capture_output=True, text=True).stdout.strip()
    daemon_port = free_port()
    daemon = subprocess.Popen(["git", "daemon", "--reuseaddr", f"--base-path={work}", "--export-all", "--enable=receive-pack",
                               "--listen=127.0.0.1", f"--port={daemon_port}", work],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    served = f"git://127.0.0.1:{daemon_port}/curl.git"
    port = free_port()
    config = os.path.join(work, "serve.yml")
    with open(config, "w") as f:
        # The intake's made-up pushes point at a missing repository: each fails once and stops.
        f.write("max_attempts: 1\n")
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen(
        [BINARY, "serve", "--config", config, "--listen", f"127.0.0.1:{port}", "--store", store, "--cache-dir", os.path.join(work, "mirrors"),
         "--clone-url-rewrite", f"https://gitlab.example.com/g/curl.git={served}",
         "--clone-url-rewrite", f"https://gitlab.example.com/bench/={work}/missing/"],
        env=env, stderr=log, stdout=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.05)
        head = git("symbolic-ref", "HEAD", cwd=repo)
        tip = git("rev-parse", head, cwd=repo)
        # 1. Intake while the worker scans the full history (a new branch: every commit).
        status, answer = post(port, push_body("g/curl", ZERO, tip, head), uuid="full")
        full_job = answer["job"]
        script = os.path.join(work, "push.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT.replace("%TOKEN%", TOKEN))
        out = subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", script, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True).stdout
        print(out)
        requests = int(next(l for l in out.splitlines() if "requests in" in l).split()[0])
        non2xx = next((int(l.split()[-1]) for l in out.splitlines() if "Non-2xx" in l), 0)
        con = sqlite3.connect(store)
        pushes = con.execute("SELECT COUNT(*) FROM job_push WHERE project LIKE 'bench/%'").fetchone()[0]
        con.close()
        # wrk counts the answers it read; requests still in flight when it stopped were queued too.
        print(f"accepted {requests - non2xx} of {requests}; queued pushes in job_push: {pushes}"
              f" ({'none lost' if pushes >= requests - non2xx else 'LOST SOME'})")
        full = wait_job(port, api, full_job, timeout=1800)
        full_s = job_seconds(store, full_job)
        print(f"first job (clone of the whole history, a new branch: what no other ref reaches): {full['state']}, {full_s:.2f} s")
        # The reference: a full-history scan by the CLI, every ref, no store (warm page cache).
        full_cli = []
        for _ in range(2):
            start = time.time()
            r = subprocess.run([BINARY, "scan", "git", repo, "--no-store", "-f", "json", "-o", os.devnull], env=env,
                               capture_output=True, text=True)
            if r.returncode not in (0, 1):
                raise SystemExit(f"scan git failed: {r.stderr[-500:]}")
            full_cli.append(time.time() - start)
        full_cli_s = min(full_cli)
        print(f"scan git, full history, every ref: {full_cli_s:.2f} s (best of 2)")
        # 2. One pushed commit, in the running service.
        wt = os.path.join(work, "wt")
        git("clone", "-q", repo, wt)
        with open(os.path.join(wt, "docs", "BENCH.md"), "w") as f:
            f.write("A pushed commit for the serve benchmark.\n")
        git("add", ".", cwd=wt)
        git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "bench", cwd=wt)
        new = git("rev-parse", "HEAD", cwd=wt)
        git("push", "-q", "origin", f"HEAD:{head}", cwd=wt)
        start = time.time()
        status, answer = post(port, push_body("g/curl", tip, new, head), uuid="one")
        one = wait_job(port, api, answer["job"])
        one_wall = time.time() - start
        one_s = job_seconds(store, answer["job"])
        print(f"one pushed commit: {one['state']}, job {one_s:.3f} s, webhook to done {one_wall:.3f} s")
        print(f"one pushed commit / full-history scan: {one_s / full_cli_s * 100:.2f}% (target: under 5%)")
    finally:
        server.terminate()
        server.wait(timeout=60)
        daemon.terminate()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
