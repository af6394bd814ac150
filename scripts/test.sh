#!/usr/bin/env bash
# scripts/test.sh — installs dependencies, builds (Release) and runs the whole test suite with
# ctest: Catch2 unit tests plus the Python corpus compared against python3. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2
