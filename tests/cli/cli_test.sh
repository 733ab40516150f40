#!/usr/bin/env bash
# CLI tests: every command has --help with an example; exit codes and messages
# for bad input; the demo builds a file ogrinfo can open. Usage: cli_test.sh LOGIPLAN
set -u
BIN="$1"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect CODE "substring" -- command...   (checks exit code and that stdout+stderr contains substring)
expect() {
  local code="$1" want="$2"
  shift 3
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  if [ "$rc" != "$code" ]; then ko "$* -> exit $rc, expected $code; output: $out"; return; fi
  case "$out" in *"$want"*) ok ;; *) ko "$* -> output lacks '$want': $out" ;; esac
}

expect 0 "EXAMPLES" -- "$BIN" --help
for cmd in init import export layers crs demo network route matrix service-area connectivity critical-links scenario tasks siting assign serve; do
  expect 0 "EXAMPLE" -- "$BIN" "$cmd" --help
done
for sub in build check list restrict; do
  expect 0 "EXAMPLE" -- "$BIN" network "$sub" --help
done
expect 0 "logiplan crs transform" -- "$BIN" crs transform --help
expect 2 "" -- "$BIN"
expect 2 "A subcommand is required" -- "$BIN" no-such-command

# A round trip through the commands.
cat > "$T/ports.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"hict","name":"Cảng HICT Lạch Huyện","status":"operating"},"geometry":{"type":"Point","coordinates":[106.90547,20.79833]}},
 {"type":"Feature","properties":{"name":"Bến cảng Tân Vũ","status":"Hiện trạng"},"geometry":{"type":"Point","coordinates":[106.77432,20.83595]}}]}
JSON
expect 0 "schema version 8" -- "$BIN" init "$T/hp.sqlite"
expect 1 "file exists (use --overwrite" -- "$BIN" init "$T/hp.sqlite"
expect 0 "2 added" -- "$BIN" --no-progress import "$T/hp.sqlite" "$T/ports.geojson" --kind terminal
expect 0 "terminal                2" -- "$BIN" layers "$T/hp.sqlite"
expect 0 '"count": 2' -- "$BIN" layers "$T/hp.sqlite" --json
expect 0 "wrote $T/hp.gpkg (GPKG)" -- "$BIN" export "$T/hp.sqlite" "$T/hp.gpkg" --crs vn2000-haiphong
# The independent reader: ogrinfo sees the layer and its CRS.
expect 0 "Feature Count: 2" -- ogrinfo -ro -so "$T/hp.gpkg" sites
expect 0 'ID["EPSG",9210]' -- ogrinfo -ro -so "$T/hp.gpkg" sites
# cs2cs EPSG:4326 EPSG:9210 gives 620093.2154 2301058.6426 for this point.
expect 0 "620093.215" -- "$BIN" crs transform --from wgs84 --to vn2000-haiphong 106.90547,20.79833
expect 0 "vn2000-haiphong" -- "$BIN" crs list

# Bad input: exit 1 for data, 2 for arguments, and the message names the problem.
expect 2 "unknown kind 'harbour'" -- "$BIN" import "$T/hp.sqlite" "$T/ports.geojson" --kind harbour
expect 1 "id 'hict' is already in the project" -- "$BIN" import "$T/hp.sqlite" "$T/ports.geojson" --kind terminal
expect 1 "missing.geojson: no such file" -- "$BIN" import "$T/hp.sqlite" "$T/missing.geojson" --kind terminal
expect 2 "unknown CRS 'mars'" -- "$BIN" export "$T/hp.sqlite" "$T/x.gpkg" --crs mars
expect 2 "--map 'colour=MAU'" -- "$BIN" import "$T/hp.sqlite" "$T/ports.geojson" --kind terminal --map colour=MAU
expect 1 "no such project file" -- "$BIN" layers "$T/none.sqlite"
# Nothing was added by the failed imports.
expect 0 "terminal                2" -- "$BIN" layers "$T/hp.sqlite"

# Networks: build from a line layer, check, bad input.
cat > "$T/roads.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Đường A","class":"primary"},"geometry":{"type":"LineString","coordinates":[[106.70,20.80],[106.71,20.80],[106.72,20.80]]}},
 {"type":"Feature","properties":{"name":"Đường B","class":"primary"},"geometry":{"type":"LineString","coordinates":[[106.71,20.80],[106.71,20.81]]}}]}
