#!/usr/bin/env bash
# Siting benchmark (prints figures; asserts nothing): p-median on pt-porto with
# random road nodes as demand points and candidates (fixed seed), imported as
# features (--force-location: Porto is not in Viet Nam).
#   scripts/bench-siting.sh [EXTRACT]
# Runs: 200 candidates x 2,000 demand points (auto: the heuristic at this size;
# then the exact solve for comparison, 120 s limit), and 1,000 x 10,000 with the
# heuristic. Prints the network-cost matrix's share of the time.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
extract=${1:-../shared/data/osm/pt-porto.osm.pbf}
new_project_with_network "$extract"
/usr/bin/python3 - "$work" <<'PY'
import csv, random, sqlite3, sys
work = sys.argv[1]
db = sqlite3.connect(f"{work}/p.sqlite"); db.enable_load_extension(True); db.load_extension("mod_spatialite")
nodes = [r for r in db.execute("SELECT DISTINCT X(n.geom), Y(n.geom) FROM network_nodes n JOIN network_edges e"
         " ON e.from_node = n.node WHERE e.class IN ('primary','secondary','tertiary','residential') ORDER BY n.node")]
random.seed(20261130)
pick = random.sample(nodes, 11000)
for name, rows in (("cand200", pick[:200]), ("dem2000", pick[200:2200]), ("cand1000", pick[:1000]), ("dem10000", pick[1000:11000])):
    with open(f"{work}/{name}.csv", "w", newline="") as f:
        w = csv.writer(f); w.writerow(["id", "name", "lon", "lat", "weight"])
        for i, (x, y) in enumerate(rows): w.writerow([f"{name}-{i}", f"{name} {i}", x, y, 1 + i % 7])
PY
imp() { $bin --no-progress import "$work/p.sqlite" "$work/$1.csv" --kind "$2" --src-crs wgs84 --force-location >/dev/null; }
imp cand200 logistics_centre; imp dem2000 terminal; imp cand1000 icd; imp dem10000 industrial_park
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" $bin --no-progress siting "$work/p.sqlite" --model pmedian --profile car \
    --weight weight --drop-unreachable --no-store --json "$@" > "$work/out.json"
  /usr/bin/python3 - "$work/out.json" "$work/time" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); wall, kb = open(sys.argv[2]).read().split()[-2:]
dropped = sum(1 for p in r["not_placed"] if "drop-unreachable" in p["reason"])
print(f"{sys.argv[3]}: {len(r['allocation'])} demand points reached ({dropped} no candidate reaches, left out); {r['method']}, objective {r['objective']:.1f}, bound {r['bound']:.1f}, gap {100 * (r['gap'] or 0):.3f} %,"
      f" {'optimal' if r['optimal'] else 'not proven'}; wall {float(wall):.1f} s (matrix {r['matrix_seconds']:.1f} s ="
      f" {100 * r['matrix_seconds'] / float(wall):.0f} %, solve {r['solve_seconds']:.1f} s), peak {int(kb) // 1024} MB")
PY
}
echo "== $(basename "$extract")"
run "200 x 2,000, p=10, auto" --p 10 --demand-kind terminal --candidate-kind logistics_centre
run "200 x 2,000, p=10, exact (CBC, 120 s)" --p 10 --demand-kind terminal --candidate-kind logistics_centre --solver exact --time-limit 120 \
  || echo "  (the exact solve stopped; its message is above)"
run "1,000 x 10,000, p=20, heuristic" --p 20 --demand-kind industrial_park --candidate-kind icd --solver heuristic --time-limit 300
