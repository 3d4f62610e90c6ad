#!/usr/bin/env bash
# Sets up if needed, builds and runs the whole test suite.
#   scripts/test.sh                         release build
#   COVERPLAN_SANITIZE=1 scripts/test.sh    the same tests under AddressSanitizer + UBSan
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# Chromium opens maps/map.html in the browser test; QGIS (python3-qgis) opens pack.gpkg in tests/qgis;
# tests/postgis starts its own PostgreSQL with PostGIS.
COVERPLAN_EXTRA_PACKAGES="chromium poppler-utils qgis python3-qgis postgresql-15-postgis-3" "$here/scripts/setup.sh"
if [ "${COVERPLAN_SANITIZE:-0}" = 1 ]; then
  build_dir=${COVERPLAN_BUILD_DIR:-$here/build-asan}
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/lsan.supp:print_suppressions=0}
else
  build_dir=${COVERPLAN_BUILD_DIR:-$here/build}
fi
ctest --test-dir "$build_dir" --output-on-failure
