#!/usr/bin/env bash
# scripts/test-a64.sh — AArch64 on an x86-64 host: installs the arm64 cross toolchain and
# libraries (idempotent), cross-builds Release into build-a64/ with cmake/aarch64-linux-gnu.cmake,
# and runs the Catch2 unit tests, the recorder checks and the Python corpus under qemu-aarch64
# (binfmt_misc is not available, so every run names qemu-aarch64 explicitly, through a
# generated wrapper).
#
#   bash scripts/test-a64.sh                 # install, build, unit tests, recorder checks, corpus
#   CHAIPY_A64_MODES=off bash scripts/test-a64.sh   # corpus modes (run_py_tests.py names;
#                                            # default off,default,threshold1)
#   CHAIPY_A64_SKIP_INSTALL=1 ...            # skip the package step
#   CHAIPY_A64_DEADLINE=EPOCH ...            # run the corpus modes in order; the first always,
#                                            # each later one only if the previous one's time
#                                            # still fits before EPOCH (scripts/test.sh's budget)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
modes=${CHAIPY_A64_MODES:-off,default,threshold1}

if [ "${CHAIPY_A64_SKIP_INSTALL:-0}" != 1 ]; then
  # Multiarch arm64 libraries (Multi-Arch: same) beside the host's, plus the cross compiler and
  # qemu-user. libc6:arm64 comes with them: qemu-aarch64 then finds the arm64 loader under /lib
  # by itself, which is why the wrapper passes no -L (see cmake/aarch64-linux-gnu.cmake).
  pkgs=(g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user
        libasmjit-dev:arm64 libzydis-dev:arm64 libcapstone-dev:arm64 libgmp-dev:arm64 libspdlog-dev:arm64 libfmt-dev:arm64
        zlib1g-dev:arm64 libssl-dev:arm64 libb2-dev:arm64 libedit-dev:arm64 pkgconf:arm64 catch2)
  dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
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
# The Catch2 tests in one process (the backend conformance suite runs the a64 backend here), the
# recorder checks, then the core corpus in the requested modes, all through the generated wrapper
# build-a64/chaipy-run (qemu-aarch64 without -L).
qemu-aarch64 build-a64/tests/unit_tests
t2=$(date +%s)
echo "test-a64: unit tests under qemu took $((t2 - t1)) s"
python3 tests/jit_ir_checks.py build-a64/chaipy-run
t3=$(date +%s)
echo "test-a64: recorder checks under qemu took $((t3 - t2)) s"
# Emulation is several times slower than the host: chaipy's time limits are scaled.
status=0
deadline=${CHAIPY_A64_DEADLINE:-0}
last=0
IFS=, read -ra mode_list <<<"$modes"
for m in "${mode_list[@]}"; do
  now=$(date +%s)
  if [ "$deadline" != 0 ] && [ "$last" != 0 ] && [ $((now + last)) -gt "$deadline" ]; then
    echo "test-a64: corpus mode $m skipped: another ${last} s would pass the time budget"
    continue
  fi
  CHAIPY_TEST_TIMEOUT_SCALE=4 python3 tests/run_py_tests.py --chaipy build-a64/chaipy-run --jobs 2 --modes "$m" \
    tests/py || status=$?
  last=$(($(date +%s) - now))
  echo "test-a64: corpus ($m) under qemu took $last s"
done
exit $status
