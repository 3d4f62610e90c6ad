#!/usr/bin/env bash
# `coverplan coverage` end to end on the Porto OSM extract (../shared/data/raw/osm-porto-r5):
# builds a throwaway project around the raw PBF — one township (the extract's box), its
# traffic signals and turning circles as 446 "villages", every fifth of them a site serving
# itself — and times the command with and without polygons.
# Usage: tests/bench/porto_coverage.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
pbf=$here/../shared/data/raw/osm-porto-r5/porto-2015-06-06.osm.pbf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/townships.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "999999001", "name": "Porto"},
 "geometry": {"type": "Polygon", "coordinates": [[[-8.795, 40.981], [-8.358, 40.981], [-8.358, 41.399], [-8.795, 41.399], [-8.795, 40.981]]]}}]}
JSON
ogr2ogr -f GeoJSON "$work/villages.geojson" "$pbf" -dialect SQLite \
  -sql "SELECT printf('999999001%03d', 200 + ROW_NUMBER() OVER (ORDER BY osm_id)) AS code, osm_id AS name, geometry
          FROM points WHERE highway IN ('traffic_signals', 'turning_circle')" -nln villages
ogr2ogr -f CSV "$work/sites.csv" "$work/villages.geojson" -dialect SQLite \
  -sql "SELECT 'S' || code AS id, 'point' AS kind, code AS served, ST_X(geometry) AS lon, ST_Y(geometry) AS lat
          FROM villages WHERE CAST(substr(code, 10) AS INTEGER) % 5 = 0"
cat >"$work/project.toml" <<EOF2
name = "Porto benchmark"
[rules]
max_site_distance_m = 100
[layers.townships]
source = "townships.geojson"
[layers.villages]
source = "villages.geojson"
[layers.sites]
source = "sites.csv"
x = "lon"
y = "lat"
crs = "EPSG:4326"
[layers.sites.fields]
served_villages = "served"
[layers.roads]
source = "$pbf"
layer = "lines"
EOF2
for flags in "--no-polygons" ""; do
  /usr/bin/time -f "%e s %M KB" -o "$work/time.txt" "$build/bin/coverplan" --lang en coverage "$work/project.toml" -o "$work/out" --force $flags >"$work/stdout.txt"
  printf '%-26s %s  (%s)\n' "coverage_porto ${flags:-with-polygons}" "$(cat "$work/time.txt")" "$(head -1 "$work/stdout.txt" | cut -c1-90)"
done
grep -E "road network|total " "$work/stdout.txt" | head -3
