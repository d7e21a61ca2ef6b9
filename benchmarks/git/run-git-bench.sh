#!/usr/bin/env bash
# Full-history git scan benchmark (issue "Git history scanning"): builds the deterministic history
# repository once, builds secretradar in release mode, installs the peers that pip can install into
# a throwaway virtualenv, and times all of them in one run. Record the output in benchmarks/README.md.
#
#   benchmarks/git/run-git-bench.sh [--rounds 5] [--no-peers]
#
# Each command gets one warm-up run (page cache, compiled-rule caches), then --rounds timed runs;
# the median wall time is reported with the minimum beside it, and ratios against the pack-order
# `git cat-file` read measured in the same run. Each scanner must exit with its "findings" status
# (the history has planted secrets), so a scanner that silently scanned nothing fails the run.
# (Timed from bash, not Python: betterleaks' `git log` fails with status 128 under a Python parent.
# Times come from bash's $EPOCHREALTIME: `$(date +%s.%N)` forked a shell and ran date on each side,
# which added 1-3 ms to every timed command, a tenth of a rescan.)
#
# Environment: BENCH_DIR (default benchmarks/.data) holds the repository and the virtualenv.
set -euo pipefail
command -v bc >/dev/null || { echo "run-git-bench.sh needs bc (apt-get install bc)" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "run-git-bench.sh needs bash 5 (EPOCHREALTIME)" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${BENCH_DIR:-$root/benchmarks/.data}"
rounds=5
peers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --no-peers) peers=0; shift ;;
    *) echo "usage: $0 [--rounds N] [--no-peers]" >&2; exit 2 ;;
  esac
done
mkdir -p "$data"
repo="$(cd "$data" && pwd -P)/history"
if [ ! -d "$repo/.git" ]; then
  echo "building the benchmark history in $repo (about a minute)..." >&2
  python3 "$here/make-history-repo.py" "$repo"
fi
repo="$(cd "$repo" && pwd -P)"
(cd "$root" && swift build -c release --static-swift-stdlib --product secretradar >&2)
venv="$data/peers"
# shellcheck source=peers.sh
. "$here/peers.sh"
if [ "$peers" = 1 ]; then install_peers "$venv"; fi

# time_cmd NAME EXPECTED_STATUS CMD... : prints "median min" seconds.
time_cmd() {
  local name="$1" expected="$2"
  shift 2
  local times=() status start end
  for i in $(seq 0 "$rounds"); do
    start=$EPOCHREALTIME
    set +e
    "$@" >/dev/null 2>"$data/last.err"
    status=$?
    set -e
    end=$EPOCHREALTIME
    if ! [[ " $expected " == *" $status "* ]]; then
      echo "$name: exit $status, expected $expected:" >&2
      tail -5 "$data/last.err" >&2
      exit 1
    fi
    [ "$i" -gt 0 ] && times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f %.3f\n", a[int((NR+1)/2)], a[1]}'
}

echo "$(date -u +%Y-%m-%d) $(nproc) cores; $(git --version); history: $(git -C "$repo" rev-list --all --count) commits, pack $(du -sh "$repo/.git/objects/pack" | cut -f1)"
declare -a names results
names+=("git cat-file --batch-all-objects --unordered --batch")
results+=("$(time_cmd cat-file 0 git -C "$repo" cat-file --batch-all-objects --unordered --batch)")
names+=("secretradar scan git --no-store")
results+=("$(time_cmd secretradar 1 "$root/.build/release/secretradar" scan git "$repo" --no-store --no-progress -f json -o /dev/null)")
if [ "$peers" = 1 ]; then
  names+=("kingfisher $("$venv/bin/kingfisher" --version | cut -d' ' -f2) scan --git-history full --no-validate")
  results+=("$(cd "$repo" && time_cmd kingfisher "200 205" "$venv/bin/kingfisher" scan --git-history full --no-validate --no-update-check "$repo")")
  names+=("betterleaks $("$venv/bin/betterleaks" version) git")
  results+=("$(cd "$repo" && time_cmd betterleaks 1 "$venv/bin/betterleaks" git "$repo" --no-color)")
fi
floor=$(echo "${results[0]}" | cut -d' ' -f1)
ours=$(echo "${results[1]}" | cut -d' ' -f1)
printf '%-62s %9s %7s %8s\n' command "median s" "min s" "x floor"
for i in "${!names[@]}"; do
  read -r median low <<<"${results[$i]}"
  printf '%-62s %9s %7s %8.2f\n' "${names[$i]}" "$median" "$low" "$(echo "$median / $floor" | bc -l)"
done
printf '\nsecretradar / cat-file floor: %.2f (target <= 1.5)\n' "$(echo "$ours / $floor" | bc -l)"
if [ "$peers" = 1 ]; then
  fastest=$(for r in "${results[@]:2}"; do echo "$r" | cut -d' ' -f1; done | sort -n | head -1)
  printf 'secretradar / fastest peer:   %.2f (target <= 0.4)\n' "$(echo "$ours / $fastest" | bc -l)"
fi

# Store: a full scan into a fresh store, then a rescan after one new commit (issue "SQLite datastore":
# the rescan should take under 5% of the full scan). On a copy, so the history itself stays as built.
copy="$data/history-rescan"
rm -rf "$copy"
cp -a "$repo" "$copy"
# The index must match the tip, or the first rescan commit (fast-import leaves no index) deletes
# every file instead of adding one.
git -C "$copy" read-tree HEAD
store="$data/bench-store.db"
bin="$root/.build/release/secretradar"
full=$(time_cmd store-full 1 sh -c "rm -f '$store' '$store-wal' '$store-shm'; exec '$bin' scan git '$copy' --store '$store' --no-progress -f json -o /dev/null")
rescans=()
for i in $(seq 1 "$rounds"); do
  echo "rescan $i" >> "$copy/RESCAN.txt"
  git -C "$copy" add RESCAN.txt
  git -C "$copy" -c user.name=Bench -c user.email=bench@example.com commit -q -m "rescan $i"
  start=$EPOCHREALTIME
  set +e
  "$bin" scan git "$copy" --store "$store" --no-progress -f json -o /dev/null 2>/dev/null
  status=$?
  set -e
  end=$EPOCHREALTIME
  [ "$status" = 1 ] || { echo "rescan: exit $status, expected 1" >&2; exit 1; }
  rescans+=("$(echo "$end - $start" | bc)")
done
rescan=$(printf '%s\n' "${rescans[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}')
full_median=$(echo "$full" | cut -d' ' -f1)
printf '\nsecretradar scan git with a store: full %s s, rescan after one new commit %s s: %.1f%% (target < 5%%)\n' \
  "$full_median" "$rescan" "$(echo "100 * $rescan / $full_median" | bc -l)"
