#!/usr/bin/env bash
# Scenario benchmark (prints figures; asserts nothing): `scenario import` of N edits
# (a third set-lanes by OSM way, a third closures by edge id, a third new links
# between random nodes) on a real extract, then one route with --scenario.
#   scripts/bench-scenario.sh [EXTRACT] [N]     (default: pt-porto, 4000 edits)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
extract=${1:-../shared/data/osm/pt-porto.osm.pbf}
edits=${2:-4000}
new_project_with_network "$extract"
/usr/bin/python3 - "$work/p.sqlite" "$edits" "$work/scenario.json" <<'PY'
import json, random, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.enable_load_extension(True); db.load_extension("mod_spatialite")
n = int(sys.argv[2])
edges = [r for r in db.execute("SELECT edge, source_id FROM network_edges WHERE source_id LIKE 'osm:way/%' ORDER BY edge")]
nodes = [r for r in db.execute("SELECT X(geom), Y(geom) FROM network_nodes ORDER BY node")]
random.seed(20261130)
out = []
for i in range(n):
    k = i % 3
    if k == 0:
        out.append({"kind": "set_lanes", "source_id": random.choice(edges)[1], "lanes_forward": "general|motorcycle"})
    elif k == 1:
        out.append({"kind": "close_link", "edge": random.choice(edges)[0]})
    else:
        a, b = random.sample(nodes, 2)
        out.append({"kind": "add_link", "name": f"link {i}", "class": "secondary", "geometry": [list(a), list(b)]})
json.dump({"name": "bench", "network": "main", "edits": out}, open(sys.argv[3], "w"))
PY
echo "== $(basename "$extract"): $edits edits"
/usr/bin/time -f "scenario import: wall %e s, peak memory %M KB" $bin scenario import "$work/p.sqlite" "$work/scenario.json"
read -r a b < <(/usr/bin/python3 -c "
import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.enable_load_extension(True); db.load_extension('mod_spatialite')
r=db.execute('SELECT X(geom), Y(geom) FROM network_nodes ORDER BY node LIMIT 2 OFFSET 100').fetchall(); print(f'{r[0][0]},{r[0][1]} {r[1][0]},{r[1][1]}')" "$work/p.sqlite")
/usr/bin/time -f "route with the scenario applied: wall %e s, peak memory %M KB" \
  $bin route "$work/p.sqlite" --from "$a" --to "$b" --scenario bench --profile car --no-store >/dev/null || true
