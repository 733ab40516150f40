#include "routing/routing_graph.hpp"

#include <algorithm>
#include <queue>
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

// One direction of a piece of an edge as an arc (costs with the lane options).
// False when the profile may not use it.
bool make_arc(const network::Edge& e, std::int64_t edge, bool forward, double lo, double hi, std::int32_t from,
              std::int32_t to, std::int64_t piece, const Profile& profile, const LaneOptions& lanes, Arc& a) {
  if (!profile.may_travel(e, forward)) return false;
  a = Arc{};
  a.tail = forward ? from : to;
  a.head = forward ? to : from;
  a.edge = edge;
  a.forward = forward;
  a.lo = lo;
  a.hi = hi;
  a.length_m = (hi - lo) * e.length_m;
  a.time_s = a.length_m / (profile.speed_kmh(e, forward) / 3.6);
  a.piece = piece;
  a.mode = e.mode;
  if (e.mode == network::Mode::road) {
    const auto& uses = (forward ? e.forward : e.backward).lanes.uses;
    a.dedicated = std::any_of(uses.begin(), uses.end(), [&](network::LaneUse u) { return profile.dedicated.count(u) > 0; });
  }
  if (lanes.mode == LaneMode::strict && !a.dedicated) return false;
  const double factor = a.dedicated ? 1.0 : lanes.mixed_penalty;
  a.cost_time = a.time_s * factor;
  a.cost_length = a.length_m * factor;
  return true;
}

// The turns at one node: which arcs out of it each arc into it may continue on.
// Every arc may continue on every other, except a U-turn onto the same piece
// (allowed at dead ends) and the turns restrictions ban. An only_* restriction
// onto an edge the profile cannot take out of this node bans nothing (as OSRM).
class TurnRules {
 public:
  template <class ArcAt>
  TurnRules(std::span<const std::uint32_t> in, std::span<const std::uint32_t> out, std::span<const BoundTurn> here,
            const ArcAt& arc)
      : here_(here) {
    std::int64_t first = -2;
    for (const auto* list : {&in, &out}) {
      for (auto i : *list) {
        const auto p = arc(i).piece;
        if (p < 0) continue;
        if (first == -2) first = p;
        else if (p != first) dead_end_ = false;
      }
    }
    for (auto o : out) out_edges_.push_back(arc(o).edge);
  }
  bool allowed(const Arc& from, const Arc& to) const {
    if (from.piece >= 0 && from.piece == to.piece && !dead_end_) return false;
    bool only_applies = false, only_match = false;
    for (const auto& r : here_) {
      if (r.from_edge != from.edge) continue;
      if (!r.only) {
        if (r.to_edge == to.edge) return false;
        continue;
      }
      if (std::find(out_edges_.begin(), out_edges_.end(), r.to_edge) == out_edges_.end()) continue;
      only_applies = true;
      if (r.to_edge == to.edge) only_match = true;
    }
    return !only_applies || only_match;
  }

 private:
  std::span<const BoundTurn> here_;
  bool dead_end_ = true;
  std::vector<std::int64_t> out_edges_;
};

std::span<const BoundTurn> turns_at(std::span<const BoundTurn> all, std::int64_t via) {
  const auto lo = std::lower_bound(all.begin(), all.end(), via, [](const BoundTurn& t, std::int64_t v) { return t.via < v; });
  auto hi = lo;
  while (hi != all.end() && hi->via == via) ++hi;
  return {lo, hi};
}

template <class T>
std::span<const std::uint32_t> row(std::span<const std::uint64_t> offsets, std::span<const std::uint32_t> items, T i) {
  const auto k = static_cast<std::size_t>(i);
  return items.subspan(offsets[k], offsets[k + 1] - offsets[k]);
}

// Node -> arcs (into or out of it) as offsets and items.
void by_node(std::size_t nodes, std::span<const Arc> arcs, bool heads, std::vector<std::uint64_t>& offsets,
             std::vector<std::uint32_t>& items) {
  offsets.assign(nodes + 1, 0);
  for (const auto& a : arcs) ++offsets[static_cast<std::size_t>(heads ? a.head : a.tail) + 1];
  for (std::size_t i = 0; i < nodes; ++i) offsets[i + 1] += offsets[i];
  items.resize(arcs.size());
  auto fill = offsets;
  for (std::size_t i = 0; i < arcs.size(); ++i) items[fill[static_cast<std::size_t>(heads ? arcs[i].head : arcs[i].tail)]++] = static_cast<std::uint32_t>(i);
}

}  // namespace

