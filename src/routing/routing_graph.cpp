#include "routing/routing_graph.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "geom/measure.hpp"

namespace logiplan::routing {

std::uint64_t move_key(std::size_t a, std::size_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

double state_cost(const RoutingGraph& g, std::size_t state, Metric metric) {
  if (!g.is_arc_state(state)) return 0;
  const auto& a = g.arcs()[state];
  return metric == Metric::time ? a.cost_time : a.cost_length;
}

LaneOptions parse_lane_options(const std::string& mode, double mixed_penalty) {
  LaneOptions o;
  if (mode == "ignore") o.mode = LaneMode::ignore;
  else if (mode == "strict") o.mode = LaneMode::strict;
  else if (mode == "prefer") o.mode = LaneMode::prefer;
  else throw UsageError(fmt::format("--lanes '{}': use strict, prefer or ignore", mode));
  if (!(mixed_penalty >= 1.0)) throw UsageError(fmt::format("--mixed-penalty {}: must be at least 1", mixed_penalty));
  o.mixed_penalty = o.mode == LaneMode::prefer ? mixed_penalty : 1.0;
  return o;
}

namespace {

// Cumulative fraction of a polyline's length at each vertex (geodesic segments).
std::vector<double> vertex_fractions(const std::vector<network::LonLat>& g) {
  std::vector<double> cum{0};
  for (std::size_t i = 1; i < g.size(); ++i) {
    OGRLineString seg;
    seg.addPoint(g[i - 1].lon, g[i - 1].lat);
    seg.addPoint(g[i].lon, g[i].lat);
    cum.push_back(cum.back() + geom::geodesic_length_m(seg));
  }
  const double total = cum.back();
  for (auto& c : cum) c = total > 0 ? c / total : 0;
  return cum;
}

network::LonLat point_at(const std::vector<network::LonLat>& g, const std::vector<double>& cum, double f) {
  for (std::size_t i = 1; i < g.size(); ++i) {
    if (f <= cum[i] || i + 1 == g.size()) {
      const double span = cum[i] - cum[i - 1];
      const double t = span > 0 ? std::clamp((f - cum[i - 1]) / span, 0.0, 1.0) : 0;
      return {g[i - 1].lon + t * (g[i].lon - g[i - 1].lon), g[i - 1].lat + t * (g[i].lat - g[i - 1].lat)};
    }
  }
  return g.back();
}

struct Stop {};

template <class Graph>
struct StopVisitor : boost::default_dijkstra_visitor {
  const std::vector<double>* dist;
  std::unordered_set<std::size_t>* remaining;
  double cutoff;
  void examine_vertex(std::size_t v, const Graph&) const {
    if ((*dist)[v] > cutoff) throw Stop{};
    if (remaining && !remaining->empty()) {
      remaining->erase(v);
      if (remaining->empty()) throw Stop{};
    }
  }
};

}  // namespace

RoutingGraph::RoutingGraph(const network::Network& net, const Profile& profile, const std::vector<Anchor>& anchors,
                           const std::vector<Transfer>& transfers, LaneOptions lanes)
    : net_(&net), profile_(&profile), lanes_(lanes) {
  for (const auto& n : net.nodes) nodes_.push_back(n.position);

  // Cut points per edge: the anchors on it, as graph nodes.
  std::map<std::int64_t, std::vector<std::pair<double, std::size_t>>> cuts;
  anchor_nodes_.assign(anchors.size(), -1);
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const auto& a = anchors[i];
    const auto& e = net.edges.at(static_cast<std::size_t>(a.edge));
    if (a.fraction <= 1e-9) anchor_nodes_[i] = static_cast<std::int32_t>(e.from);
    else if (a.fraction >= 1 - 1e-9) anchor_nodes_[i] = static_cast<std::int32_t>(e.to);
    else cuts[a.edge].emplace_back(a.fraction, i);
  }

  std::int32_t piece_no = 0;
  std::vector<std::vector<std::size_t>> pieces_of_edge(net.edges.size());  // arc indices per edge, both directions
  for (std::size_t ei = 0; ei < net.edges.size(); ++ei) {
    const network::Edge& e = net.edges[ei];
    const bool fwd = profile.may_travel(e, true);
    const bool bwd = profile.may_travel(e, false);
    // Points along the edge: its ends and its anchors (anchors keep their node even on unusable edges).
    std::vector<std::pair<double, std::int32_t>> points{{0.0, static_cast<std::int32_t>(e.from)}};
    if (auto it = cuts.find(static_cast<std::int64_t>(ei)); it != cuts.end()) {
      auto list = it->second;
      std::sort(list.begin(), list.end());
      std::vector<double> cum = vertex_fractions(e.geometry);
      for (const auto& [f, anchor] : list) {
        if (std::abs(f - points.back().first) < 1e-12) {
          anchor_nodes_[anchor] = points.back().second;
          continue;
        }
        nodes_.push_back(point_at(e.geometry, cum, f));
        points.emplace_back(f, static_cast<std::int32_t>(nodes_.size() - 1));
        anchor_nodes_[anchor] = points.back().second;
      }
    }
    points.emplace_back(1.0, static_cast<std::int32_t>(e.to));
    if (!fwd && !bwd) continue;
    for (std::size_t k = 1; k < points.size(); ++k) {
      const double lo = points[k - 1].first, hi = points[k].first;
      const double len = (hi - lo) * e.length_m;
      for (const bool forward : {true, false}) {
        if (forward ? !fwd : !bwd) continue;
        Arc a;
        a.tail = forward ? points[k - 1].second : points[k].second;
        a.head = forward ? points[k].second : points[k - 1].second;
        a.edge = static_cast<std::int64_t>(ei);
        a.forward = forward;
        a.lo = lo;
        a.hi = hi;
        a.length_m = len;
        a.time_s = len / (profile.speed_kmh(e, forward) / 3.6);
        a.piece = piece_no;
        a.mode = e.mode;
        if (e.mode == network::Mode::road) {
          const auto& uses = (forward ? e.forward : e.backward).lanes.uses;
          a.dedicated = std::any_of(uses.begin(), uses.end(), [&](network::LaneUse u) { return profile.dedicated.count(u) > 0; });
        }
        if (lanes.mode == LaneMode::strict && !a.dedicated) continue;
        const double factor = a.dedicated ? 1.0 : lanes.mixed_penalty;
        a.cost_time = a.time_s * factor;
        a.cost_length = a.length_m * factor;
        pieces_of_edge[ei].push_back(arcs_.size());
        arcs_.push_back(a);
      }
      ++piece_no;
    }
  }
  for (const auto& t : transfers) {
    const auto na = anchor_nodes_.at(t.anchor_a), nb = anchor_nodes_.at(t.anchor_b);
    for (const auto& [from, to] : {std::pair{na, nb}, std::pair{nb, na}}) {
      Arc a;
      a.tail = from;
      a.head = to;
      a.time_s = a.cost_time = t.seconds;
      arcs_.push_back(a);
    }
  }

  // Turns: every arc into a node may continue on every arc out of it, except a
  // U-turn onto the same piece (allowed at dead ends) and restricted turns.
  const std::size_t A = arcs_.size(), N = nodes_.size();
  std::vector<std::vector<std::size_t>> in(N), out(N);
  std::vector<std::set<std::int32_t>> pieces_at(N);
  for (std::size_t i = 0; i < A; ++i) {
    in[static_cast<std::size_t>(arcs_[i].head)].push_back(i);
    out[static_cast<std::size_t>(arcs_[i].tail)].push_back(i);
    if (arcs_[i].piece >= 0) {
      pieces_at[static_cast<std::size_t>(arcs_[i].head)].insert(arcs_[i].piece);
      pieces_at[static_cast<std::size_t>(arcs_[i].tail)].insert(arcs_[i].piece);
    }
  }
  std::unordered_set<std::uint64_t> banned;
  std::unordered_map<std::size_t, std::unordered_set<std::size_t>> only;
  for (const auto& r : net.restrictions) {
    if (!profile.bound_by(r)) continue;
    const auto via = static_cast<std::int32_t>(r.via_node);
    std::vector<std::size_t> from_arcs, to_arcs;
    for (auto a : pieces_of_edge[static_cast<std::size_t>(r.from_edge)]) {
      if (arcs_[a].head == via) from_arcs.push_back(a);
    }
    for (auto a : pieces_of_edge[static_cast<std::size_t>(r.to_edge)]) {
      if (arcs_[a].tail == via) to_arcs.push_back(a);
    }
    for (auto fa : from_arcs) {
      for (auto ta : to_arcs) {
        if (r.is_only()) only[fa].insert(ta);
        else banned.insert(move_key(fa, ta));
      }
    }
  }

  std::vector<std::pair<std::size_t, std::size_t>> edges;
  std::vector<StateEdge> props;
  for (std::size_t v = 0; v < N; ++v) {
    const bool dead_end = pieces_at[v].size() <= 1;
    for (auto a : in[v]) {
      edges.emplace_back(a, A + v);  // arrive
      props.push_back({0, 0});
      const auto only_it = only.find(a);
      for (auto b : out[v]) {
        const bool u_turn = arcs_[a].piece >= 0 && arcs_[a].piece == arcs_[b].piece;
        if (u_turn && !dead_end) continue;
        if (banned.count(move_key(a, b))) continue;
        if (only_it != only.end() && !only_it->second.count(b)) continue;
        edges.emplace_back(a, b);
        props.push_back({arcs_[b].cost_time, arcs_[b].cost_length});
      }
    }
    for (auto b : out[v]) {
      edges.emplace_back(A + N + v, b);  // leave
      props.push_back({arcs_[b].cost_time, arcs_[b].cost_length});
    }
  }
  states_ = StateGraph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(), A + 2 * N);
}