JSON
expect 0 "4 nodes, 3 edges" -- "$BIN" --no-progress network build "$T/hp.sqlite" --from "$T/roads.geojson" --mode road
expect 0 "connected components: 1" -- "$BIN" network check "$T/hp.sqlite"
expect 0 '"dangles": 3' -- "$BIN" network check "$T/hp.sqlite" --json
expect 1 "network 'main' exists" -- "$BIN" network build "$T/hp.sqlite" --from "$T/roads.geojson" --mode road
expect 2 "unknown mode 'air'" -- "$BIN" network build "$T/hp.sqlite" --from "$T/roads.geojson" --mode air --overwrite
expect 1 "no network 'other'" -- "$BIN" network check "$T/hp.sqlite" --name other
expect 0 "main" -- "$BIN" network list "$T/hp.sqlite"

# The demo: the README's main job.
expect 0 "total                             54" -- "$BIN" --no-progress demo --out "$T/demo"
expect 0 "components by mode: inland_waterway 1, rail 1, road 1, sea 1" -- "$BIN" --no-progress demo --out "$T/demo"
expect 0 "3: corridors (Multi Line String)" -- ogrinfo -ro "$T/demo/haiphong.sqlite"

# Analyses on the demo project, and their bad input.
P="$T/demo/haiphong.sqlite"
expect 0 "Cầu Tân Vũ – Lạch Huyện" -- "$BIN" route "$P" --from lach-huyen-port --to "Trung tâm logistics Nam Đình Vũ"
expect 0 '"reachable": true' -- "$BIN" route "$P" --from lach-huyen-port --to nam-dinh-vu-logistics-centre --json --no-store
expect 0 "wrote" -- "$BIN" route "$P" --from lach-huyen-port --to nam-dinh-vu-logistics-centre --out "$T/route.gpkg" --no-store
# The GeoPackage carries the layers' QGIS styles (QGIS's layer_styles table).
expect 0 "f_table_name (String) = route_steps" -- ogrinfo -ro -q "$T/route.gpkg" -sql "SELECT f_table_name FROM layer_styles WHERE useAsDefault ORDER BY 1"
expect 0 "Feature Count: 1" -- ogrinfo -ro -so "$T/route.gpkg" route
expect 0 "6 pairs, 0 unreachable" -- "$BIN" matrix "$P" --from-kind seaport --to-kind logistics_centre --no-store
expect 0 "wrote" -- "$BIN" matrix "$P" --from-kind seaport --to-kind logistics_centre --out "$T/od.csv" --no-store
expect 0 "time_min" -- head -1 "$T/od.csv"
expect 0 "within    30 min" -- "$BIN" service-area "$P" --from dinh-vu-port --minutes 30 --no-store
expect 0 "bridges (single points of failure)" -- "$BIN" connectivity "$P" --profile motorbike --no-store
expect 0 "Cầu Tân Vũ – Lạch Huyện" -- "$BIN" critical-links "$P" --no-store
expect 0 "1" -- sqlite3 "$P" "SELECT count(*) FROM analysis_runs WHERE kind = 'route'"
expect 2 "unknown place 'Atlantis'" -- "$BIN" route "$P" --from Atlantis --to lach-huyen-port
expect 2 "is ambiguous" -- "$BIN" route "$P" --from "Lach Huyen" --to dinh-vu-port
expect 1 "too far from the network" -- "$BIN" route "$P" --from huu-nghi-border-gate --to dinh-vu-port
expect 2 "unknown profile 'hovercraft'" -- "$BIN" route "$P" --from lach-huyen-port --to dinh-vu-port --profile hovercraft
expect 2 "--alternatives must be at least 1" -- "$BIN" route "$P" --from lach-huyen-port --to dinh-vu-port --alternatives 0
expect 2 "a cutoff must be a positive time" -- "$BIN" service-area "$P" --from dinh-vu-port --minutes=-5
# Failed analyses record nothing.
expect 0 "1" -- sqlite3 "$P" "SELECT count(*) FROM analysis_runs WHERE kind = 'route'"

