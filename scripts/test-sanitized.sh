#!/usr/bin/env bash
# The tests again under AddressSanitizer + UndefinedBehaviorSanitizer (clang), and
# each libFuzzer harness for a short, fixed time. CI runs this after scripts/test.sh.
#   scripts/test-sanitized.sh [FUZZ_SECONDS_EACH]     (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DLOGIPLAN_SANITIZE=ON \
  -DLOGIPLAN_FUZZ=ON -DLOGIPLAN_TESTS=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
# A leak or a UBSan finding fails the test that caused it. The kill test is left
# out: killing an instrumented binary tells nothing more than the plain one.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE realdata -E kill_test
FUZZ_SEED=1 scripts/fuzz.sh "${1:-20}" build-asan
