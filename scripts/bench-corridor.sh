#!/usr/bin/env bash
# Corridor study benchmark (prints figures; asserts nothing): on a real extract
# (default pt-porto), a corridor between two primary/trunk road nodes about 25 km
# apart in a straight line (about 30 km by road), car profile: define (trace and
# store), profile, resilience (each segment closed in turn, 3 alternatives) and
# the report, each as a process: wall time and peak memory.
#   scripts/bench-corridor.sh [EXTRACT]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
extract=${1:-../shared/data/osm/pt-porto.osm.pbf}
new_project_with_network "$extract"
ends=$(/usr/bin/python3 - "$work/p.sqlite" <<'PY'
import math, random, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.enable_load_extension(True); db.load_extension("mod_spatialite")
nodes = db.execute("SELECT DISTINCT X(n.geom), Y(n.geom) FROM network_nodes n JOIN network_edges e ON e.from_node = n.node"
                   " WHERE e.class IN ('primary', 'trunk') ORDER BY n.node").fetchall()
def km(a, b):
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111.2
random.seed(20261130)
best = min(((a, b) for a, b in (random.sample(nodes, 2) for _ in range(20000))), key=lambda p: abs(km(*p) - 25))
print(f"{best[0][0]!r},{best[0][1]!r} {best[1][0]!r},{best[1][1]!r}")
PY
)
read -r from to <<< "$ends"
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r wall kb < "$work/time"
  printf '%-34s %7.2f s  %5d MB\n' "$label" "$wall" $((kb / 1024))
}
echo "== $(basename "$extract"): corridor $from → $to (car)"
timed "corridor define (trace, store)" $bin --no-progress corridor define "$work/p.sqlite" bench --through "$from" "$to" --profile car
timed "corridor profile" $bin --no-progress corridor profile "$work/p.sqlite" bench --json --no-store
/usr/bin/python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print(f\"  {p['length_km']:.1f} km, {p['minutes']:.1f} min, {len(p['segments'])} segments, {len(p['bottlenecks'])} bottlenecks\")" "$work/out"
timed "corridor resilience (3 alternatives)" $bin --no-progress corridor resilience "$work/p.sqlite" bench --json
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); c=r['closures']; print(f\"  {len(c)} closures, {sum(x['cut'] for x in c)} cut the corridor; worst detour {max([x['extra_minutes'] or 0 for x in c] + [0]):.1f} min\")" "$work/out"
timed "corridor report" $bin --no-progress corridor report "$work/p.sqlite" bench --out "$work/r"