# Dedicated lanes and scenarios.
expect 0 "EXAMPLE" -- "$BIN" lanes audit --help
expect 0 "EXAMPLE" -- "$BIN" siting score --help
expect 0 "no path on lanes dedicated to motorbike" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --profile motorbike --lanes strict --no-store
expect 0 "km mixed" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --profile motorbike --lanes prefer --mixed-penalty 3 --no-store
expect 0 "upgrade list" -- "$BIN" lanes audit "$P"
expect 0 "fully separated paths" -- "$BIN" lanes audit "$P" --compare base,port-lanes-2030
expect 0 "audit.gpkg" -- "$BIN" lanes audit "$P" --out "$T/audit.gpkg" --json
expect 0 "Feature Count" -- ogrinfo -ro -so "$T/audit.gpkg" lane_audit_segments
expect 0 "created scenario 'mine'" -- "$BIN" scenario create "$P" mine
expect 1 "scenario 'mine' exists" -- "$BIN" scenario create "$P" mine
expect 1 "no segment with source id 'osm:way/1'" -- "$BIN" scenario set-lanes "$P" mine --source-id osm:way/1 --forward general
expect 2 "unknown lane type 'hovercraft'" -- "$BIN" scenario set-lanes "$P" mine --road "Đường Đình Vũ" --forward "general|hovercraft"
expect 0 "set_lanes" -- "$BIN" scenario set-lanes "$P" mine --road "Duong Dinh Vu" --forward "general|motorcycle"
expect 0 "mine" -- "$BIN" scenario list "$P"
expect 1 "no scenario 'nope'" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --scenario nope
cat > "$T/bad-profile.json" <<'JSON'
{"name": "cart", "vehicle_class": "spaceship", "modes": ["road"], "max_speed_kmh": 10, "lanes": {"may_use": ["general"]}}
JSON
expect 1 "unknown vehicle_class 'spaceship'" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --profile "$T/bad-profile.json"
cat > "$T/bad-lanes.json" <<'JSON'
{"name": "cart", "vehicle_class": "rudimentary", "modes": ["road"], "max_speed_kmh": 10, "lanes": {"may_use": ["general", "horse"]}}
JSON
expect 1 "lanes.may_use: unknown lane type 'horse'" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --profile "$T/bad-lanes.json"
expect 2 "must be at least 1" -- "$BIN" route "$P" --from dinh-vu-port --to nam-dinh-vu-logistics-centre --lanes prefer --mixed-penalty 0.5

# Plan tasks on the demo project ($P has the sample plans from the demo).
for sub in import list show link suggest export; do
  expect 0 "EXAMPLE" -- "$BIN" tasks "$sub" --help
done
expect 0 "ctr-20-tu-2026        56 tasks" -- "$BIN" tasks plans "$P"
expect 0 "7 tasks" -- "$BIN" tasks list "$P" --near lach-huyen-port --within 5 --due-by 2030
expect 0 "start 2026-04-01, end 2029-12-31" -- "$BIN" tasks show "$P" ctr-20-tu-2026:VI.43
expect 0 "(under 3)" -- "$BIN" tasks show "$P" kh-logistics-2026:3.2
expect 1 "no task '9.9' in plan 'kh-logistics-2026'" -- "$BIN" tasks show "$P" kh-logistics-2026:9.9
expect 2 "is not a task: write PLAN:TT" -- "$BIN" tasks show "$P" 3.2
expect 1 "feature 'atlantis' is not in the project" -- "$BIN" tasks link "$P" kh-logistics-2026:3.2 atlantis
expect 2 "unknown link role 'owner'" -- "$BIN" tasks link "$P" kh-logistics-2026:3.2 lach-huyen-port --role owner
expect 0 "linked kh-logistics-2026:1.1 to lach-huyen-port" -- "$BIN" tasks link "$P" kh-logistics-2026:1.1 lach-huyen-port
expect 0 "removed 1 link" -- "$BIN" tasks unlink "$P" kh-logistics-2026:1.1 lach-huyen-port
expect 0 "ftz-site-1" -- "$BIN" tasks suggest "$P" --task kh-logistics-2026:3.2
expect 2 "is not a date or period" -- "$BIN" tasks list "$P" --due-by soon
printf 'STT,Việc,Chủ trì\n1,Khảo sát,Sở Xây dựng\n' > "$T/odd.csv"
expect 1 "no header row naming the TT and task columns" -- "$BIN" tasks import "$P" "$T/odd.csv" --plan odd
expect 0 "plan odd: 1 tasks" -- "$BIN" tasks import "$P" "$T/odd.csv" --plan odd --columns "content=Việc"
printf 'TT,Nhiệm vụ\n1,A\n1,B\n' > "$T/dup.csv"
expect 1 "row 3: TT '1' (task 1) repeats row 2 in plan dup" -- "$BIN" tasks import "$P" "$T/dup.csv" --plan dup
printf 'TT,Nhi\xea\xf2m vu\xf2\n1,C\xe2\xecp\n' > "$T/cp1258.csv"
expect 1 "row 1, column 2: the text is not UTF-8" -- "$BIN" tasks import "$P" "$T/cp1258.csv" --plan cp
expect 0 "plan cp: 1 tasks" -- "$BIN" tasks import "$P" "$T/cp1258.csv" --plan cp --encoding CP1258
expect 0 "plan_task_sites" -- "$BIN" tasks export "$P" "$T/tasks.gpkg"
expect 0 "plan_tasks" -- "$BIN" tasks export "$P" "$T/tasks.xlsx" --plan ctr-20-tu-2026
expect 0 "wrote" -- "$BIN" tasks export "$P" "$T/tasks.csv"
expect 0 "Lạch Huyện" -- head -c 100000 "$T/tasks.csv"

