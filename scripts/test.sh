#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite twice:
# a normal build, then one under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
# MHSIM_FUZZ=1 also builds the libFuzzer targets (a third, clang ASan build
# of everything), so that the suite's short fuzz run fuzzes instead of
# skipping; `scripts/fuzz.sh 60` runs the same by hand (docs/reliability.md).
if [ "${MHSIM_FUZZ:-0}" = 1 ]; then scripts/install-deps.sh --fuzz; else scripts/install-deps.sh; fi
scripts/build.sh build
if [ "${MHSIM_FUZZ:-0}" = 1 ]; then scripts/fuzz.sh --build; fi
(cd build && ctest --output-on-failure -j"$(nproc)")
scripts/build.sh build-asan -DMHSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$(nproc)")
