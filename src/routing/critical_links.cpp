#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "routing/analyses.hpp"
#include "routing/detour_search.hpp"
#include "routing/parallel_for.hpp"

namespace logiplan::routing {

std::vector<CriticalLink> critical_links(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                         const std::vector<std::size_t>& destinations, Metric metric,
                                         std::optional<std::size_t> max_links) {
  const auto& g = ctx.graph();
  // Base paths, and for each network edge the OD pairs whose path uses it.
  const auto base = od_matrix(ctx, origins, destinations, metric, /*keep_paths=*/true);
  std::map<std::int64_t, std::vector<std::size_t>> users;  // edge -> base cell indices
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::set<std::int64_t> edges;
    for (auto a : base[i].arcs) {
      if (g.arcs()[a].edge >= 0) edges.insert(g.arcs()[a].edge);
    }
    for (auto e : edges) users[e].push_back(i);
  }
  std::vector<std::pair<std::int64_t, std::vector<std::size_t>>> candidates(users.begin(), users.end());
  // Most-used first, so --max-links keeps the edges most pairs depend on.
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  if (max_links && candidates.size() > *max_links) candidates.resize(*max_links);

  // The states of each candidate edge (both directions; the pieces of an edge cut by a place), sorted.
  std::unordered_map<std::int64_t, std::vector<std::size_t>> states_of_edge;
  for (const auto& [edge, cells] : candidates) states_of_edge[edge];
  for (std::size_t a = 0; a < g.arcs().size(); ++a) {
    const auto it = states_of_edge.find(g.arcs()[a].edge);
    if (it != states_of_edge.end()) it->second.push_back(a);
  }
  auto cost = [&](const MatrixCell& c) { return metric == Metric::time ? *c.time_s : *c.length_m; };

  // Every (closure, pair) trip, grouped by the pair's target: each target's costs
  // on the open graph are worked out once and aim every detour search ending
  // there (routing/detour_search). Targets are shared out over the cores; each
  // trip's answer lands in its own slot.
  struct Trip {
    std::size_t link, slot;
  };
  std::map<std::int32_t, std::vector<Trip>> trips_to;  // target node -> trips
  std::vector<std::vector<std::optional<double>>> detour(candidates.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto& cells = candidates[k].second;
    detour[k].resize(cells.size());
    for (std::size_t j = 0; j < cells.size(); ++j) trips_to[ctx.place(base[cells[j]].destination).node].push_back({k, j});
  }
  const std::vector<std::pair<std::int32_t, std::vector<Trip>>> targets(trips_to.begin(), trips_to.end());
  const ReverseMoves reverse(g);
  struct Workspace {
    DetourSearch search;
    std::vector<double> to_target;
  };
  parallel_for_with(
      targets.size(), [&](std::size_t) { return Workspace{DetourSearch(g, &reverse), {}}; },
      [&](std::size_t, std::size_t i, Workspace& w) {
        const auto& [target, trips] = targets[i];
        costs_to(g, reverse, target, metric, w.to_target);
        for (const auto& trip : trips) {
          const auto& cell = base[candidates[trip.link].second[trip.slot]];
          detour[trip.link][trip.slot] = w.search.cost(ctx.place(cell.origin).node, target,
                                                        states_of_edge.at(candidates[trip.link].first), w.to_target, metric);
        }
      });

  std::vector<CriticalLink> out(candidates.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    CriticalLink& link = out[k];
    link.edge = candidates[k].first;
    const auto& cells = candidates[k].second;
    link.pairs_affected = static_cast<int>(cells.size());
    for (std::size_t j = 0; j < cells.size(); ++j) {
      if (!detour[k][j]) ++link.pairs_cut;
      else link.extra += *detour[k][j] - cost(base[cells[j]]);
    }
  }
  // Cut-off pairs first, then the largest summed detour.
  std::sort(out.begin(), out.end(), [](const CriticalLink& a, const CriticalLink& b) {
    if (a.pairs_cut != b.pairs_cut) return a.pairs_cut > b.pairs_cut;
    if (a.extra != b.extra) return a.extra > b.extra;
    return a.edge < b.edge;
  });
  return out;
}

}  // namespace logiplan::routing