bool ArcList::in_use(std::size_t i) const {
  return i >= base_.size() || !std::binary_search(set_aside_->begin(), set_aside_->end(), static_cast<std::uint32_t>(i));
}

std::shared_ptr<const BaseGraph> BaseGraph::build(const network::Network& net, const Profile& profile, LaneOptions lanes) {
  struct Owned {
    std::vector<network::LonLat> nodes;
    std::vector<Arc> arcs;
    std::vector<std::uint64_t> offsets, in_offsets, out_offsets;
    std::vector<std::uint32_t> targets, in_arcs, out_arcs;
    std::vector<BoundTurn> turns;
  };
  auto o = std::make_shared<Owned>();
  for (const auto& n : net.nodes) o->nodes.push_back(n.position);
  const std::size_t N = o->nodes.size();
  for (std::size_t ei = 0; ei < net.edges.size(); ++ei) {
    const auto& e = net.edges[ei];
    for (const bool forward : {true, false}) {
      Arc a;
      if (make_arc(e, static_cast<std::int64_t>(ei), forward, 0, 1, static_cast<std::int32_t>(e.from),
                   static_cast<std::int32_t>(e.to), static_cast<std::int64_t>(ei), profile, lanes, a)) {
        o->arcs.push_back(a);
      }
    }
  }
  const std::size_t A = o->arcs.size();
  if (A + 2 * N >= std::numeric_limits<std::uint32_t>::max()) {
    throw DataError(fmt::format("the network has {} arcs and {} nodes: more than this version can route", A, N));
  }
  by_node(N, o->arcs, true, o->in_offsets, o->in_arcs);
  by_node(N, o->arcs, false, o->out_offsets, o->out_arcs);
  for (const auto& r : net.restrictions) {
    if (profile.bound_by(r)) o->turns.push_back({r.via_node, r.from_edge, r.to_edge, r.is_only() ? 1 : 0});
  }
  std::sort(o->turns.begin(), o->turns.end(), [](const BoundTurn& a, const BoundTurn& b) { return a.via < b.via; });

  // Rows: arc states (arrive at the head, then the turns), "arrived" states (none), "leave" states.
  std::vector<std::optional<TurnRules>> rules(N);
  const auto arc_at = [&](std::uint32_t i) -> const Arc& { return o->arcs[i]; };
  o->offsets.reserve(A + 2 * N + 1);
  o->offsets.push_back(0);
  for (std::size_t i = 0; i < A; ++i) {
    const auto v = static_cast<std::size_t>(o->arcs[i].head);
    const auto outs = row(std::span<const std::uint64_t>(o->out_offsets), std::span<const std::uint32_t>(o->out_arcs), v);
    if (!rules[v]) {
      rules[v].emplace(row(std::span<const std::uint64_t>(o->in_offsets), std::span<const std::uint32_t>(o->in_arcs), v),
                       outs, turns_at(o->turns, static_cast<std::int64_t>(v)), arc_at);
    }
    o->targets.push_back(static_cast<std::uint32_t>(A + v));
    for (auto b : outs) {
      if (rules[v]->allowed(o->arcs[i], o->arcs[b])) o->targets.push_back(b);
    }
    o->offsets.push_back(o->targets.size());
  }
  for (std::size_t v = 0; v < N; ++v) o->offsets.push_back(o->targets.size());
  for (std::size_t v = 0; v < N; ++v) {
    for (auto b : row(std::span<const std::uint64_t>(o->out_offsets), std::span<const std::uint32_t>(o->out_arcs), v)) o->targets.push_back(b);
    o->offsets.push_back(o->targets.size());
  }

  auto g = std::make_shared<BaseGraph>();
  g->lanes = lanes;
  g->nodes = o->nodes;
  g->arcs = o->arcs;
  g->offsets = o->offsets;
  g->targets = o->targets;
  g->in_offsets = o->in_offsets;
  g->out_offsets = o->out_offsets;
  g->in_arcs = o->in_arcs;
  g->out_arcs = o->out_arcs;
  g->turns = o->turns;
  g->keep = std::move(o);
  return g;
}