# logiplan serve: the same route over HTTP as from the command; bad requests are 400 with a message;
# SIGTERM stops it with exit 0. The cache files the commands wrote are beside the project.
expect 0 "EXAMPLES" -- "$BIN" serve --help
"$BIN" serve "$P" --port 0 --profile truck --prepare > "$T/serve.out" 2>&1 &
SERVE_PID=$!
for _ in $(seq 50); do grep -q "http://" "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve.out")
if [ -z "$PORT" ]; then ko "serve did not start: $(cat "$T/serve.out")"; else
  url="http://127.0.0.1:$PORT"
  want=$("$BIN" route "$P" --from lach-huyen-port --to nam-dinh-vu-logistics-centre --profile truck --json --no-store |
    /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["routes"][0]["time_s"], 6))')
  got=$(curl -s --noproxy '*' "$url/route?from=lach-huyen-port&to=nam-dinh-vu-logistics-centre" |
    /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["routes"][0]["time_s"], 6))')
  if [ -n "$want" ] && [ "$want" = "$got" ]; then ok; else ko "serve route time $got, route command $want"; fi
  expect 0 '"status":"ok"' -- curl -s --noproxy '*' "$url/health"
  expect 0 '"minutes":[[' -- curl -s --noproxy '*' -d '{"origins": "kind:port", "destinations": "kind:logistics_centre"}' "$url/matrix"
  # --prepare built the hierarchies, so this matrix ran on one: the same minutes as the command's plain search.
  expect 0 "hierarchies of truck ready" -- cat "$T/serve.out"
  want=$(LOGIPLAN_HIERARCHY=off "$BIN" matrix "$P" --from-kind seaport --to-kind logistics_centre --profile truck --json --no-store |
    /usr/bin/python3 -c 'import json,sys; print(round(sum(c["time_s"] or 0 for c in json.load(sys.stdin)["cells"]) / 60, 6))')
  got=$(curl -s --noproxy '*' -d '{"origins": "kind:seaport", "destinations": "kind:logistics_centre"}' "$url/matrix" |
    /usr/bin/python3 -c 'import json,sys; print(round(sum(m or 0 for row in json.load(sys.stdin)["minutes"] for m in row), 6))')
  if [ -n "$want" ] && [ "$want" = "$got" ]; then ok; else ko "serve matrix on the hierarchy: $got min in all, plain matrix command $want"; fi
  expect 0 '{"error":"\"to\" is missing"} 400' -- curl -s --noproxy '*' -w ' %{http_code}' "$url/route?from=lach-huyen-port"
  expect 0 "422" -- curl -s --noproxy '*' -o /dev/null -w '%{http_code}' "$url/route?from=lach-huyen-port&to=0,0"
fi
kill -TERM "$SERVE_PID" 2>/dev/null
wait "$SERVE_PID"
rc=$?
if [ "$rc" = 0 ]; then ok; else ko "serve exited $rc after SIGTERM"; fi
expect 0 "network-v" -- ls "$P-cache"
expect 0 "hierarchy-v" -- ls "$P-cache"

# The QGIS export.
expect 0 "EXAMPLES" -- "$BIN" export-qgis --help
expect 0 "wrote $T/qgis/hp.gpkg and $T/qgis/hp.qgs" -- "$BIN" --no-progress export-qgis "$P" --out "$T/qgis" --name hp --crs utm48n
expect 1 "file exists (use --overwrite" -- "$BIN" --no-progress export-qgis "$P" --out "$T/qgis" --name hp
# Progress as lines for the QGIS plugin and scripts, even with stderr not a terminal.
expect 0 "progress 100 QGIS project" -- "$BIN" --progress-lines export-qgis "$P" --out "$T/qgis-lines"
expect 2 "" -- "$BIN" --no-progress export-qgis "$P" --out "$T/qgis2" --crs nowhere
expect 1 "no analysis run 99999" -- "$BIN" --no-progress export-qgis "$P" --out "$T/qgis3" --runs 99999
expect 0 "./hp.gpkg|layername=sites" -- cat "$T/qgis/hp.qgs"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
