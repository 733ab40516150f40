#!/usr/bin/env bash
# Assignment benchmark (prints figures; asserts nothing):
#  1. the TNTP test networks (tests/data/tntp): iterations and time to relative gaps 1e-4 and 1e-5
#     for bfw, cfw and fw;
#  2. a city network: pt-porto (85k edges) with N zones (random road nodes, imported as features with
#     --force-location: Porto is not in Viet Nam) and random car trips between them (fixed seed),
#     assigned by bfw to 1e-4: time per iteration and peak memory.
#   scripts/bench-assign.sh [EXTRACT] [ZONES] [MAX_TRIPS]   (TNTP=0 skips part 1)
# MAX_TRIPS: each pair gets 0..MAX_TRIPS car trips (default 40, as the Porto figure in the README).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
extract=${1:-../shared/data/osm/pt-porto.osm.pbf}
zones=${2:-100}
max_trips=${3:-40}
[ "${TNTP:-1}" = 0 ] || echo "== TNTP networks (tests/data/tntp)"
for net in $([ "${TNTP:-1}" = 0 ] || echo SiouxFalls Anaheim); do
  for alg in bfw cfw fw; do
    for gap in 1e-4 1e-5; do
      $bin --no-progress assign --tntp tests/data/tntp/${net}_net.tntp tests/data/tntp/${net}_trips.tntp --algorithm $alg \
        --gap $gap --max-iter 5000 --json > "$work/a.json"
      /usr/bin/python3 - "$work/a.json" "$net" "$alg" "$gap" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<11} {sys.argv[3]:<4} gap {sys.argv[4]}: {'converged' if r['converged'] else 'stopped'} after"
      f" {len(r['iterations'])} iterations, {r['seconds']:.2f} s (reached {r['gap']:.2e})")
PY
    done
  done
done
echo "== $(basename "$extract"), $zones zones"
new_project_with_network "$extract"
/usr/bin/python3 - "$work" "$zones" "$max_trips" <<'PY'
import csv, random, sqlite3, sys
work, n, most = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(f"{work}/p.sqlite"); db.enable_load_extension(True); db.load_extension("mod_spatialite")
nodes = [r for r in db.execute("SELECT DISTINCT X(n.geom), Y(n.geom) FROM network_nodes n JOIN network_edges e"
         " ON e.from_node = n.node WHERE e.class IN ('primary','secondary','tertiary') ORDER BY n.node")]
random.seed(20261130)
pick = random.sample(nodes, n)
with open(f"{work}/zones.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "name", "lon", "lat"])
    for i, (x, y) in enumerate(pick): w.writerow([f"z{i}", f"zone {i}", x, y])
with open(f"{work}/od.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["origin", "destination", "trips"])
    for i in range(n):
        for j in range(n):
            if i != j: w.writerow([f"z{i}", f"z{j}", random.randint(0, most)])
PY
$bin --no-progress import "$work/p.sqlite" "$work/zones.csv" --kind industrial_park --src-crs wgs84 --force-location >/dev/null
$bin --no-progress demand import "$work/p.sqlite" "$work/od.csv" --name bench --class car --period peak_hour >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time" $bin --no-progress assign "$work/p.sqlite" --demand bench --gap 1e-4 --max-snap 500 \
  --drop-unreachable --no-store --json > "$work/a.json"
/usr/bin/python3 - "$work/a.json" "$work/time" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); wall, kb = open(sys.argv[2]).read().split()[-2:]
it = len(r["iterations"])
lost = sum(u["vehicles"] for u in r["unreachable_pairs"])
print(f"{len(r['unreachable_pairs'])} pairs ({lost:.0f} trips) have no path (one-way streets at the extract's edge): left out")
print(f"{r['zones']} zones, {r['links']} links, {r['classes'][0]['trips']:.0f} car trips: {'converged' if r['converged'] else 'stopped'}"
      f" after {it} iterations to gap {r['gap']:.2e}; assignment {r['seconds']:.1f} s ({r['seconds'] / it:.2f} s an iteration),"
      f" wall {float(wall):.1f} s, peak {int(kb) // 1024} MB; {r['links_over_capacity']} links over capacity")
PY
