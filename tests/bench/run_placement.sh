#!/usr/bin/env bash
# Placement benchmark: OR-Library pmed/pmedcap, spopt San Francisco and Swain 55 against their
# known optima (../shared/data/bench). Usage: tests/bench/run_placement.sh [BUILD_DIR] [FAMILY]
# FAMILY: pmed | pmedcap | spopt_sf | swain55 (default: all).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
"$build/bin/bench_placement" "$here/../shared/data/bench" ${2:+"$2"}
