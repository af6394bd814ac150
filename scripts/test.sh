#!/usr/bin/env bash
# scripts/test.sh — installs dependencies, builds (Release) and runs the whole test suite with
# ctest: Catch2 unit tests plus the Python corpus compared against python3. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2

# The JIT again under AddressSanitizer + UndefinedBehaviorSanitizer: its unit tests, the recorder
# checks and the JIT corpus with every loop traced (RSS bounds do not apply under ASan).
# A second full build that does not fit CI's 60-minute budget next to the first on a cold
# machine, and it has an open finding (docs/testing.md): it runs on request, CHAIPY_ASAN=1.
if [ "${CHAIPY_ASAN:-0}" != 1 ]; then
  echo "test.sh: main suite passed in $((SECONDS / 60)) min; sanitizer stage not requested (CHAIPY_ASAN=1 bash scripts/test.sh)"
  exit 0
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHAIPY_SANITIZE=ON >/dev/null
ninja -C build-asan -j2 chaipy unit_tests
export ASAN_OPTIONS=detect_leaks=0 CHAIPY_TEST_NO_RSS=1
build-asan/tests/unit_tests "[jit],[ir],[opt],[backend]"
python3 tests/jit_ir_checks.py build-asan/chaipy
python3 tests/run_py_tests.py --chaipy build-asan/chaipy --jobs 2 --modes threshold1,default tests/py/jit
echo "test.sh: all stages passed in $((SECONDS / 60)) min"
