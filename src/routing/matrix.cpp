#include "routing/analyses.hpp"

namespace logiplan::routing {

std::vector<MatrixCell> od_matrix(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                  const std::vector<std::size_t>& destinations, Metric metric, bool keep_paths) {
  const auto& g = ctx.graph();
  std::vector<MatrixCell> cells;
  SearchOptions o;
  o.metric = metric;
  for (auto d : destinations) o.targets.push_back(ctx.place(d).node);
  for (const auto origin : origins) {
    const auto tree = search(g, ctx.place(origin).node, o);
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
      cells.push_back(std::move(c));
    }
  }
  return cells;
}

}  // namespace logiplan::routing
