#include <algorithm>

#include "routing/analyses.hpp"
#include "routing/parallel_for.hpp"

namespace logiplan::routing {

std::vector<MatrixCell> od_matrix(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                  const std::vector<std::size_t>& destinations, Metric metric, bool keep_paths) {
  // Costs only: the contraction hierarchy, when there is one for this network and profile.
  if (!keep_paths) {
    if (const auto h = ctx.hierarchy(metric, std::min(origins.size(), destinations.size()))) {
      std::vector<Endpoint> from, to;
      for (auto o : origins) from.push_back(ctx.endpoint(o, metric, true));
      for (auto d : destinations) to.push_back(ctx.endpoint(d, metric, false));
      const auto costs = hierarchy_matrix(*h, ctx.graph().base(), from, to);
      std::vector<MatrixCell> cells;
      cells.reserve(costs.size());
      for (std::size_t i = 0; i < origins.size(); ++i) {
        for (std::size_t j = 0; j < destinations.size(); ++j) {
          MatrixCell c{origins[i], destinations[j], std::nullopt, std::nullopt, {}};
          if (const auto& k = costs[i * destinations.size() + j]) c.time_s = k->time_s, c.length_m = k->length_m;
          cells.push_back(std::move(c));
        }
      }
      return cells;
    }
  }
  const auto& g = ctx.graph();
  SearchOptions o;
  o.metric = metric;
  for (auto d : destinations) o.targets.push_back(ctx.place(d).node);
  // One search per origin, the origins shared out over the cores (the graph is
  // read-only during searches); rows land in their origin's slot, so the order
  // does not depend on the threads.
  std::vector<std::vector<MatrixCell>> rows(origins.size());
  parallel_for(origins.size(), [&](std::size_t i) {
    const auto origin = origins[i];
    const auto tree = search(g, ctx.place(origin).node, o);
    auto& row = rows[i];
    for (const auto dest : destinations) {
      MatrixCell c{origin, dest, std::nullopt, std::nullopt, {}};
      const auto target = ctx.place(dest).node;
      if (tree.reached(g, target)) {
        auto arcs = path_arcs(g, tree, target);
        double t = 0, l = 0;
        for (auto a : arcs) t += g.arcs()[a].time_s, l += g.arcs()[a].length_m;
        c.time_s = t;
        c.length_m = l;
        if (keep_paths) c.arcs = std::move(arcs);
      }
      row.push_back(std::move(c));
    }
  });
  std::vector<MatrixCell> cells;
  cells.reserve(origins.size() * destinations.size());
  for (auto& row : rows) std::move(row.begin(), row.end(), std::back_inserter(cells));
  return cells;
}

}  // namespace logiplan::routing
