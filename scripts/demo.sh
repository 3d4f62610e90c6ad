#!/usr/bin/env bash
# Sets up if needed, builds, and runs the main job on the bundled 云安区 sample region.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" >/dev/null
out=${1:-$here/out/yunan}
"$here/build/bin/coverplan" check "$here/data/yunan/project.toml" -o "$out" --force
echo
echo "Outputs 输出文件:"
for f in violations.csv violations.geojson progress.csv; do echo "  $out/$f"; done
