#!/usr/bin/env bash
# Routing benchmark: `coverplan solve --format solomon` on Solomon's VRPTW sets C1 and R1
# (../shared/data/bench/vrptw) against their published solutions, each solution checked from the
# instance by the benchmark itself. Usage: tests/bench/run_routing.sh [BUILD_DIR] [DIR] [NAME...]
# DIR: a folder of Cordeau-format instances with best_known.txt (other Solomon sets run the same
# way). Extra solver arguments: BENCH_ARGS="--seed 2".
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
dir=${2:-$here/../shared/data/bench/vrptw}
shift $(( $# > 2 ? 2 : $# ))
"$build/bin/bench_routing" "$build/bin/coverplan" "$dir" "$@"
