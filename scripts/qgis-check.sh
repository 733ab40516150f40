#!/usr/bin/env bash
# Opens the exported Hải Phòng sample in real QGIS, headless, and checks it
# (scripts/qgis_check.py): every layer valid, non-empty, in its group, styled;
# the map rendered to BUILD/qgis-check/haiphong-map.png (kept by CI); the map
# sheets (print layouts) rendered to PDF by QGIS and checked (scripts/sheet_check.py),
# in Vietnamese and English. Then the
# Processing provider (qgis-plugin/, installed from its zip) in headless QGIS
# against the CLI (scripts/qgis_provider_check.py).
#   scripts/qgis-check.sh [BUILD]          # default build/
#   UPDATE_DOCS=1 scripts/qgis-check.sh    # also refresh docs/sheet-overview.png and sheet-lane-audit.png for the README
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
scripts/setup.sh --qgis
B="$BUILD/src/logiplan"
[ -x "$B" ] || { echo "qgis-check: build first ($B missing)" >&2; exit 1; }
OUT="$BUILD/qgis-check"
rm -rf "$OUT" && mkdir -p "$OUT"
"$B" --no-progress demo --out "$OUT/demo" > "$OUT/demo.log"
P="$OUT/demo/haiphong.sqlite"
# One run of each analysis the export styles, so the Analyses group is checked too.
"$B" route "$P" --from lach-huyen-port --to nam-dinh-vu-logistics-centre > /dev/null
"$B" service-area "$P" --from dinh-vu-port --minutes 30 > /dev/null
"$B" critical-links "$P" --from kind:seaport --to kind:logistics_centre > /dev/null
"$B" lanes audit "$P" > /dev/null
"$B" matrix "$P" --from kind:seaport --to kind:logistics_centre > /dev/null
"$B" connectivity "$P" > /dev/null
# Provinces under the model, when ../shared is beside the repository (public domain, geoBoundaries).
CONTEXT=../shared/data/raw/geoboundaries-vnm-adm1/geoBoundaries-VNM-ADM1_simplified.geojson
context=() && [ -f "$CONTEXT" ] && context=(--context "$CONTEXT")
"$B" --no-progress export-qgis "$P" --out "$OUT/export" --name haiphong --crs vn2000-haiphong --overwrite --pdf \
  "${context[@]}" | tee "$OUT/export.log"
if grep -q '^skipped' "$OUT/export.log"; then echo "qgis-check: export-qgis skipped a layer (no style)" >&2; exit 1; fi
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$OUT/xdg"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
/usr/bin/python3 scripts/qgis_check.py "$OUT/export/haiphong.qgs" "$OUT/haiphong-map.png"
# The sheets as PDF, looked at as a person would (pdftoppm, pdftotext); and in English.
docs=() && [ "${UPDATE_DOCS:-0}" = 1 ] && docs=(--docs docs)
/usr/bin/python3 scripts/sheet_check.py "$OUT/export" haiphong ${context:+--context} "${docs[@]}"
"$B" --no-progress export-qgis "$P" --out "$OUT/export-en" --name haiphong --crs vn2000-haiphong --lang en --pdf > /dev/null
/usr/bin/python3 scripts/sheet_check.py "$OUT/export-en" haiphong --lang en
# The Processing provider, installed from the zip a user would get, against the CLI.
scripts/make-qgis-plugin.sh "$OUT/logiplan-qgis-plugin.zip"
mkdir -p "$OUT/plugins" && unzip -q -o "$OUT/logiplan-qgis-plugin.zip" -d "$OUT/plugins"
OSM=../shared/data/osm/vn-hanoi-inner-drive-2025.osm.pbf  # a build long enough to cancel midway, when present
LOGIPLAN_PLUGIN_PARENT="$OUT/plugins" /usr/bin/python3 scripts/qgis_provider_check.py "$B" "$P" "$OSM"