RoutingGraph::RoutingGraph(const network::Network& net, const Profile& profile, const std::vector<Anchor>& anchors,
                           const std::vector<Transfer>& transfers, LaneOptions lanes)
    : RoutingGraph(BaseGraph::build(net, profile, lanes), net, profile, anchors, transfers) {}

RoutingGraph::RoutingGraph(std::shared_ptr<const BaseGraph> base, const network::Network& net, const Profile& profile,
                           const std::vector<Anchor>& anchors, const std::vector<Transfer>& transfers)
    : base_(std::move(base)), net_(&net), profile_(&profile) {
  add_anchors(anchors, transfers);
}

void RoutingGraph::add_anchors(const std::vector<Anchor>& anchors, const std::vector<Transfer>& transfers) {
  const auto& net = *net_;
  const std::size_t A0 = base_->arcs.size(), N0 = base_->nodes.size();
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
  std::set<std::int32_t> touched;  // nodes whose turns are worked out again
  std::int64_t piece_no = static_cast<std::int64_t>(net.edges.size());
  for (auto& [ei, list] : cuts) {
    const network::Edge& e = net.edges[static_cast<std::size_t>(ei)];
    std::sort(list.begin(), list.end());
    // Points along the edge: its ends and its anchors (anchors keep their node even on unusable edges).
    std::vector<std::pair<double, std::int32_t>> points{{0.0, static_cast<std::int32_t>(e.from)}};
    const std::vector<double> cum = vertex_fractions(e.geometry);
    for (const auto& [f, anchor] : list) {
      if (std::abs(f - points.back().first) < 1e-12) {
        anchor_nodes_[anchor] = points.back().second;
        continue;
      }
      new_nodes_.push_back(point_at(e.geometry, cum, f));
      points.emplace_back(f, static_cast<std::int32_t>(N0 + new_nodes_.size() - 1));
      anchor_nodes_[anchor] = points.back().second;
    }
    points.emplace_back(1.0, static_cast<std::int32_t>(e.to));
    for (auto out : row(base_->out_offsets, base_->out_arcs, e.from)) {
      if (base_->arcs[out].edge == ei) set_aside_.push_back(out);
    }
    for (auto out : row(base_->out_offsets, base_->out_arcs, e.to)) {
      if (base_->arcs[out].edge == ei) set_aside_.push_back(out);
    }
    touched.insert(static_cast<std::int32_t>(e.from));
    touched.insert(static_cast<std::int32_t>(e.to));
    for (std::size_t k = 1; k < points.size(); ++k) {
      touched.insert(points[k].second);
      for (const bool forward : {true, false}) {
        Arc a;
        if (make_arc(e, ei, forward, points[k - 1].first, points[k].first, points[k - 1].second, points[k].second, piece_no,
                     *profile_, base_->lanes, a)) {
          new_arcs_.push_back(a);
        }
      }
      ++piece_no;
    }
  }
  std::sort(set_aside_.begin(), set_aside_.end());
  set_aside_.erase(std::unique(set_aside_.begin(), set_aside_.end()), set_aside_.end());
  for (const auto& t : transfers) {
    const auto na = anchor_nodes_.at(t.anchor_a), nb = anchor_nodes_.at(t.anchor_b);
    for (const auto& [from, to] : {std::pair{na, nb}, std::pair{nb, na}}) {
      Arc a;
      a.tail = from;
      a.head = to;
      a.time_s = a.cost_time = t.seconds;
      new_arcs_.push_back(a);
      touched.insert(from);
    }
  }
  arc_count_ = A0 + new_arcs_.size();
  arc_list_.base_ = base_->arcs;
  arc_list_.extra_ = &new_arcs_;
  arc_list_.set_aside_ = &set_aside_;
  if (arc_count_ + 2 * node_count() >= std::numeric_limits<std::uint32_t>::max()) {
    throw DataError("the network is too large for this version to route");
  }

  // Arcs at the touched nodes, and the turns there, worked out again.
  overlaid_.assign((state_count() + 63) / 64, 0);
  std::map<std::int32_t, std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>> at;  // node -> (in, out)
  const auto in_use = [&](std::uint32_t i) { return arc_list_.in_use(i); };
  for (const auto v : touched) {
    auto& [in, out] = at[v];
    if (static_cast<std::size_t>(v) < N0) {
      for (auto i : row(base_->in_offsets, base_->in_arcs, v)) if (in_use(i)) in.push_back(i);
      for (auto i : row(base_->out_offsets, base_->out_arcs, v)) if (in_use(i)) out.push_back(i);
    }
  }
  for (std::size_t k = 0; k < new_arcs_.size(); ++k) {
    const auto i = static_cast<std::uint32_t>(A0 + k);
    if (auto it = at.find(new_arcs_[k].head); it != at.end()) it->second.first.push_back(i);
    if (auto it = at.find(new_arcs_[k].tail); it != at.end()) it->second.second.push_back(i);
  }
  const auto arc_at = [&](std::uint32_t i) -> const Arc& { return arc_list_[i]; };
  const auto add_row = [&](std::size_t state, const std::vector<std::uint32_t>& list) {
    overlaid_[state >> 6] |= std::uint64_t{1} << (state & 63);
    overlay_rows_[static_cast<std::uint32_t>(state)] = {static_cast<std::uint32_t>(overlay_targets_.size()),
                                                        static_cast<std::uint32_t>(overlay_targets_.size() + list.size())};
    overlay_targets_.insert(overlay_targets_.end(), list.begin(), list.end());
  };
  for (const auto& [v, lists] : at) {
    const auto& [in, out] = lists;
    const TurnRules rules(in, out, turns_at(base_->turns, v), arc_at);
    for (auto a : in) {
      std::vector<std::uint32_t> targets{static_cast<std::uint32_t>(arrive_state(v))};
      for (auto b : out) {
        if (rules.allowed(arc_list_[a], arc_list_[b])) targets.push_back(b);
      }
      add_row(a, targets);
    }
    add_row(leave_state(v), out);
  }
}

