#!/usr/bin/env bash
# Install what a fresh machine lacks: uv (through pip), and — when root on Debian — redis-server
# and softhsm2 through apt, plus any Debian package named as an argument whose command of the
# same name is missing (`make bench` asks for wrk). Prints the uv command to use. Idempotent.
set -euo pipefail

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v softhsm2-util >/dev/null 2>&1 || need_apt+=(softhsm2)
for extra in "$@"; do
  command -v "$extra" >/dev/null 2>&1 || need_apt+=("$extra")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: apt-get install ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need_apt[@]}" >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq "${need_apt[@]}" >&2; }
  else
    echo "bootstrap: please install ${need_apt[*]} (Debian/Ubuntu: sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

if command -v uv >/dev/null 2>&1; then
  echo uv
elif python3 -m uv --version >/dev/null 2>&1; then
  echo "python3 -m uv"
else
  echo "bootstrap: pip install uv" >&2
  python3 -m pip install --quiet uv >&2 || python3 -m pip install --quiet --user uv >&2
  echo "python3 -m uv"
fi
