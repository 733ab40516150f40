// Load time of a stored network (what every analysis pays before it starts),
// with and without edge geometry. Run through scripts/bench-network.sh, which
// builds the project first: LOGIPLAN_BENCH_PROJECT names it.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "network/network_store.hpp"
#include "project/project.hpp"

namespace {
const char* project_path() {
  const char* p = std::getenv("LOGIPLAN_BENCH_PROJECT");
  return p ? p : "bench.sqlite";
}

void BM_LoadNetwork(benchmark::State& state, bool with_geometry) {
  auto project = logiplan::project::Project::open(project_path(), false);
  std::size_t edges = 0;
  for (auto _ : state) {
    const auto net = logiplan::network::load_network(project.db(), "main", with_geometry);
    edges = net.edges.size();
    benchmark::DoNotOptimize(net.edges.data());
  }
  state.counters["edges"] = static_cast<double>(edges);
}
}  // namespace

BENCHMARK_CAPTURE(BM_LoadNetwork, graph_only, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadNetwork, with_geometry, true)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
