#!/usr/bin/env bash
# scripts/install-deps.sh — installs every Debian 12 package chaipy needs to build, test and
# benchmark (idempotent; run as root on a fresh machine).
set -euo pipefail
pkgs=(g++ cmake ninja-build ccache pkg-config git python3
      libasmjit-dev libzydis-dev libcapstone-dev catch2 libspdlog-dev libfmt-dev libgmp-dev time
      libpython3.11-minimal libpython3.11-stdlib libpython3.11-testsuite unicode-data
      zlib1g-dev libssl-dev libb2-dev libedit-dev)
[ "${CHAIPY_WITH_PYPY:-0}" = 1 ] && pkgs+=(pypy3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
