#!/usr/bin/env bash
# logiplan against its peers on the same real extracts, OD pairs and machine, in
# one run (issue 15): pgRouting (osm2pgrouting into PostgreSQL, pgr_dijkstra,
# pgr_dijkstraCostMatrix) and igraph (python3-igraph, on pgRouting's graph).
# Prints each figure and the ratio peer time / logiplan time (> 1: logiplan is
# faster), and checks that the shortest distances agree, explaining differences.
# Installs the peers from Debian (scripts/setup.sh --peers). Asserts nothing.
#   scripts/bench-peers.sh [EXTRACT.osm.pbf ...]   (default: pt-porto and the Hà Nội inner extract)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
extracts=("$@")
[ ${#extracts[@]} -gt 0 ] || extracts=(../shared/data/osm/pt-porto.osm.pbf ../shared/data/osm/vn-hanoi-inner-drive-2025.osm.pbf)
bash scripts/setup.sh --peers >/dev/null
PY=/usr/bin/python3  # Debian's, with igraph
PG=/usr/lib/postgresql/15/bin
port=54329
chmod 755 "$work"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg" "$work/sock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/sock"
as_postgres "$PG/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
as_postgres "$PG/pg_ctl" -D "$work/pg" -o "-p $port -k $work/sock -c listen_addresses=''" -l "$work/pg/log" -w start >/dev/null ||
  { cat "$work/pg/log" >&2; exit 1; }
trap 'as_postgres "$PG/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
psql() { command psql -h "$work/sock" -p $port -U postgres -X -At -q "$@"; }
ms() { date +%s%N | cut -b1-13; }
# pgRouting's graph for the shortest metric: length in metres, -1 where a one-way forbids the direction.
EDGES="SELECT gid AS id, source, target, CASE WHEN cost < 0 THEN -1 ELSE length_m END AS cost, CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END AS reverse_cost FROM ways"

echo "bench-peers: $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; logiplan $(git rev-parse --short HEAD); $(command psql --version); osm2pgrouting $(dpkg-query -W -f='${Version}' osm2pgrouting); python3-igraph $(dpkg-query -W -f='${Version}' python3-igraph)"
for x in "${extracts[@]}"; do
  name=$(basename "$x" .osm.pbf)
  out="$work/$name"
  mkdir -p "$out"
  echo "== $name"
  # Builds: logiplan from the .pbf; osm2pgrouting from the XML it needs (the conversion timed apart).
  $bin init "$out/p.sqlite" >/dev/null
  /usr/bin/time -f "%e %M" -o "$out/lp.time" $bin --no-progress network build "$out/p.sqlite" --from "$x" >/dev/null
  t0=$(ms); osmium cat "$x" -o "$out/x.osm" --overwrite; t1=$(ms)
  psql -c "DROP DATABASE IF EXISTS b" -c "CREATE DATABASE b"
  psql -d b -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pgrouting"
  /usr/bin/time -f "%e %M" -o "$out/o2p.time" osm2pgrouting -f "$out/x.osm" -c /usr/share/osm2pgrouting/mapconfig_for_cars.xml \
    -d b -U postgres -h "$work/sock" -p $port --clean >"$out/o2p.log" 2>&1
  echo "$(( t1 - t0 ))" > "$out/osmium.ms"
  # The same points for everyone: pgRouting vertices that are OSM nodes logiplan's network has too.
  psql -d b -c "COPY (SELECT id, osm_id, lon, lat FROM ways_vertices_pgr WHERE osm_id IS NOT NULL) TO STDOUT" > "$out/pg_vertices.tsv"
  psql -d b -c "COPY (SELECT source, target, cost, reverse_cost, length_m FROM ways) TO STDOUT" > "$out/pg_ways.tsv"
  $PY scripts/bench_peers.py candidates "$out" 100 100
  # logiplan in one process (the second run is timed: the first chose the points and wrote the caches).
  build-bench/benchmarks/peer_queries "$out/p.sqlite" car "$out/candidates.txt" "$out/chosen.txt" >/dev/null
  build-bench/benchmarks/peer_queries "$out/p.sqlite" car "$out/candidates.txt" "$out/chosen.txt" > "$out/lp.json"
  $PY scripts/bench_peers.py points "$out" 100 100
  read -r -a vids < "$out/matrix_vids.txt"
  # One route as a process on each side, the two taking turns pair by pair, so
  # that the machine's drift (frequency, reclaim, other load) falls on both alike.
  : > "$out/lp_process.ms"
  : > "$out/pg_process.ms"
  paste -d ' ' "$out/process_pairs.txt" <(head -20 "$out/pair_vids.txt") | while read -r lon1 lat1 lon2 lat2 s t; do
    t0=$(ms); $bin route "$out/p.sqlite" --from "$lon1,$lat1" --to "$lon2,$lat2" --profile car --metric shortest --no-store --json --max-snap 1 >/dev/null || true; t1=$(ms)
    echo $(( t1 - t0 )) >> "$out/lp_process.ms"
    t0=$(ms); psql -d b -c "SELECT max(agg_cost) FROM pgr_dijkstra('$EDGES', $s, $t, true)" >/dev/null; t1=$(ms)
    echo $(( t1 - t0 )) >> "$out/pg_process.ms"
  done
  # The floor of any logiplan process: loading its shared libraries (GDAL's above all), nothing else.
  : > "$out/lp_start.ms"
  for _ in $(seq 20); do t0=$(ms); $bin --version >/dev/null; t1=$(ms); echo $(( t1 - t0 )) >> "$out/lp_start.ms"; done
  t0=$(ms); $bin matrix "$out/p.sqlite" $(sed 's/^/--from /' "$out/matrix_points.txt") $(sed 's/^/--to /' "$out/matrix_points.txt") \
    --profile car --metric shortest --no-store --json --max-snap 1 >/dev/null; t1=$(ms)
  echo $(( t1 - t0 )) > "$out/lp_matrix_process.ms"
  # pgRouting: in one session (server time per query, \timing), then a psql process per query.
  {
    echo '\timing on'
    while read -r s t; do echo "SELECT coalesce(max(agg_cost) FILTER (WHERE edge = -1), -1) FROM pgr_dijkstra('$EDGES', $s, $t, true);"; done < "$out/pair_vids.txt"
    echo "SELECT count(*), sum(agg_cost) FROM pgr_dijkstraCostMatrix('$EDGES', ARRAY[$(IFS=,; echo "${vids[*]}")]::bigint[], true);"
  } | psql -d b > "$out/pg_session.txt"
  t0=$(ms); psql -d b -c "SELECT count(*) FROM pgr_dijkstraCostMatrix('$EDGES', ARRAY[$(IFS=,; echo "${vids[*]}")]::bigint[], true)" >/dev/null; t1=$(ms)
  echo $(( t1 - t0 )) > "$out/pg_matrix_process.ms"
  $PY scripts/bench_peers.py igraph "$out" > "$out/igraph.json"
  $PY scripts/bench_peers.py report "$out"
done
