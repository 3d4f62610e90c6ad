#!/usr/bin/env bash
# Regenerates data/yunan from the real inputs in data/yunan/source and a fixed seed.
# The output is byte-identical on every run (tests/cli checks this).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${COVERPLAN_GEN:-$here/build/bin/coverplan-gen}
out=${1:-$here/data/yunan}
src=$here/data/yunan/source
"$gen" county --county 445303 --seed 2021 --sites yunan-2021 --gcj02 \
  --townships "$src/townships_nbs2023.csv" --villages "$src/villages_nbs2023.csv" \
  --outlines "$src/yunan_outline_gcj02.geojson" --out "$out"
