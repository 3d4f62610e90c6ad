#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, AddressSanitizer and UBSan, and runs each
# for a bounded time starting from its committed corpus (tests/fuzz/corpus/<target>). A crash,
# sanitizer report, uncaught exception, hang (> 10 s on one input) or memory blow-up (> 2 GB)
# fails the run; the input that did it is kept under build-fuzz/artifacts/.
#   scripts/fuzz.sh                          60 s per target (what CI runs)
#   COVERPLAN_FUZZ_SECONDS=600 scripts/fuzz.sh
#   COVERPLAN_FUZZ_MERGE=1 scripts/fuzz.sh   also merges the new inputs into the committed corpus
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
COVERPLAN_INSTALL_ONLY=1 COVERPLAN_EXTRA_PACKAGES="clang libclang-rt-14-dev" "$here/scripts/setup.sh"

build_dir=${COVERPLAN_FUZZ_BUILD_DIR:-$here/build-fuzz}
seconds=${COVERPLAN_FUZZ_SECONDS:-60}
targets=(fuzz_project_file fuzz_layer_csv fuzz_instance)
CC=clang CXX=clang++ cmake -S "$here" -B "$build_dir" -G Ninja -DCOVERPLAN_FUZZ=ON -DCOVERPLAN_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/lsan.supp:print_suppressions=0}
artifacts=$build_dir/artifacts
mkdir -p "$artifacts"
status=0
for t in "${targets[@]}"; do
  seeds=$here/tests/fuzz/corpus/${t#fuzz_}
  work=$(mktemp -d)
  # New inputs go to the scratch corpus: the committed one changes only with COVERPLAN_FUZZ_MERGE=1.
  if "$build_dir/bin/$t" "$work" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
       -artifact_prefix="$artifacts/$t-" -print_final_stats=1 >"$work.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work.log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz: $t: $runs inputs in ${seconds} s, no finding (corpus $(ls "$seeds" | wc -l) seeds + $(ls "$work" | wc -l) new)"
    if [ "${COVERPLAN_FUZZ_MERGE:-0}" = 1 ]; then
      "$build_dir/bin/$t" -merge=1 "$seeds" "$work" >/dev/null 2>&1
      echo "fuzz: $t: corpus now $(ls "$seeds" | wc -l) inputs"
    fi
  else
    status=1
    echo "fuzz: $t FAILED; last lines of its log (full log: $work.log; input under $artifacts):" >&2
    tail -n 60 "$work.log" >&2
  fi
  rm -rf "$work"
done
exit $status