std::vector<network::LonLat> RoutingGraph::arc_geometry(std::size_t arc) const {
  const Arc& a = arcs_.at(arc);
  if (a.edge < 0) return {nodes_[static_cast<std::size_t>(a.tail)], nodes_[static_cast<std::size_t>(a.head)]};
  const auto& g = net_->edges[static_cast<std::size_t>(a.edge)].geometry;
  std::vector<network::LonLat> out;
  if (a.lo <= 0 && a.hi >= 1) {
    out = g;
  } else {
    const auto cum = vertex_fractions(g);
    out.push_back(point_at(g, cum, a.lo));
    for (std::size_t i = 1; i + 1 < g.size(); ++i) {
      if (cum[i] > a.lo && cum[i] < a.hi) out.push_back(g[i]);
    }
    out.push_back(point_at(g, cum, a.hi));
  }
  if (!a.forward) std::reverse(out.begin(), out.end());
  return out;
}

namespace {
template <class Graph>
void run_dijkstra(const Graph& graph, std::size_t source, const SearchOptions& o, SearchTree& tree,
                  std::unordered_set<std::size_t>* remaining) {
  auto weight = o.metric == Metric::time ? boost::get(&StateEdge::time_s, graph) : boost::get(&StateEdge::length_m, graph);
  StopVisitor<Graph> vis;
  vis.dist = &tree.dist;
  vis.remaining = remaining;
  vis.cutoff = o.cutoff;
  auto index = boost::get(boost::vertex_index, graph);
  try {
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(weight)
            .distance_map(boost::make_iterator_property_map(tree.dist.begin(), index))
            .predecessor_map(boost::make_iterator_property_map(tree.pred.begin(), index))
            .distance_inf(std::numeric_limits<double>::infinity())  // BGL's default is max(), not infinity
            .visitor(vis));
  } catch (const Stop&) {
  }
}
}  // namespace

