#include "routing/route.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/error.hpp"
#include "geom/measure.hpp"
#include "routing/detour_search.hpp"

namespace logiplan::routing {

Route describe(const RoutingGraph& g, const std::vector<std::size_t>& arcs) {
  Route r;
  r.arcs = arcs;
  std::string last_mode;
  for (const auto a : arcs) {
    const auto& arc = g.arcs()[a];
    r.time_s += arc.time_s;
    r.length_m += arc.length_m;
    const bool transfer = arc.edge < 0;
    const auto* e = transfer ? nullptr : &g.network().edges[static_cast<std::size_t>(arc.edge)];
    const std::string mode = transfer ? "transfer" : std::string(network::mode_name(arc.mode));
    if (!transfer && !last_mode.empty() && last_mode != mode) ++r.mode_changes;
    if (!transfer) last_mode = mode;
    const std::string name = transfer ? "transfer" : !e->name.empty() ? e->name : !e->ref.empty() ? e->ref : e->road_class;
    if (r.steps.empty() || r.steps.back().name != name || r.steps.back().mode != mode) {
      RouteStep s;
      s.name = name;
      s.mode = mode;
      if (e) {
        s.ref = e->ref;
        s.road_class = e->road_class;
      }
      r.steps.push_back(s);
    }
    auto& s = r.steps.back();
    s.length_m += arc.length_m;
    s.time_s += arc.time_s;
    if (e && (s.edges.empty() || s.edges.back() != arc.edge)) {
      s.edges.push_back(arc.edge);
      s.source_ids.push_back(e->source_id);
    }
    if (!transfer && arc.mode == network::Mode::road) {
      if (arc.dedicated) {
        r.dedicated_m += arc.length_m;
      } else {
        r.mixed_m += arc.length_m;
        if (!r.mixed.empty() && r.mixed.back().edge == arc.edge) r.mixed.back().length_m += arc.length_m;
        else r.mixed.push_back({arc.edge, name, e->source_id, arc.length_m});
      }
    }
    auto geom = g.arc_geometry(a);
    if (!r.geometry.empty() && !geom.empty() && r.geometry.back() == geom.front()) geom.erase(geom.begin());
    r.geometry.insert(r.geometry.end(), geom.begin(), geom.end());
  }
  return r;
}

std::vector<Route> routes(const AnalysisContext& ctx, std::size_t from, std::size_t to, Metric metric, int k) {
  return routes(ctx, ctx.graph(), from, to, metric, k);
}

// The hierarchy knows the base graph's states only: a place inside an edge is a
// seed after (source) or on (target) a whole base arc, which the route replaces
// by the graph's piece between the place and the arc's end.
std::optional<std::vector<std::size_t>> hierarchy_route(const AnalysisContext& ctx, std::size_t from, std::size_t to,
                                                        Metric metric) {
  const auto h = ctx.hierarchy(metric, 1);
  if (!h) return std::nullopt;
  const auto& g = ctx.graph();
  const auto& base = g.base();
  const auto src = ctx.endpoint(from, metric, true), dst = ctx.endpoint(to, metric, false);
  if ((src.edge >= 0 && src.edge == dst.edge) || (src.node >= 0 && src.node == dst.node)) return std::nullopt;
  std::vector<std::uint32_t> states;
  const auto cost = hierarchy_query(*h, base, src, dst, &states);
  if (!cost) return std::vector<std::size_t>{};
  if (states.empty()) return std::nullopt;
  const std::size_t A = base.arcs.size();
  // The graph's pieces of the edge of base arc `whole`, in its direction, from
  // node `from` to node `to`: more than one where other places cut the edge too.
  const auto pieces = [&](const Arc& whole, std::int32_t from, std::int32_t to) {
    std::vector<std::size_t> chain;
    for (std::int32_t at = from; at != to;) {
      std::optional<std::size_t> next;
      for (std::size_t i = A; i < g.arcs().size() && !next; ++i) {
        const auto& a = g.arcs()[i];
        if (a.edge == whole.edge && a.forward == whole.forward && a.tail == at) next = i;
      }
      if (!next || chain.size() > g.arcs().size() - A) return std::vector<std::size_t>{};
      chain.push_back(*next);
      at = g.arcs()[*next].head;
    }
    return chain;
  };
  std::vector<std::size_t> arcs;
  if (src.edge >= 0) {  // the path starts after the rest of the origin's arc
    for (const auto& [a, p] : src.on_arcs) {
      for (auto i = base.offsets[a]; i < base.offsets[a + 1] && arcs.empty(); ++i) {
        if (base.targets[i] == states.front()) arcs = pieces(base.arcs[a], ctx.place(from).node, base.arcs[a].head);
      }
      if (!arcs.empty()) break;
    }
    if (arcs.empty()) return std::nullopt;
  }
  for (const auto s : states) {
    if (s < A) arcs.push_back(s);
  }
  if (dst.edge >= 0) {  // the path ends on the destination's arc: only up to the place
    if (arcs.empty() || arcs.back() >= A) return std::nullopt;
    const auto& whole = base.arcs[arcs.back()];
    const auto last = pieces(whole, whole.tail, ctx.place(to).node);
    if (last.empty()) return std::nullopt;
    arcs.pop_back();
    arcs.insert(arcs.end(), last.begin(), last.end());
  }
  // The arcs must add up to what the hierarchy found; anything else is a mapping
  // this function does not know, and the plain search answers instead.
  double sum = 0;
  for (const auto a : arcs) sum += metric == Metric::time ? g.arcs()[a].cost_time : g.arcs()[a].cost_length;
  if (std::abs(sum - cost->cost) > 1e-6 * std::max(1.0, cost->cost)) return std::nullopt;
  return arcs;
}

std::vector<Route> routes(const AnalysisContext& ctx, const RoutingGraph& g, std::size_t from, std::size_t to,
                          Metric metric, int k) {
  if (k < 1) throw UsageError("--alternatives must be at least 1");
  if (k == 1 && &g == &ctx.graph()) {
    if (const auto arcs = hierarchy_route(ctx, from, to, metric)) {
      if (arcs->empty()) return {};
      return {describe(g, *arcs)};
    }
  }
  const auto origin = ctx.place(from).node, target = ctx.place(to).node;
  SearchOptions o;
  o.metric = metric;
  o.targets = {target};
  const auto first = path_states(g, search(g, origin, o), target);
  std::vector<Route> out;
  if (first.empty()) return out;

  // Yen's k shortest loopless paths over states: A holds the accepted paths,
  // B the candidates (cost, states).
  auto cost_of = [&](const std::vector<std::size_t>& states, std::size_t upto) {
    double c = 0;
    for (std::size_t i = 1; i <= upto && i < states.size(); ++i) c += state_cost(g, states[i], metric);
    return c;
  };
  // Arcs into each node: a spur path may not come back to a node of its root
  // (Yen's paths are loopless in nodes, not only in states).
  std::vector<std::vector<std::size_t>> arcs_into(k > 1 ? g.node_count() : 0);
  if (k > 1) {
    for (std::size_t a = 0; a < g.arcs().size(); ++a) arcs_into[static_cast<std::size_t>(g.arcs()[a].head)].push_back(a);
  }
  // Spur searches are aimed at the target by its costs on the open graph (a
  // lower bound once states and moves are banned; routing/detour_search): one
  // reverse search pays for all of them.
  std::optional<ReverseMoves> reverse;
  std::optional<DetourSearch> spur_search;
  std::vector<double> to_target;
  if (k > 1) {
    reverse.emplace(g);
    costs_to(g, *reverse, target, metric, to_target);
    spur_search.emplace(g);
  }
  std::vector<std::vector<std::size_t>> accepted{first};
  std::set<std::pair<double, std::vector<std::size_t>>> candidates;
  while (static_cast<int>(accepted.size()) < k) {
    const auto& last = accepted.back();
    for (std::size_t i = 0; i + 1 < last.size(); ++i) {
      const std::size_t spur = last[i];
      const std::vector<std::size_t> root(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::unordered_set<std::uint64_t> banned_moves;
      for (const auto& p : accepted) {
        if (p.size() > i + 1 && std::equal(root.begin(), root.end(), p.begin())) banned_moves.insert(move_key(p[i], p[i + 1]));
      }
      std::unordered_set<std::size_t> banned_states(root.begin(), root.end() - 1);
      std::vector<std::int32_t> root_nodes{origin};
      for (std::size_t r = 1; r + 1 < root.size(); ++r) root_nodes.push_back(g.arcs()[root[r]].head);
      for (const auto n : root_nodes) {
        banned_states.insert(g.arrive_state(n));
        for (const auto a : arcs_into[static_cast<std::size_t>(n)]) banned_states.insert(a);
      }
      const auto spur_path = spur_search->path_from_state(spur, target, banned_states, banned_moves, to_target, metric);
      if (spur_path.empty()) continue;
      std::vector<std::size_t> total = root;
      total.insert(total.end(), spur_path.begin() + 1, spur_path.end());
      // Keep only paths that pass each node once: the spur's best continuation
      // may loop back through a junction to dodge a banned move; that is no route.
      std::unordered_set<std::int32_t> seen{origin};
      bool loops = false;
      for (const auto st : total) {
        if (g.is_arc_state(st) && !seen.insert(g.arcs()[st].head).second) loops = true;
      }
      if (!loops) candidates.emplace(cost_of(total, total.size()), total);
    }
    bool added = false;
    while (!candidates.empty() && !added) {
      auto best = candidates.begin()->second;
      candidates.erase(candidates.begin());
      if (std::find(accepted.begin(), accepted.end(), best) == accepted.end()) {
        accepted.push_back(best);
        added = true;
      }
    }
    if (!added) break;
  }
  for (const auto& states : accepted) {
    std::vector<std::size_t> arcs;
    for (auto s : states) {
      if (g.is_arc_state(s)) arcs.push_back(s);
    }
    out.push_back(describe(g, arcs));
  }
  return out;
}

StrictGap strict_gap(const AnalysisContext& ctx, std::size_t from, std::size_t to, Metric metric) {
  const auto& strict = ctx.graph(LaneOptions{LaneMode::strict, 1.0});
  const auto& open = ctx.graph(LaneOptions{});
  const auto origin = ctx.place(from).node, target = ctx.place(to).node;
  SearchOptions o;
  o.metric = metric;
  const auto tree = search(strict, origin, o);
  const auto dest = strict.node_position(target);
  const auto frame_distance = [&](network::LonLat p) {
    OGRLineString seg;
    seg.addPoint(p.lon, p.lat);
    seg.addPoint(dest.lon, dest.lat);
    return geom::geodesic_length_m(seg);
  };
  StrictGap gap;
  std::int32_t best = origin;
  gap.straight_m = frame_distance(strict.node_position(origin));
  for (std::int32_t n = 0; n < static_cast<std::int32_t>(strict.node_count()); ++n) {
    if (!tree.reached(strict, n)) continue;
    const double d = frame_distance(strict.node_position(n));
    if (d < gap.straight_m) gap.straight_m = d, best = n;
  }
  gap.last_point = strict.node_position(best);
  for (auto a : path_arcs(strict, tree, best)) gap.reached_from_origin_m += strict.arcs()[a].length_m;
  SearchOptions rest;
  rest.metric = metric;
  rest.targets = {target};
  const auto tail = search(open, best, rest);
  if (tail.reached(open, target)) gap.gap = describe(open, path_arcs(open, tail, target));
  return gap;
}

nlohmann::json route_json(const Route& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) {
    steps.push_back({{"name", s.name}, {"ref", s.ref}, {"class", s.road_class}, {"mode", s.mode},
                     {"length_m", s.length_m}, {"time_s", s.time_s}, {"edges", s.edges}, {"source_ids", s.source_ids}});
  }
  nlohmann::json coords = nlohmann::json::array();
  for (const auto& p : r.geometry) coords.push_back({p.lon, p.lat});
  nlohmann::json mixed = nlohmann::json::array();
  for (const auto& m : r.mixed) {
    mixed.push_back({{"edge", m.edge}, {"name", m.name}, {"source_id", m.source_id}, {"length_m", m.length_m}});
  }
  return {{"time_s", r.time_s},
          {"length_m", r.length_m},
          {"mode_changes", r.mode_changes},
          {"dedicated_m", r.dedicated_m},
          {"mixed_m", r.mixed_m},
          {"mixed_segments", mixed},
          {"steps", steps},
          {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}};
}

}  // namespace logiplan::routing
