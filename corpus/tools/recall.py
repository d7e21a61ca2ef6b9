#!/usr/bin/env python3
"""Scores a scan of corpus/recall/files against corpus/recall/labels.tsv (`make recall`).

A labelled secret is *found* when some finding has a location on its file and line, and *found by
its rule* when that finding's rule is the expected one (for `generic`, any rule). A finding on a
line without a label is a false positive: the generated files plant every secret among ordinary
lines that hold none. Whole-text cases (a credentials file, a command) may hold a second
credential on another line, so findings there are counted apart.

Usage: recall.py [--binary PATH] [--families] [--misses] [--json OUT]
"""
import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = "corpus/recall"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=".build/release/secretradar", help="the secretradar binary to run")
    ap.add_argument("--rules", help="rule directory (default: the binary's own)")
    ap.add_argument("--families", action="store_true", help="print every family, not only those below 100%%")
    ap.add_argument("--misses", action="store_true", help="list every missed label and every false positive")
    ap.add_argument("--json", help="also write the scores as JSON to this file")
    args = ap.parse_args()

    labels = []
    with open(os.path.join(ROOT, "labels.tsv")) as fh:
        for row in fh:
            if row.strip() and not row.startswith("#"):
                path, line, family, rule, kind = row.rstrip("\n").split("\t")
                labels.append((path, int(line), family, rule, kind))
    files = os.path.join(ROOT, "files")
    cmd = [args.binary, "scan", "path", files, "--no-store", "--no-progress", "-f", "json"]
    if args.rules:
        cmd += ["--rules", args.rules]
    run = subprocess.run(cmd, capture_output=True)
    if run.returncode not in (0, 1):
        sys.exit(f"recall: the scan failed with exit {run.returncode}: {run.stderr.decode(errors='replace')[:2000]}")
    report = json.loads(run.stdout)
    seen = collections.defaultdict(set)  # (path, line) -> rules
    for finding in report["findings"]:
        for loc in finding["locations"]:
            path = os.path.relpath(loc["path"], files)
            seen[(path, loc["line"])].add(finding["rule"])

    per_family = collections.OrderedDict()
    labelled = set()
    misses = []
    text_files = {path for path, _, _, _, kind in labels if kind == "text"}
    for path, line, family, rule, _ in labels:
        labelled.add((path, line))
        rules = seen.get((path, line), set())
        found = bool(rules)
        # A generic label is a credential without a provider format: any rule that reports it will do.
        by_rule = rule in rules or (rule == "generic" and found)
        stats = per_family.setdefault(family, [0, 0, 0])
        stats[0] += 1
        stats[1] += found
        stats[2] += by_rule
        if not by_rule:
            misses.append((path, line, family, rule, sorted(rules)))
    unlabelled = sorted((p, l, sorted(r)) for (p, l), r in seen.items() if (p, l) not in labelled)
    # A whole-text case (an AWS credentials file, a kubeconfig) may hold a second credential on
    # another line (the key id next to its secret): counted apart, not as a false positive.
    in_texts = [u for u in unlabelled if u[0] in text_files]
    false_positives = [u for u in unlabelled if u[0] not in text_files]

    total = len(labels)
    found = sum(s[1] for s in per_family.values())
    by_rule = sum(s[2] for s in per_family.values())
    reported_lines = len(seen) - len(in_texts)
    precision = (reported_lines - len(false_positives)) / reported_lines if reported_lines else 1.0
    print(f"{'family':<28} {'labels':>6} {'found':>6} {'by rule':>8}")
    for family, (n, f, r) in sorted(per_family.items()):
        if args.families or r < n or f < n:
            print(f"{family:<28} {n:>6} {f:>6} {r:>8}")
    print(f"families: {len(per_family)}, fully found: {sum(1 for s in per_family.values() if s[1] == s[0])}")
    print(f"recall: {found}/{total} = {100 * found / total:.1f}% found, {100 * by_rule / total:.1f}% by the expected rule")
    print(f"precision: {reported_lines - len(false_positives)}/{reported_lines} reported lines = {100 * precision:.1f}%"
          f" ({len(false_positives)} false positives; {len(in_texts)} more findings on unlabelled lines of whole-text cases)")
    if args.misses:
        for path, line, family, rule, got in misses:
            print(f"miss  {path}:{line}  {family}  expected {rule}  got {','.join(got) or '-'}")
        for path, line, rules in false_positives:
            print(f"false {path}:{line}  {','.join(rules)}")
        for path, line, rules in in_texts:
            print(f"other {path}:{line}  {','.join(rules)}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"labels": total, "found": found, "by_rule": by_rule, "false_positives": len(false_positives),
                       "families": {k: {"labels": v[0], "found": v[1], "by_rule": v[2]} for k, v in per_family.items()}},
                      fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
