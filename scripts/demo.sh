#!/usr/bin/env bash
# Sets up if needed, builds, and runs the main job on the bundled 云安区 sample region:
# the rule check, the travel-time coverage and the plan (until `coverplan run` assembles the full pack).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" >/dev/null
out=${1:-$here/out/yunan}
project=$here/data/yunan/project.toml
"$here/build/bin/coverplan" check "$project" -o "$out/check" --force
"$here/build/bin/coverplan" coverage "$project" -o "$out/coverage" --force
"$here/build/bin/coverplan" plan "$project" -o "$out/plan" --force
echo
echo "Outputs 输出文件:"
for f in "$out"/check/* "$out"/coverage/* "$out"/plan/*; do echo "  $f"; done
