#include "corridor/corridor_resilience.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "routing/detour_search.hpp"
#include "routing/route.hpp"
#include "routing/routing_graph.hpp"
#include "text/fold.hpp"

namespace logiplan::corridor {

Resilience corridor_resilience(const CorridorTrace& t, const CorridorProfile& p, int k_alternatives) {
  Resilience r;
  r.corridor = t.def.name;
  const auto& g = t.ctx->graph();
  std::map<std::int64_t, std::vector<std::size_t>> arcs_of_edge;
  for (std::size_t a = 0; a < g.arcs().size(); ++a) if (g.arcs()[a].edge >= 0) arcs_of_edge[g.arcs()[a].edge].push_back(a);
  // Each leg's base time and the edges it uses.
  const std::size_t legs = t.places.size() > 0 ? t.places.size() - 1 : 0;
  std::vector<double> leg_s(legs, 0.0);
  std::vector<std::set<std::int64_t>> leg_edges(legs);
  for (const auto& piece : t.pieces) {
    leg_s[static_cast<std::size_t>(piece.leg)] += piece.seconds;
    leg_edges[static_cast<std::size_t>(piece.leg)].insert(piece.edge);
  }
  // Each segment closed in turn; a leg it lies on is searched again with its
  // states closed, by the detour search aimed at the leg's end (one reverse
  // search per leg serves every closure on it; routing/detour_search).
  for (std::size_t s = 0; s < p.segments.size(); ++s) {
    const auto& seg = p.segments[s];
    r.closures.push_back({s, seg.from_km, seg.to_km, seg.name.empty() ? seg.road_class : seg.name, false, 0});
  }
  std::vector<std::vector<std::size_t>> closed(p.segments.size());
  for (std::size_t s = 0; s < p.segments.size(); ++s) {
    for (const auto e : p.segments[s].edges) for (const auto a : arcs_of_edge[e]) closed[s].push_back(a);
    std::sort(closed[s].begin(), closed[s].end());
  }
  const routing::ReverseMoves reverse(g);
  routing::DetourSearch detour(g, &reverse);
  std::vector<double> to_leg_end;
  for (std::size_t leg = 0; leg < legs; ++leg) {
    const auto from = t.ctx->place(t.places[leg]).node, to = t.ctx->place(t.places[leg + 1]).node;
    bool aimed = false;
    for (std::size_t s = 0; s < p.segments.size(); ++s) {
      const auto& edges = p.segments[s].edges;
      if (std::none_of(edges.begin(), edges.end(), [&](auto e) { return leg_edges[leg].count(e) > 0; })) continue;
      if (!aimed) {
        routing::costs_to(g, reverse, to, routing::Metric::time, to_leg_end);
        aimed = true;
      }
      const auto cost = detour.cost(from, to, closed[s], to_leg_end, routing::Metric::time);
      if (!cost) r.closures[s].cut = true;
      else r.closures[s].extra_minutes += (*cost - leg_s[leg]) / 60;
    }
  }
  std::stable_sort(r.closures.begin(), r.closures.end(), [](const Closure& a, const Closure& b) {
    if (a.cut != b.cut) return a.cut;
    return a.extra_minutes > b.extra_minutes;
  });
  if (k_alternatives > 0 && t.places.size() >= 2) {
    std::set<std::int64_t> main;
    for (const auto& piece : t.pieces) main.insert(piece.edge);
    const auto routes = routing::routes(*t.ctx, t.places.front(), t.places.back(), routing::Metric::time, k_alternatives + 1);
    int rank = 0;
    for (const auto& route : routes) {
      double shared = 0;
      for (const auto a : route.arcs) if (g.arcs()[a].edge >= 0 && main.count(g.arcs()[a].edge)) shared += g.arcs()[a].length_m;
      r.alternatives.push_back({++rank, route.length_m / 1000, route.time_s / 60, route.length_m > 0 ? shared / route.length_m : 0});
    }
  }
  return r;
}

nlohmann::json Resilience::summary() const {
  nlohmann::json c = nlohmann::json::array(), a = nlohmann::json::array();
  for (const auto& x : closures) {
    c.push_back({{"from_km", x.from_km}, {"to_km", x.to_km}, {"road", x.road}, {"cut", x.cut},
                 {"extra_minutes", x.cut ? nlohmann::json() : nlohmann::json(x.extra_minutes)}});
  }
  for (const auto& x : alternatives) a.push_back({{"rank", x.rank}, {"km", x.km}, {"minutes", x.minutes}, {"overlap", x.overlap}});
  return {{"corridor", corridor}, {"closures", c}, {"alternatives", a}};
}

std::string Resilience::text() const {
  std::string t = fmt::format("corridor '{}': each segment closed in turn, worst first\n", corridor);
  t += fmt::format("  {:>6} {:>6}  {:<34} {}\n", "km", "to", "road", "without it");
  for (const auto& c : closures) {
    t += fmt::format("  {:>6.2f} {:>6.2f}  {:<34} {}\n", c.from_km, c.to_km, text::truncate(c.road, 34),
                     c.cut ? std::string("cut: no other way") : fmt::format("+{:.1f} min", c.extra_minutes));
  }
  if (!alternatives.empty()) t += "alternatives between its ends (1 = the main path):\n";
  for (const auto& a : alternatives) {
    t += fmt::format("  {}. {:.2f} km, {:.1f} min, {:.0f} % on the main path\n", a.rank, a.km, a.minutes, 100 * a.overlap);
  }
  return t;
}

}  // namespace logiplan::corridor
