#!/usr/bin/env bash
# Builds the benchmark harness in release mode and runs it. Arguments pass through
# (--mb 200 --pcre-mb 10 --seed 1 --files DIR ...). Record results in benchmarks/README.md.
#
# --real: instead of the generated corpus, real code of this machine that holds no secrets of
# ours: /usr/include, Python's standard library and the Swift packages' sources (.build/checkouts),
# the sources of the precision corpus (benchmarks/precision/run.sh). Files are read in a fixed
# mixed order up to --mb.
set -euo pipefail
cd "$(dirname "$0")"
args=()
for a in "$@"; do
    if [ "$a" = "--real" ]; then
        for d in /usr/include /usr/lib/python3.11 ../.build/checkouts; do
            [ -d "$d" ] && args+=(--files "$d")
        done
    else
        args+=("$a")
    fi
done
swift build -c release --product MatcherBench
.build/release/MatcherBench --rules ../patterns "${args[@]}"
