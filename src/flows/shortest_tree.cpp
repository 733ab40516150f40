#include "flows/shortest_tree.hpp"

#include <algorithm>
#include <functional>
#include <queue>

namespace logiplan::flows {

ForwardStar::ForwardStar(const RoadLinks& l) : first(static_cast<std::size_t>(l.nodes) + 1, 0), order(l.size()) {
  for (const int f : l.from) ++first[static_cast<std::size_t>(f) + 1];
  for (std::size_t n = 0; n < static_cast<std::size_t>(l.nodes); ++n) first[n + 1] += first[n];
  std::vector<std::size_t> at(first.begin(), first.end() - 1);
  for (std::size_t a = 0; a < l.size(); ++a) order[at[static_cast<std::size_t>(l.from[a])]++] = a;
}

ShortestTree::ShortestTree(const RoadLinks& l, const ForwardStar& f)
    : links(l), star(f), dist(static_cast<std::size_t>(l.nodes)), pred(static_cast<std::size_t>(l.nodes)) {}

void ShortestTree::grow(int origin, const std::vector<double>& cost) {
  std::fill(dist.begin(), dist.end(), std::numeric_limits<double>::infinity());
  std::fill(pred.begin(), pred.end(), kNoLink);
  settled.clear();
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist[static_cast<std::size_t>(origin)] = 0;
  heap.push({0.0, origin});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    const auto uu = static_cast<std::size_t>(u);
    if (d > dist[uu]) continue;
    settled.push_back(u);
    if (u != origin && u < links.first_thru_node) continue;  // a centroid is an end, never a way through
    for (std::size_t k = star.first[uu]; k < star.first[uu + 1]; ++k) {
      const auto a = star.order[k];
      const auto v = static_cast<std::size_t>(links.to[a]);
      const double nd = d + cost[a];
      if (nd < dist[v]) dist[v] = nd, pred[v] = a, heap.push({nd, links.to[a]});
    }
  }
}

}  // namespace logiplan::flows
