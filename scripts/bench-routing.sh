#!/usr/bin/env bash
# Routing benchmark (prints figures; asserts nothing) on real extracts from
# ../shared/data/osm: one-to-one median over 1,000 pairs, a 100 x 100 matrix, a
# service area and critical links among 20 places.
#   scripts/bench-routing.sh [EXTRACT ...]   (default: pt-porto and the Hà Nội extract)
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
  build-bench/benchmarks/routing_bench "$work/p.sqlite" car
done