std::vector<network::LonLat> RoutingGraph::arc_geometry(std::size_t arc) const {
  if (arc >= arc_list_.size()) throw std::out_of_range("arc_geometry: no such arc");
  const Arc& a = arc_list_[arc];
  if (a.edge < 0) return {node_position(a.tail), node_position(a.head)};
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

SearchTree search_from_state(const RoutingGraph& g, std::size_t source, const SearchOptions& o) {
  const std::size_t n = g.state_count();
  SearchTree tree;
  tree.source = source;
  tree.dist.assign(n, std::numeric_limits<double>::infinity());
  tree.pred.resize(n);
  for (std::size_t i = 0; i < n; ++i) tree.pred[i] = i;  // unreached states are their own predecessor
  std::vector<std::size_t> remaining;
  for (auto t : o.targets) remaining.push_back(g.arrive_state(t));
  std::sort(remaining.begin(), remaining.end());
  remaining.erase(std::unique(remaining.begin(), remaining.end()), remaining.end());
  std::size_t left = remaining.size();
  std::vector<bool> settled(n, false);
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  tree.dist[source] = 0;
  heap.emplace(0.0, static_cast<std::uint32_t>(source));
  const bool filtered = o.banned_states || o.banned_moves;
  while (!heap.empty()) {
    // Plain variables, not a structured binding: clang 14 cannot capture those in the lambda below.
    const double d = heap.top().first;
    const std::uint32_t s = heap.top().second;
    heap.pop();
    if (settled[s]) continue;
    settled[s] = true;
    if (d > o.cutoff) break;
    if (left > 0 && std::binary_search(remaining.begin(), remaining.end(), s) && --left == 0) break;
    if (filtered && o.banned_states && o.banned_states->count(s)) continue;
    g.for_each_move(s, [&](std::size_t t) {
      if (filtered && ((o.banned_states && o.banned_states->count(t)) || (o.banned_moves && o.banned_moves->count(move_key(s, t))))) {
        return;
      }
      const double nd = d + state_cost(g, t, o.metric);
      if (nd < tree.dist[t]) {
        tree.dist[t] = nd;
        tree.pred[t] = s;
        heap.emplace(nd, static_cast<std::uint32_t>(t));
      }
    });
  }
  return tree;
}

SearchTree search(const RoutingGraph& g, std::int32_t origin, const SearchOptions& o) {
  SearchOptions opts = o;
  opts.targets.erase(std::remove(opts.targets.begin(), opts.targets.end(), origin), opts.targets.end());
  SearchTree tree;
  if (!o.targets.empty() && opts.targets.empty()) {
    tree.dist.assign(g.state_count(), std::numeric_limits<double>::infinity());
    tree.pred.resize(tree.dist.size());
    for (std::size_t i = 0; i < tree.pred.size(); ++i) tree.pred[i] = i;
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
