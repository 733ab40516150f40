# Sourced by the bench-*.sh scripts: a Release build in build-bench/ (with the
# Google Benchmark programs), a scratch folder $work removed on exit, and
# $bin, the logiplan binary. Usage: source "$(dirname "$0")/bench-lib.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLOGIPLAN_TESTS=OFF -DLOGIPLAN_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=build-bench/src/logiplan
# A fresh project at $work/p.sqlite with the network of the extract $1.
new_project_with_network() {
  $bin init "$work/p.sqlite" --overwrite >/dev/null
  $bin --no-progress network build "$work/p.sqlite" --from "$1" >/dev/null
}
