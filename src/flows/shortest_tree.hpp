#pragma once
// Shortest-path trees on an assignment network, shared by the all-or-nothing
// loading, the select-link analysis and the skims: a forward star of the links,
// and one origin's Dijkstra tree with the nodes in settling order, so trips can
// be loaded from the leaves up and path attributes accumulated from the root down.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "flows/road_links.hpp"

namespace logiplan::flows {

constexpr std::size_t kNoLink = SIZE_MAX;

// Outgoing links of every node.
struct ForwardStar {
  std::vector<std::size_t> first;  // links of node n: order[first[n] .. first[n+1])
  std::vector<std::size_t> order;
  explicit ForwardStar(const RoadLinks& l);
};

struct ShortestTree {
  const RoadLinks& links;
  const ForwardStar& star;
  std::vector<double> dist;
  std::vector<std::size_t> pred;  // the link into each node on its shortest path; kNoLink at the root or unreached
  std::vector<int> settled;       // nodes in the order they were settled (parents before children)

  ShortestTree(const RoadLinks& l, const ForwardStar& f);
  // Dijkstra from `origin` at `cost` (per link; +infinity: closed). Zone
  // centroids other than the origin end paths and are never passed through.
  void grow(int origin, const std::vector<double>& cost);
  bool reached(int node) const { return dist[static_cast<std::size_t>(node)] < std::numeric_limits<double>::infinity(); }
};

}  // namespace logiplan::flows
