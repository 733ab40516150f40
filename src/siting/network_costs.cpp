#include "siting/network_costs.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>

#include "siting/problem.hpp"

namespace logiplan::siting {

std::vector<double> network_costs(const routing::AnalysisContext& ctx, const std::vector<std::size_t>& demand_places,
                                  const std::vector<std::size_t>& facility_places, routing::Metric metric,
                                  double cutoff, const Progress& progress) {
  const auto& g = ctx.graph();
  const auto n = demand_places.size(), m = facility_places.size();
  std::vector<double> costs(n * m, kUnreachable);
  routing::SearchOptions base;
  base.metric = metric;
  base.cutoff = cutoff;
  for (const auto d : demand_places) base.targets.push_back(ctx.place(d).node);
  // Facilities are handed out one at a time to each worker; each writes its own column.
  std::atomic<std::size_t> next{0}, done{0};
  auto one = [&](std::size_t j) {
    const auto tree = routing::search(g, ctx.place(facility_places[j]).node, base);
    for (std::size_t i = 0; i < n; ++i) {
      const double c = tree.to_node(g, ctx.place(demand_places[i]).node);
      costs[i * m + j] = c <= cutoff ? c : kUnreachable;
    }
    ++done;
  };
  auto work = [&] {
    for (std::size_t j; (j = next.fetch_add(1)) < m;) one(j);
  };
  const unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), static_cast<unsigned>(m)));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work);
  // The calling thread works too, and reports progress between its searches.
  for (std::size_t j; (j = next.fetch_add(1)) < m;) {
    one(j);
    report(progress, static_cast<double>(done.load()) / static_cast<double>(m), "network costs");
  }
  for (auto& t : pool) t.join();
  return costs;
}

}  // namespace logiplan::siting
