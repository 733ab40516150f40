#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "routing/analyses.hpp"

namespace logiplan::routing {

namespace {
std::vector<std::int64_t> sizes(const std::vector<int>& comp, int count, const std::vector<bool>& used) {
  std::vector<std::int64_t> s(static_cast<std::size_t>(count), 0);
  for (std::size_t v = 0; v < comp.size(); ++v) {
    if (used[v]) ++s[static_cast<std::size_t>(comp[v])];
  }
  s.erase(std::remove(s.begin(), s.end(), 0), s.end());
  std::sort(s.rbegin(), s.rend());
  return s;
}

struct EdgeId {
  std::int64_t piece;
  std::int64_t edge;
};
}  // namespace

Connectivity connectivity(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                          const std::vector<std::size_t>& destinations) {
  const auto& g = ctx.graph();
  const std::size_t n = g.node_count();
  Connectivity r;
  // The network as the profile sees it: usable pieces only (a motorbike does not see the expressway).
  using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                           boost::property<boost::edge_index_t, std::size_t>>;
  using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Undirected ug(n);
  Directed dg(n);
  std::vector<bool> used(n, false);
  // Boost's biconnected_components wants a simple graph: parallel pieces between
  // two nodes become one edge that is never a bridge (the pieces form a cycle).
  std::vector<EdgeId> undirected_edges;
  std::set<std::int32_t> seen_pieces;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> pair_edge;
  for (const auto& a : g.arcs()) {
    boost::add_edge(static_cast<std::size_t>(a.tail), static_cast<std::size_t>(a.head), dg);
    used[static_cast<std::size_t>(a.tail)] = used[static_cast<std::size_t>(a.head)] = true;
    const bool transfer = a.piece < 0;
    if (!transfer && !seen_pieces.insert(a.piece).second) continue;
    if (a.tail == a.head) continue;  // a loop is never a bridge
    const auto u = static_cast<std::size_t>(a.tail), v = static_cast<std::size_t>(a.head);
    const std::pair<std::size_t, std::size_t> key{std::min(u, v), std::max(u, v)};
    if (auto it = pair_edge.find(key); it != pair_edge.end()) {
      undirected_edges[it->second].edge = -1;  // parallel: not a bridge
      continue;
    }
    pair_edge[key] = undirected_edges.size();
    boost::add_edge(key.first, key.second, undirected_edges.size(), ug);
    undirected_edges.push_back({a.piece, a.edge});
  }
  std::vector<int> weak(n), strong(n);
  r.weak_sizes = sizes(weak, static_cast<int>(boost::connected_components(ug, weak.data())), used);
  r.strong_sizes = sizes(strong, static_cast<int>(boost::strong_components(dg, strong.data())), used);

  // Articulation points and bridges: a bridge is a biconnected component of one edge.
  std::vector<std::size_t> component(boost::num_edges(ug));
  auto comp_map = boost::make_iterator_property_map(component.begin(), boost::get(boost::edge_index, ug));
  std::vector<std::size_t> art;
  boost::biconnected_components(ug, comp_map, std::back_inserter(art));
  std::map<std::size_t, std::vector<std::size_t>> edges_in;
  for (auto [it, end] = boost::edges(ug); it != end; ++it) {
    edges_in[component[boost::get(boost::edge_index, ug, *it)]].push_back(boost::get(boost::edge_index, ug, *it));
  }
  std::set<std::int64_t> bridges;
  for (const auto& [c, list] : edges_in) {
    if (list.size() == 1 && undirected_edges[list[0]].edge >= 0) bridges.insert(undirected_edges[list[0]].edge);
  }
  r.bridge_edges.assign(bridges.begin(), bridges.end());
  std::set<std::int64_t> art_nodes;
  for (const auto v : art) {
    if (v < ctx.network().nodes.size()) art_nodes.insert(static_cast<std::int64_t>(v));  // not the anchors
  }
  r.articulation_nodes.assign(art_nodes.begin(), art_nodes.end());

  for (const auto& cell : od_matrix(ctx, origins, destinations, Metric::time)) {
    if (!cell.time_s && cell.origin != cell.destination) r.unreachable.emplace_back(cell.origin, cell.destination);
  }
  return r;
}

}  // namespace logiplan::routing
