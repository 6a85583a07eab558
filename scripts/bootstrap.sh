#!/usr/bin/env bash
# Install what a fresh machine lacks: uv (through pip), and — when root on Debian — the Debian
# packages whose commands the stack and the tests run: redis-server, softhsm2 (softhsm2-util),
# poppler-utils (pdfsig), xmlsec1, libengine-gost-openssl (the fast GOST path), and chromium
# with chromium-driver (chromedriver: the console's browser tests), plus any package named as
# an argument. An argument is
# PACKAGE or PACKAGE:COMMAND (`make bench` asks for wrk); a package is installed only when its
# command is missing. Prints the uv command to use (and nothing else on stdout). Idempotent.
set -euo pipefail

need_apt=()
for spec in redis-server softhsm2:softhsm2-util poppler-utils:pdfsig xmlsec1 chromium \
    chromium-driver:chromedriver "$@"; do
  package="${spec%%:*}"
  command_name="${spec#*:}"
  if ! command -v "$command_name" >/dev/null 2>&1; then
    case " ${need_apt[*]-} " in
      *" $package "*) ;;
      *) need_apt+=("$package") ;;
    esac
  fi
done
# GOST (signing/gost/native.py): the gost OpenSSL provider has no command to look for, so its
# module file is checked; without it GOST verification still works, ~1000x slower on Streebog.
if command -v dpkg-query >/dev/null 2>&1 \
  && ! dpkg-query -W -f='${Status}' libengine-gost-openssl 2>/dev/null | grep -q "ok installed"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    need_apt+=(libengine-gost-openssl)
  else
    echo "bootstrap: GOST runs slowly without libengine-gost-openssl (sudo apt-get install libengine-gost-openssl)" >&2
  fi
fi
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
