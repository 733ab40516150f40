#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "routing/analyses.hpp"
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

  std::map<std::int64_t, std::vector<std::size_t>> states_of_edge;
  for (std::size_t a = 0; a < g.arcs().size(); ++a) {
    if (g.arcs()[a].edge >= 0) states_of_edge[g.arcs()[a].edge].push_back(a);
  }
  auto cost = [&](const MatrixCell& c) { return metric == Metric::time ? *c.time_s : *c.length_m; };

  // Each closure is searched on its own, the links shared out over the cores;
  // each result lands in its link's slot.
  std::vector<CriticalLink> out(candidates.size());
  parallel_for(candidates.size(), [&](std::size_t k) {
    const std::int64_t edge = candidates[k].first;
    const auto& cells = candidates[k].second;
    CriticalLink& link = out[k];
    link.edge = edge;
    link.pairs_affected = static_cast<int>(cells.size());
    const auto& states = states_of_edge.at(edge);
    const std::unordered_set<std::size_t> closed(states.begin(), states.end());
    // Re-run only the affected origins, each to its affected destinations.
    std::map<std::size_t, std::vector<std::size_t>> by_origin;
    for (auto i : cells) by_origin[base[i].origin].push_back(i);
    for (const auto& [origin, list] : by_origin) {
      SearchOptions o;
      o.metric = metric;
      o.banned_states = &closed;
      for (auto i : list) o.targets.push_back(ctx.place(base[i].destination).node);
      const auto tree = search(g, ctx.place(origin).node, o);
      for (auto i : list) {
        const auto target = ctx.place(base[i].destination).node;
        if (!tree.reached(g, target)) {
          ++link.pairs_cut;
          continue;
        }
        link.extra += tree.to_node(g, target) - cost(base[i]);
      }
    }
  });
  // Cut-off pairs first, then the largest summed detour.
  std::sort(out.begin(), out.end(), [](const CriticalLink& a, const CriticalLink& b) {
    if (a.pairs_cut != b.pairs_cut) return a.pairs_cut > b.pairs_cut;
    if (a.extra != b.extra) return a.extra > b.extra;
    return a.edge < b.edge;
  });
  return out;
}

}  // namespace logiplan::routing
