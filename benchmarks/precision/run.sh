#!/usr/bin/env bash
# Precision corpus: real code on this machine that holds no secrets of ours — the Swift packages'
# sources (.build/checkouts), Python's standard library and site-packages, /usr/include and
# /usr/share/doc. Scans it with the whole rule pack and prints findings per 100 MB, by rule and by
# severity, and a sample to classify by hand (benchmarks/README.md, "Precision corpus").
#
# Usage: benchmarks/precision/run.sh [--binary PATH] [--rules DIR] [--sample N] [--out DIR]
# Writes OUT/report.json (the scan, redacted) and OUT/sample.txt (rule, place, and the line cut to
# 160 bytes for classification, with the secret itself masked: only its redacted form is shown).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=.build/release/secretradar
rules=patterns
sample=40
out=${TMPDIR:-/tmp}/secretradar-precision
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --rules) rules=$2; shift 2 ;;
        --sample) sample=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$binary" ] || { echo "run.sh: no binary at $binary (make release first)" >&2; exit 2; }
dirs=()
for d in .build/checkouts /usr/lib/python3.11 /usr/lib/python3/dist-packages /usr/include /usr/share/doc; do
    [ -d "$d" ] && dirs+=("$d")
done
mkdir -p "$out"
set +e
SECRETRADAR_CACHE_DIR= "$binary" scan path --rules "$rules" --no-store --no-progress --workers 2 -f json -o "$out/report.json" "${dirs[@]}"
status=$?
set -e
[ "$status" -le 1 ] || { echo "run.sh: scan failed (exit $status)" >&2; exit "$status"; }
python3 - "$out" "$sample" "${dirs[@]}" <<'PY'
import collections, json, random, re, sys
out, sample, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
report = json.load(open(f"{out}/report.json"))
s = report["summary"]
mb = s["bytes"] / 1e6
findings = report["findings"]
print(f"corpus: {', '.join(dirs)}")
print(f"{s['files']} files, {mb:.1f} MB; {len(findings)} findings = {100 * len(findings) / mb:.2f} per 100 MB")
print("by severity:", dict(collections.Counter(f["severity"] for f in findings)))
print("by rule:")
for rule, n in collections.Counter(f["rule"] for f in findings).most_common():
    print(f"  {n:5d}  {rule}")
rng = random.Random(7)
picked = rng.sample(findings, min(sample, len(findings)))
with open(f"{out}/sample.txt", "w") as fh:
    for f in sorted(picked, key=lambda f: f["rule"]):
        loc = f["locations"][0]
        try:
            with open(loc["path"], "rb") as src:
                line = bytearray(src.read().split(b"\n")[loc["line"] - 1])
        except (OSError, IndexError):
            line = bytearray(b"?")
        # The secret's length is in its redacted form (`glpa…(26)`); mask those bytes of the line.
        length = re.search(r"\((\d+)\)$", f["secret_redacted"])
        if length and loc.get("decoded") is None:
            start = loc["column"] - 1
            line[start:start + int(length.group(1))] = f["secret_redacted"].encode()
        around = max(0, loc["column"] - 1 - 80)  # the part of a long line around the secret
        text = line[around:around + 160].decode("utf-8", "replace").strip()
        fh.write(f"{f['rule']}\t{f['severity']}\t{loc['path']}:{loc['line']}\t{text}\n")
print(f"sample of {len(picked)} for classification: {out}/sample.txt")
PY
