#!/usr/bin/env bash
# Prepares data/andorra from the OpenStreetMap extract in ../shared/data/raw/osm-andorra:
#   1. extracts with GDAL's OSM driver (ogr2ogr) the 7 parishes, the place=town/village/hamlet
#      points inside them and the highway lines clipped to them, into data/andorra/source/;
#   2. runs coverplan-gen to give the places village codes and to add synthetic beneficiaries,
#      sites and the site→village assignment table.
# OSM data © OpenStreetMap contributors, ODbL 1.0.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
pbf=${1:-$here/data/andorra/source/andorra-2025-01-19.osm.pbf}
gen=${COVERPLAN_GEN:-$here/build/bin/coverplan-gen}
out=$here/data/andorra
src=$out/source
mkdir -p "$src"
rm -f "$src"/parishes.geojson "$src"/places.geojson "$src"/roads_osm.geojson
export OGR_GEOJSON_MAX_OBJ_SIZE=0

ogr2ogr -f GeoJSON "$src/parishes.geojson" "$pbf" multipolygons \
  -where "admin_level = '7' AND boundary = 'administrative'" -select osm_id,name \
  -nln parishes -lco RFC7946=YES -lco COORDINATE_PRECISION=7
ogr2ogr -f GeoJSON "$src/places.geojson" "$pbf" points \
  -where "place IN ('town', 'village', 'hamlet')" -select osm_id,name,place \
  -clipsrc "$src/parishes.geojson" -nln places -lco RFC7946=YES -lco COORDINATE_PRECISION=7
# Roads a social worker can use; oneway, maxspeed, bridge and tunnel come out of OSM's other_tags.
# Clipping at the border leaves a few collections: explode them and keep only the lines.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ogr2ogr -f GeoJSON "$tmp/all.geojson" "$pbf" -dialect SQLite -sql \
  "SELECT osm_id, name, highway, hstore_get_value(other_tags, 'ref') AS ref,
          hstore_get_value(other_tags, 'oneway') AS oneway, hstore_get_value(other_tags, 'maxspeed') AS maxspeed,
          hstore_get_value(other_tags, 'bridge') AS bridge, hstore_get_value(other_tags, 'tunnel') AS tunnel, geometry
     FROM lines
    WHERE highway IS NOT NULL AND highway NOT IN ('proposed', 'construction', 'platform', 'raceway', 'bus_stop', 'elevator', 'corridor', 'abandoned', 'rest_area')" \
  -nln roads
ogr2ogr -f GeoJSON "$tmp/clipped.geojson" "$tmp/all.geojson" -clipsrc "$src/parishes.geojson" -nln roads
ogr2ogr -f GeoJSON "$tmp/parts.geojson" "$tmp/clipped.geojson" -explodecollections -nln roads
ogr2ogr -f GeoJSON "$src/roads_osm.geojson" "$tmp/parts.geojson" -dialect SQLite \
  -sql "SELECT * FROM roads WHERE ST_GeometryType(geometry) = 'LINESTRING' ORDER BY CAST(osm_id AS INTEGER), ST_X(ST_StartPoint(geometry)), ST_Y(ST_StartPoint(geometry))" \
  -nln roads -lco RFC7946=YES -lco COORDINATE_PRECISION=7

"$gen" andorra --parishes "$src/parishes.geojson" --places "$src/places.geojson" --seed 2025 --out "$out"