SearchTree search_from_state(const RoutingGraph& g, std::size_t source, const SearchOptions& o) {
  const auto& sg = g.states();
  const std::size_t n = boost::num_vertices(sg);
  SearchTree tree;
  tree.source = source;
  tree.dist.assign(n, std::numeric_limits<double>::infinity());
  tree.pred.resize(n);
  std::unordered_set<std::size_t> remaining;
  for (auto t : o.targets) remaining.insert(g.arrive_state(t));
  if (o.banned_states || o.banned_moves) {
    auto edge_ok = [&](const boost::graph_traits<StateGraph>::edge_descriptor& e) {
      const auto s = boost::source(e, sg), t = boost::target(e, sg);
      if (o.banned_states && (o.banned_states->count(s) || o.banned_states->count(t))) return false;
      return !(o.banned_moves && o.banned_moves->count(move_key(s, t)));
    };
    boost::filtered_graph<StateGraph, std::function<bool(const boost::graph_traits<StateGraph>::edge_descriptor&)>>
        fg(sg, edge_ok);
    run_dijkstra(fg, source, o, tree, o.targets.empty() ? nullptr : &remaining);
  } else {
    run_dijkstra(sg, source, o, tree, o.targets.empty() ? nullptr : &remaining);
  }
  return tree;
}

SearchTree search(const RoutingGraph& g, std::int32_t origin, const SearchOptions& o) {
  SearchOptions opts = o;
  opts.targets.erase(std::remove(opts.targets.begin(), opts.targets.end(), origin), opts.targets.end());
  SearchTree tree;
  if (!o.targets.empty() && opts.targets.empty()) {
    tree.dist.assign(boost::num_vertices(g.states()), std::numeric_limits<double>::infinity());
    tree.pred.resize(tree.dist.size());
  } else {
    tree = search_from_state(g, g.leave_state(origin), opts);
  }
  tree.origin = origin;
  tree.source = g.leave_state(origin);
  tree.dist[g.arrive_state(origin)] = 0;  // the origin itself is reached at no cost
  tree.pred[g.arrive_state(origin)] = g.arrive_state(origin);
  return tree;
}

std::vector<std::size_t> path_states(const RoutingGraph& g, const SearchTree& tree, std::int32_t target) {
  std::vector<std::size_t> states;
  const std::size_t end = g.arrive_state(target);
  if (!(tree.dist[end] < std::numeric_limits<double>::infinity())) return states;
  if (tree.origin == target) return {tree.source, end};
  std::size_t s = end;
  states.push_back(s);
  while (s != tree.source) {
    const std::size_t p = tree.pred[s];
    if (p == s) return {};  // not connected to the source
    s = p;
    states.push_back(s);
  }
  std::reverse(states.begin(), states.end());
  return states;
}

std::vector<std::size_t> path_arcs(const RoutingGraph& g, const SearchTree& tree, std::int32_t target) {
  std::vector<std::size_t> arcs;
  for (auto s : path_states(g, tree, target)) {
    if (g.is_arc_state(s)) arcs.push_back(s);
  }
  return arcs;
}

}  // namespace logiplan::routing
