// Load time of a stored network from its tables, with and without edge
// geometry, and the open through its binary cache that analyses use (nodes and
// restrictions read, edges decoded when read), with every edge then read. Run through scripts/bench-network.sh, which
// builds the project first: LOGIPLAN_BENCH_PROJECT names it.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "cache/network_cache.hpp"
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
    benchmark::DoNotOptimize(net.edges.empty() ? nullptr : &net.edges[0]);
  }
  state.counters["edges"] = static_cast<double>(edges);
}

void BM_OpenCachedNetwork(benchmark::State& state, bool read_every_edge) {
  auto project = logiplan::project::Project::open(project_path(), false);
  logiplan::cache::open_network(project.db(), "main");  // writes the cache when absent
  double length = 0;
  for (auto _ : state) {
    const auto opened = logiplan::cache::open_network(project.db(), "main");
    if (!opened.from_cache) state.SkipWithError(("no cache: " + opened.miss).c_str());
    if (read_every_edge) {
      for (const auto& e : opened.net.edges) length += e.length_m;
    }
    benchmark::DoNotOptimize(length);
  }
}
}  // namespace

BENCHMARK_CAPTURE(BM_LoadNetwork, graph_only, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadNetwork, with_geometry, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpenCachedNetwork, open, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpenCachedNetwork, open_and_read_every_edge, true)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
