#!/usr/bin/env bash
# Lane-audit benchmark (prints figures; asserts nothing): 20 origins x 20 destinations x 3 vehicle
# classes (motorbike, rudimentary, container_truck) at random road nodes of real extracts.
#   scripts/bench-lanes.sh [EXTRACT ...]   (default: pt-porto and the Hà Nội extract)
set -euo pipefail
cd "$(dirname "$0")/.."
extracts=("$@")
[ ${#extracts[@]} -gt 0 ] || extracts=(../shared/data/osm/pt-porto.osm.pbf ../shared/data/osm/vn-hanoi-inner-drive-2025.osm.pbf)
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLOGIPLAN_TESTS=OFF -DLOGIPLAN_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for x in "${extracts[@]}"; do
  echo "== $(basename "$x")"
  build-bench/src/logiplan init "$work/p.sqlite" --overwrite >/dev/null
  build-bench/src/logiplan --no-progress network build "$work/p.sqlite" --from "$x" >/dev/null
  # 40 random nodes on primary/secondary/tertiary roads (fixed seed), as lon,lat places.
  mapfile -t places < <(/usr/bin/python3 - "$work/p.sqlite" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.enable_load_extension(True); db.load_extension("mod_spatialite")
nodes = [r for r in db.execute("SELECT DISTINCT n.node, X(n.geom), Y(n.geom) FROM network_nodes n JOIN network_edges e"
         " ON e.from_node = n.node WHERE e.class IN ('primary','secondary','tertiary') ORDER BY n.node")]
random.seed(20261123)
for _, x, y in random.sample(nodes, 40): print(f"{x!r},{y!r}")
PY
)
  args=()
  for p in "${places[@]:0:20}"; do args+=(--from "$p"); done
  for p in "${places[@]:20:20}"; do args+=(--to "$p"); done
  /usr/bin/time -f "lanes audit 20 x 20 x 3: wall %e s, peak memory %M KB" \
    build-bench/src/logiplan lanes audit "$work/p.sqlite" "${args[@]}" --json > "$work/audit.json"
  /usr/bin/python3 -c "import json,sys; a=json.load(open(sys.argv[1])); print(f\"  {len(a['pairs'])} paths, {a['fully_separated']} fully separated, {a['mixed_km']:.1f} km mixed, {len(a['segments'])} mixed segments\")" "$work/audit.json"
done
