#!/usr/bin/env bash
# Sets up if needed, builds, and runs the main job on the bundled 云安区 sample region: the rule
# check, coverage, plan, report and maps, into one folder (the briefing pack).
#   scripts/demo.sh [OUT]      default OUT: out/yunan
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" >/dev/null
out=${1:-$here/out/yunan}
"$here/build/bin/coverplan" run "$here/data/yunan/project.toml" -o "$out" --force
echo
echo "报告 Report:        $out/report.html  (also report.md, report.xlsx)"
echo "地图 Maps:          $out/maps/county.png, county.pdf, county.svg and one per township (township_*.png …)"
echo "交互地图 Web map:    $out/maps/map.html  (works offline)"
echo "数据 Data (QGIS/Excel): $out/*.geojson, $out/*.csv   运行记录 Audit: $out/run.json"
