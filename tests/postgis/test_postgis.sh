#!/usr/bin/env bash
# PostGIS in and out, against a real PostgreSQL 15 with PostGIS 3 (Debian postgresql-15-postgis-3)
# started here on a Unix socket in a temporary folder (no TCP) and stopped by its process id.
#   tests/postgis/test_postgis.sh COVERPLAN DATA_DIR SCRATCH_DIR
# Checks: layers read from PostGIS give the same check and coverage as the files; run --to-postgis
# writes every layer, with its QGIS style; a run that fails inside the transaction leaves the
# previous schema; a schema coverplan did not write is refused; no password reaches an output.
set -euo pipefail
coverplan=$(realpath "$1")
data=$(cd "$2" && pwd)
scratch=$(realpath -m "$3")
bin=/usr/lib/postgresql/15/bin
failures=0
check() {  # message command...
  local message=$1
  shift
  if "$@"; then echo "ok   $message"; else echo "FAIL $message"; failures=$((failures + 1)); fi
}

rm -rf "$scratch"
mkdir -p "$scratch"
pgdir=$(mktemp -d /tmp/coverplan-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then  # initdb refuses root: the server runs as Debian's postgres user
  chown postgres "$pgdir"
  as_pg=(runuser -u postgres --)
fi
cd "$pgdir"  # a working folder the server's user can read
"${as_pg[@]}" "$bin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log"
"${as_pg[@]}" "$bin/pg_ctl" -D "$pgdir/data" -o "-k $pgdir -c listen_addresses=''" -l "$pgdir/server.log" -w start >/dev/null
pid=$(head -1 "$pgdir/data/postmaster.pid")
stop() {
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$pgdir"
}
trap stop EXIT

psql_q() { psql -h "$pgdir" -U postgres -d coverplan -Atq -v ON_ERROR_STOP=1 -c "$1"; }
value() { psql_q "$1" 2>/dev/null || echo "(query failed)"; }  # for the checks: a failed query is a FAIL line, not an exit
"$bin/createdb" -h "$pgdir" -U postgres coverplan
psql_q "CREATE EXTENSION postgis" >/dev/null
# The password is ignored by this trust-only server; it must appear in no output all the same.
conn="PG:host=$pgdir dbname=coverplan user=postgres password=s3cret-pw"

# The bureau's layers in PostGIS: townships and villages in a schema of their own.
psql_q "CREATE SCHEMA bureau" >/dev/null
for layer in townships villages; do
  ogr2ogr -f PostgreSQL "$conn" "$data/$layer.geojson" -nln "bureau.$layer" -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom
done
sed -e "s|^source = \"townships.geojson\"|source = \"$conn\"\nlayer = \"bureau.townships\"|" \
    -e "s|^source = \"villages.geojson\"|source = \"$conn\"\nlayer = \"bureau.villages\"|" \
    -e "s#^source = \"\([a-z_]*\.\(csv\|geojson\)\)\"#source = \"$data/\1\"#" \
    "$data/project.toml" >"$scratch/project-pg.toml"
check "the project reads townships and villages from PostGIS" grep -q 'layer = "bureau.villages"' "$scratch/project-pg.toml"

for cmd in check "coverage --no-polygons"; do
  name=${cmd%% *}
  # shellcheck disable=SC2086
  "$coverplan" --lang en $cmd "$data/project.toml" -o "$scratch/$name-files" >/dev/null
  # shellcheck disable=SC2086
  "$coverplan" --lang en $cmd "$scratch/project-pg.toml" -o "$scratch/$name-pg" >"$scratch/$name-pg.out" 2>&1
done
check "check from PostGIS: the same progress table as from the files" cmp -s "$scratch/check-files/progress.csv" "$scratch/check-pg/progress.csv"
check "check from PostGIS: the same findings" cmp -s "$scratch/check-files/violations.csv" "$scratch/check-pg/violations.csv"
check "coverage from PostGIS: the same coverage of every village" cmp -s "$scratch/coverage-files/coverage.csv" "$scratch/coverage-pg/coverage.csv"

# Results into a schema: every layer, with its style for QGIS.
"$coverplan" run "$data/project.toml" -o "$scratch/run1" --no-maps --date 2026-01-15 \
  --to-postgis "$conn" --schema yunan >"$scratch/run1.out" 2>&1
for layer in townships villages sites coverage_areas gaps isochrones plan assignments violations access tours closed_roads critical_links detour_links outreach_tours; do
  want=$( (ogrinfo -ro -so "$scratch/run1/$layer.geojson" "$layer" || true) | sed -n 's/^Feature Count: //p')
  got=$(value "SELECT count(*) FROM yunan.$layer")
  check "yunan.$layer holds the $want features of $layer.geojson ($got)" [ "$got" = "$want" ]
done
check "the geometries in PostGIS are valid" [ "$(value "SELECT count(*) FROM yunan.gaps WHERE NOT ST_IsValid(geom)")" = 0 ]
check "served_villages as written: a JSON array" \
  [ "$(value "SELECT count(*) FROM yunan.plan WHERE served_villages::text LIKE '[\"4453%'")" = 45 ]
check "public.layer_styles: one default style per layer of the schema, for QGIS" \
  [ "$(value "SELECT count(*) FROM public.layer_styles WHERE f_table_catalog = 'coverplan' AND f_table_schema = 'yunan' AND useasdefault")" = 15 ]
comment_before=$(value "SELECT obj_description('yunan.villages'::regclass)")
check "the tables carry their Chinese titles as comments" grep -q "^村（社区）：到最近站点的出行时间" <<<"$comment_before"

# A run that fails inside the transaction (just before the commit) leaves the previous results.
set +e
COVERPLAN_TEST_FAIL_AT=postgis_commit "$coverplan" --lang en run "$data/project.toml" -o "$scratch/run2" --no-maps \
  --to-postgis "$conn" --schema yunan >"$scratch/run2.out" 2>&1
code=$?
set -e
check "the failed run exits with an output error ($code)" [ "$code" = 4 ]
check "the failed run says so, naming the schema" grep -q "schema yunan" "$scratch/run2.out"
check "… and the previous schema is intact (its Chinese titles)" [ "$(value "SELECT obj_description('yunan.villages'::regclass)")" = "$comment_before" ]
check "… with all its features" [ "$(value "SELECT count(*) FROM yunan.villages")" = 114 ]
check "… and no staging schema left" [ "$(value "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'yunan\\_\\_%'")" = 0 ]
check "… nor the failed run's folder" [ ! -e "$scratch/run2" ]

# A schema coverplan did not write is never replaced.
psql_q "CREATE SCHEMA planning; CREATE TABLE planning.mine (x int); INSERT INTO planning.mine VALUES (1)" >/dev/null
set +e
"$coverplan" --lang en run "$data/project.toml" -o "$scratch/run3" --no-maps --to-postgis "$conn" --schema planning >"$scratch/run3.out" 2>&1
code=$?
set -e
check "a schema not written by coverplan is refused ($code)" [ "$code" != 0 ]
check "… with a message saying why" grep -q "was not written by coverplan" "$scratch/run3.out"
check "… and its table is untouched" [ "$(value "SELECT count(*) FROM planning.mine")" = 1 ]

# A view of another schema resting on the results would be dropped with them: refused instead.
psql_q "CREATE VIEW planning.villages_seen AS SELECT code FROM yunan.villages" >/dev/null
set +e
"$coverplan" --lang en run "$data/project.toml" -o "$scratch/run5" --no-maps --to-postgis "$conn" --schema yunan >"$scratch/run5.out" 2>&1
code=$?
set -e
check "a schema whose tables a view elsewhere rests on is not replaced ($code)" [ "$code" = 4 ]
check "… the message names the view" grep -q "planning.villages_seen" "$scratch/run5.out"
check "… and the view still stands" [ "$(value "SELECT count(*) FROM planning.villages_seen")" = 114 ]

# A layer that is not in the database: the message names the database without the password.
sed 's|layer = "bureau.villages"|layer = "bureau.nowhere"|' "$scratch/project-pg.toml" >"$scratch/project-bad.toml"
set +e
"$coverplan" --lang en check "$scratch/project-bad.toml" -o "$scratch/check-bad" >"$scratch/check-bad.out" 2>&1
code=$?
set -e
check "a missing table is an input error ($code)" [ "$code" = 3 ]
check "… naming the database by dbname and host" grep -q "PG:host=$pgdir dbname=coverplan: no layer \"bureau.nowhere\"" "$scratch/check-bad.out"

# A bad schema name is a usage error before anything runs.
set +e
"$coverplan" --lang en run "$data/project.toml" -o "$scratch/run4" --to-postgis "$conn" --schema 'x; DROP TABLE y' >"$scratch/run4.out" 2>&1
code=$?
set -e
check "a schema name that is not a plain name is refused ($code)" [ "$code" = 2 ]

# The credentials reach no output: not run.json, not the messages, not any file of the pack.
check "run.json records the connection without the password" grep -q "\"connection\": \"PG:host=$pgdir dbname=coverplan\"" "$scratch/run1/run.json"
leaks=$( (grep -rl "s3cret-pw" "$scratch"/check-pg "$scratch"/coverage-pg "$scratch/run1" "$scratch"/*.out 2>/dev/null || true) | wc -l)
check "… (the search finds it where it is: the project file)" grep -q "s3cret-pw" "$scratch/project-pg.toml"
check "no file and no message holds the password ($leaks)" [ "$leaks" = 0 ]

echo "$failures failure(s)"
[ "$failures" = 0 ]
