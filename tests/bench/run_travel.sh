#!/usr/bin/env bash
# Travel-time benchmark on the Porto OSM extract (../shared/data/raw/osm-porto-r5), e-bike mode.
# Usage: tests/bench/run_travel.sh [BUILD_DIR] [PBF]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
"$build/bin/bench_travel" ${2:+"$2"}
