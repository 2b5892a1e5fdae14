#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang and runs each in turn.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]  SECONDS in all (default 60), split evenly
#                                          over the targets (default: all of them)
#   scripts/fuzz.sh --ci                   the test suite's run: 12 s per target;
#                                          exits 77 (skipped) without clang's libFuzzer,
#                                          or when the fuzz build is missing or out of
#                                          date (it never builds: a clang ASan build of
#                                          everything takes minutes; MHSIM_FUZZ=1
#                                          scripts/test.sh builds it before the suite)
#   scripts/fuzz.sh --build                build the targets only
#
# Targets: scenario (the loader, then a short run of what loads), units
# (durations, bandwidths, byte sizes), ipv4 (addresses and prefixes), policy
# (prefix_lists, policies and routing on a fixed topology).
#
# The build lives in build-fuzz (MHSIM_FUZZ_BUILD to change it); new corpus
# entries go to build-fuzz/corpus/TARGET, crashes to build-fuzz/artifacts/TARGET.
# A crash input belongs in fuzz/regressions/TARGET once fixed: ctest replays
# those in every build. See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

ci=0
build_only=0
total=60
if [ "${1:-}" = "--ci" ]; then
  ci=1
  shift
elif [ "${1:-}" = "--build" ]; then
  build_only=1
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  total=$1
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario units ipv4 policy)
build=${MHSIM_FUZZ_BUILD:-$root/build-fuzz}
jobs=${MHSIM_FUZZ_JOBS:-2}

# clang and its libFuzzer runtime (Debian: clang, libclang-rt-dev).
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
  >"$probe_dir/probe.cpp"
if ! command -v clang++ >/dev/null ||
   ! clang++ -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" \
     >/dev/null 2>&1; then
  echo "SKIPPED: clang++ with libFuzzer (-fsanitize=fuzzer) is not available;" \
       "install it with scripts/install-deps.sh --fuzz"
  exit 77
fi

for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_$t.cpp" ] || { echo "fuzz.sh: unknown target '$t'" >&2; exit 2; }
done

if [ $ci -eq 1 ]; then
  if [ ! -f "$build/build.ninja" ] ||
     ninja -C "$build" -n "${targets[@]/#/fuzz_}" 2>/dev/null | grep -q -E "Building|Linking"; then
    echo "SKIPPED: the fuzz build in $build is missing or out of date;" \
         "scripts/fuzz.sh --build brings it up to date (MHSIM_FUZZ=1 scripts/test.sh does)"
    exit 77
  fi
fi

# One build at a time: several runs may share this build directory.
mkdir -p "$build"
exec 9>"$build/.fuzz.lock"
flock 9
if [ ! -f "$build/build.ninja" ]; then
  echo "configuring $build (clang, -fsanitize=fuzzer,address,undefined)"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DMHSIM_BUILD_FUZZ=ON -DMHSIM_BUILD_TESTS=OFF \
    -DMHSIM_WERROR=OFF >/dev/null
fi
build_log="$build/build.log"
if ! ninja -C "$build" -j"$jobs" "${targets[@]/#/fuzz_}" >"$build_log" 2>&1; then
  tail -40 "$build_log"
  echo "fuzz.sh: building the fuzz targets failed (log: $build_log)" >&2
  exit 1
fi
[ $build_only -eq 0 ] || exit 0
exec 9>&-  # the build is done: other runs may build or fuzz now

if [ $ci -eq 1 ]; then
  per=${MHSIM_FUZZ_CI_SECONDS:-12}
else
  per=$(( total / ${#targets[@]} ))
  [ "$per" -ge 1 ] || per=1
fi

seeds() {
  case $1 in
    scenario) echo "$root/scenarios $root/tests/run/bad_scenarios" ;;
    *) echo "$root/fuzz/corpus/$1" ;;
  esac
}

# A CI run may overlap another (ctest in several build directories): it
# writes its new inputs and logs to a directory of its own, and reads the
# shared corpus as seeds.
run_dir=$build
if [ $ci -eq 1 ]; then
  run_dir=$(mktemp -d "$build/ci-run.XXXXXX")
  trap 'rm -rf "$probe_dir" "$run_dir"' EXIT
fi

status=0
printf '%-10s %8s %12s %10s %8s  %s\n' target seconds executions exec/s corpus result
for t in "${targets[@]}"; do
  corpus="$run_dir/corpus/$t"
  shared=()
  if [ $ci -eq 1 ]; then
    mkdir -p "$build/corpus/$t"
    shared=("$build/corpus/$t")
  fi
  artifacts="$build/artifacts/$t"
  log="$run_dir/fuzz-$t.log"
  mkdir -p "$corpus" "$artifacts"
  dict_file=fuzz/$t.dict
  [ "$t" = policy ] && dict_file=fuzz/scenario.dict
  dict=()
  [ -f "$dict_file" ] && dict=(-dict="$dict_file")
  # shellcheck disable=SC2046 # seeds() is a list of directories
  if "$build/fuzz/fuzz_$t" "$corpus" "${shared[@]}" $(seeds "$t") "$root/fuzz/regressions/$t" \
      "${dict[@]}" \
      -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FOUND A CRASH (see $log, input in $artifacts)"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  files=$(find "$corpus" "${shared[@]}" -type f | wc -l)
  printf '%-10s %8s %12s %10s %8s  %s\n' "$t" "$per" "${execs:-?}" "${rate:-?}" "$files" "$result"
done
if [ $status -ne 0 ]; then
  for t in "${targets[@]}"; do
    log="$run_dir/fuzz-$t.log"
    if grep -q -E "ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer)|fuzz finding|runtime error" "$log"; then
      echo "---- $t"
      grep -E -A25 "ERROR:|fuzz finding|runtime error" "$log" | head -60
    fi
  done
  trap 'rm -rf "$probe_dir"' EXIT  # keep the logs of a failed run
fi
exit $status
