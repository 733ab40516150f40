#!/usr/bin/env bash
# Network benchmark (prints figures; asserts nothing): build time and peak memory
# of `logiplan network build` on an OSM extract, then the load time of the stored
# network. Default extract: the largest in ../shared/data/osm, pt-porto.osm.pbf.
#   scripts/bench-network.sh [EXTRACT.osm.pbf]
set -euo pipefail
cd "$(dirname "$0")/.."
extract="${1:-../shared/data/osm/pt-porto.osm.pbf}"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLOGIPLAN_TESTS=OFF -DLOGIPLAN_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build-bench/src/logiplan init "$work/bench.sqlite" >/dev/null
echo "== network build: $extract ($(du -h "$extract" | cut -f1))"
/usr/bin/time -f "wall %e s, peak memory %M KB" build-bench/src/logiplan --no-progress network build "$work/bench.sqlite" --from "$extract"
echo "== load of the stored network ($(du -h "$work/bench.sqlite" | cut -f1) project file)"
LOGIPLAN_BENCH_PROJECT="$work/bench.sqlite" build-bench/benchmarks/network_load_bench --benchmark_min_time=1
