#!/usr/bin/env bash
# Fuzzes logiplan's readers with libFuzzer (clang, ASan + UBSan): the task-table
# reader, the timeline parser, OSM tags and lanes, profile JSON, scenario JSON,
# the feature import and the siting cost table. The seed corpus is made from the repository's samples.
#   scripts/fuzz.sh [SECONDS_EACH] [BUILD_DIR]    (default 300 s each, build-asan)
# FUZZ_SEED=N fixes libFuzzer's seed (CI uses 1, so its short run is repeatable);
# unset, each run explores from a new random seed.
# A crash leaves its input in BUILD_DIR/fuzz/crashes/; make it a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
build=${2:-build-asan}
if [ ! -x "$build/tests/fuzz/fuzz_timeline" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DLOGIPLAN_SANITIZE=ON \
    -DLOGIPLAN_FUZZ=ON -DLOGIPLAN_TESTS=ON >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
work="$build/fuzz"
rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/crashes"
/usr/bin/python3 - "$work/corpus" <<'PY'
import csv, glob, json, os, sys
out = sys.argv[1]
def put(h, name, data):
    os.makedirs(f"{out}/{h}", exist_ok=True)
    with open(f"{out}/{h}/{name}", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
n = 0
for path in sorted(glob.glob("samples/plans/*.csv")):
    put("task_table", os.path.basename(path), open(path, "rb").read())
    for row in csv.reader(open(path, encoding="utf-8")):
        for cell in row:
            if 0 < len(cell) < 60:
                n += 1
                put("timeline", f"cell{n}", cell)
for path in sorted(glob.glob("networks/profiles/*.json")):
    put("profile", os.path.basename(path), open(path, "rb").read())
put("scenario", "sample.json", open("samples/haiphong/scenario-port-lanes-2030.json", "rb").read())
put("scenario", "edits.json", json.dumps({"name": "s", "network": "main", "edits": [
    {"kind": "set_lanes", "edge": 0, "lanes_forward": "general|motorcycle"},
    {"kind": "close_link", "source_id": "fuzz:1"},
    {"kind": "add_link", "name": "Mới", "class": "primary", "geometry": [[106.70, 20.80], [106.72, 20.82]]},
    {"kind": "set_lanes", "target_name": "duong a", "lanes_backward": "rudimentary"}]}))
for i, tags in enumerate([
        "highway=primary\nlanes=4\nlanes:forward=2\nlanes:backward=2\nmaxspeed=60",
        "highway=trunk\noneway=yes\nlanes=3\nmotorcycle:lanes=no|no|designated\nmaxspeed=80 mph",
        "highway=secondary\noneway=-1\ncycleway:right=lane\nhgv=no\nmaxweight=10 t",
        "highway=primary\naccess:lanes:forward=yes|no\nbus:lanes:forward=|designated\nmaxheight=4.2",
        "highway=motorway\nlanes=2\nhgv:lanes=designated|yes\nmaxspeed:forward=100\nmaxspeed:backward=90",
        "general|hgv|motorcycle|rudimentary|bus|bicycle"]):
    put("osm_tags", f"tags{i}", tags)
for path in ("samples/haiphong/sites.geojson", "samples/haiphong/areas.geojson"):
    put("feature_import", os.path.basename(path), b"\x00" + open(path, "rb").read())
put("cost_table", "costs.csv", "demand,candidate,cost\nA,X,10\nA,Y,unreachable\nB,X,5\nB,Y,\"2,5\"\n")
put("cost_table", "ragged.csv", "demand,candidate,cost,extra\nA,X,1\nA,Y,-2,z\nB,X\n")
put("feature_import", "sites.csv", b"\x01" + "name,lon,lat,status,capacity\nCảng A,106.9,20.8,Hiện trạng,\"1,5\"\nB,106.91,20.81,planned,2\n".encode())
PY
# Inputs that once crashed a harness stay in its seed corpus: each run replays them first.
for d in tests/fuzz/regressions/*/; do cp "$d"* "$work/corpus/$(basename "$d")/"; done
status=0
for h in timeline task_table osm_tags profile scenario feature_import cost_table; do
  # Corpus files are seeds only: new inputs go to a scratch folder, crashes to crashes/.
  rm -rf "$work/new-$h"; mkdir -p "$work/new-$h"
  log="$work/$h.log"
  if "$build/tests/fuzz/fuzz_$h" "$work/new-$h" "$work/corpus/$h" -max_total_time="$seconds" -max_len=65536 \
       -timeout=30 -rss_limit_mb=4096 -seed="${FUZZ_SEED:-0}" -print_final_stats=1 -artifact_prefix="$work/crashes/$h-" >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $h: ${seconds} s, ${runs} inputs, no crash"
  else
    echo "fuzz $h: CRASH (input in $work/crashes/$h-*; log $log)"
    grep -m5 -E 'ERROR|runtime error|terminate|SUMMARY' "$log" || true
    status=1
  fi
done
exit $status
