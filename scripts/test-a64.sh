#!/usr/bin/env bash
# scripts/test-a64.sh — AArch64 on an x86-64 host: installs the arm64 cross toolchain and
# libraries (idempotent), cross-builds Release into build-a64/ with cmake/aarch64-linux-gnu.cmake,
# and runs the Catch2 unit tests and the Python corpus under qemu-aarch64 (binfmt_misc is not
# available, so every run names qemu-aarch64 explicitly, through a generated wrapper).
#
#   bash scripts/test-a64.sh                 # install, build, unit tests, corpus --jit off
#   CHAIPY_A64_MODES=off,default bash scripts/test-a64.sh   # corpus modes (run_py_tests.py names)
#   CHAIPY_A64_SKIP_INSTALL=1 ...            # skip the package step
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
modes=${CHAIPY_A64_MODES:-off}

if [ "${CHAIPY_A64_SKIP_INSTALL:-0}" != 1 ]; then
  # Multiarch arm64 libraries (Multi-Arch: same) beside the host's, plus the cross compiler and
  # qemu-user. libc6:arm64 comes with them: qemu-aarch64 then finds the arm64 loader under /lib
  # by itself, which is why the wrapper passes no -L (see cmake/aarch64-linux-gnu.cmake).
  pkgs=(g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user
        libasmjit-dev:arm64 libzydis-dev:arm64 libgmp-dev:arm64 libspdlog-dev:arm64 libfmt-dev:arm64
        zlib1g-dev:arm64 libssl-dev:arm64 libb2-dev:arm64 pkgconf:arm64 catch2)
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    rm -f /var/lib/apt/lists/lock.a64-stamp
  fi
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# -- Cross build -----------------------------------------------------------------------------------
t0=$(date +%s)
cmake -S . -B build-a64 -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_TOOLCHAIN_FILE="$root/cmake/aarch64-linux-gnu.cmake" >/dev/null
nice -n 5 ninja -C build-a64 -j2 chaipy unit_tests
t1=$(date +%s)
echo "test-a64: cross build took $((t1 - t0)) s"

# -- Under qemu --------------------------------------------------------------------------------------
# Catch2 cases (ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR), then the core corpus in the
# requested modes through the generated wrapper build-a64/chaipy-run.
ctest --test-dir build-a64 --output-on-failure -j2 -E '^(py_corpus|stdlib_corpus|cpython_tests|limits_corpus|corpus_rlimit|tracebacks_full|jit_ir_checks|pycache_stress|random_programs|random_programs_jit)$'
t2=$(date +%s)
echo "test-a64: unit tests under qemu took $((t2 - t1)) s"
python3 tests/run_py_tests.py --chaipy build-a64/chaipy-run --jobs 2 --modes "$modes" tests/py
t3=$(date +%s)
echo "test-a64: corpus ($modes) under qemu took $((t3 - t2)) s"
