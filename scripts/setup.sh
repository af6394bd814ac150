#!/usr/bin/env bash
# scripts/setup.sh — fresh Debian 12 → installed dependencies, a Release build at build/chaipy,
# and a demo numeric script run with the JIT. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2 chaipy
echo "--- demo: build/chaipy examples/demo.py"
build/chaipy examples/demo.py
