#!/usr/bin/env bash
# Builds the QGIS plugin zip (Plugins → Manage and Install Plugins → Install from ZIP):
#   scripts/make-qgis-plugin.sh [OUT.zip]      # default build/logiplan-qgis-plugin.zip
# Or install by copying qgis-plugin/logiplan into the profile's python/plugins folder
# (~/.local/share/QGIS/QGIS3/profiles/default/python/plugins/). The plugin runs the
# logiplan program: set its path in Settings → Options → Processing → Providers → logiplan.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(realpath -m "${1:-build/logiplan-qgis-plugin.zip}")"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
(cd qgis-plugin && find logiplan -name '__pycache__' -prune -o -type f -print | sort | zip -q -X "$OUT" -@)
echo "wrote $OUT ($(unzip -l "$OUT" | tail -1 | awk '{print $2}') files)"
