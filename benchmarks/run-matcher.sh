#!/usr/bin/env bash
# Builds the benchmark harness in release mode and runs it. Arguments pass through
# (--mb 200 --pcre-mb 10 --seed 1). Record results in benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product MatcherBench
.build/release/MatcherBench --rules ../patterns "$@"
