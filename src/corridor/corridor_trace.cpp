#include "corridor/corridor_trace.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "core/error.hpp"
#include "geom/measure.hpp"
#include "routing/route.hpp"
#include "routing/routing_graph.hpp"

namespace logiplan::corridor {

std::string profile_of(const CorridorDef& def, network::Mode mode) {
  switch (mode) {
    case network::Mode::road: return def.profile;
    case network::Mode::rail: return "rail_freight";
    case network::Mode::inland_waterway: return "barge";
    default: throw UsageError(fmt::format("corridor mode '{}': road, rail or inland_waterway", network::mode_name(mode)));
  }
}

namespace {

// Where a leg with no path breaks: how close the network reached from its start
// gets to its end, and where.
std::string where_it_breaks(const CorridorTrace& t, std::size_t leg) {
  const auto& g = t.ctx->graph();
  const auto from = t.ctx->place(t.places[leg]), to = t.ctx->place(t.places[leg + 1]);
  const auto tree = routing::search(g, from.node, {});
  double best = INFINITY;
  network::LonLat at{};
  const auto metres = [](network::LonLat a, network::LonLat b) { return geom::geodesic_distance_m(a.lon, a.lat, b.lon, b.lat); };
  for (std::size_t n = 0; n < g.node_count(); ++n) {
    const auto node = static_cast<std::int32_t>(n);
    if (!tree.reached(g, node)) continue;
    const double d = metres(g.node_position(node), to.place.position);
    if (d < best) best = d, at = g.node_position(node);
  }
  return fmt::format("{} → {}: no path for {}; the network reached from {} ends {:.1f} km short of {}, near {:.5f},{:.5f}",
                     from.place.label, to.place.label, t.ctx->profile().name, from.place.label, best / 1000, to.place.label,
                     at.lon, at.lat);
}

}  // namespace

CorridorTrace trace_corridor(project::Project& project, const CorridorDef& def, network::Mode mode,
                             const std::optional<std::string>& scenario, bool store) {
  CorridorTrace t;
  t.def = def, t.mode = mode, t.scenario = scenario;
  t.ctx = std::make_unique<routing::AnalysisContext>(project, def.network, profile_of(def, mode), std::nullopt, scenario);
  for (const auto& spec : def.through) {
    const auto found = routing::resolve_places(project.db(), spec);
    if (found.size() != 1) {
      throw UsageError(fmt::format("corridor '{}': '{}' is {} places; a corridor runs through one place at a time", def.name,
                                   spec, found.size()));
    }
    t.places.push_back(t.ctx->add_places(found).front());
  }
  t.ctx->build();
  const auto& g = t.ctx->graph();
  t.place_km.push_back(0);
  for (std::size_t k = 0; k + 1 < t.places.size(); ++k) {
    const auto r = routing::routes(*t.ctx, t.places[k], t.places[k + 1], routing::Metric::time);
    if (r.empty()) {
      t.missing.push_back(where_it_breaks(t, k));
      t.place_km.push_back(t.length_m / 1000);
      continue;
    }
    for (const auto a : r.front().arcs) {
      const auto& arc = g.arcs()[a];
      if (arc.edge < 0) continue;  // a transfer
      // Pieces of one edge (cut where a place sits) become one.
      if (!t.pieces.empty() && t.pieces.back().edge == arc.edge && t.pieces.back().forward == arc.forward &&
          t.pieces.back().leg == static_cast<int>(k)) {
        t.pieces.back().metres += arc.length_m, t.pieces.back().seconds += arc.time_s, t.pieces.back().arcs.push_back(a);
      } else {
        t.pieces.push_back({arc.edge, arc.forward, arc.length_m, arc.time_s, static_cast<int>(k), {a}});
      }
      t.length_m += arc.length_m, t.time_s += arc.time_s;
    }
    t.place_km.push_back(t.length_m / 1000);
  }
  // Compare with the last stored path; store this one.
  const std::string mode_name(network::mode_name(mode)), scen = scenario.value_or("");
  StoredPath now{mode_name, scen, t.ctx->info().id, {}, t.length_m, t.time_s};
  for (const auto& p : t.pieces) {
    now.edges.push_back({p.edge, p.forward, t.net().edges[static_cast<std::size_t>(p.edge)].source_id, p.metres});
  }
  const auto before = last_path(project.db(), def.id, mode_name, scen);
  if (before && before->network_id != now.network_id) {
    PathChange c{before->network_id, before->length_m / 1000, before->time_s / 60, {}, {}};
    std::set<std::string> was, is;
    for (const auto& e : before->edges) was.insert(e.source_id);
    for (const auto& e : now.edges) is.insert(e.source_id);
    for (const auto& s : was) if (!is.count(s)) c.left.push_back(s);
    for (const auto& s : is) if (!was.count(s)) c.joined.push_back(s);
    t.change = c;
  }
  if (store && def.id > 0 && (!before || before->network_id != now.network_id || before->edges.size() != now.edges.size())) {
    std::vector<std::vector<network::LonLat>> lines;
    for (const auto& p : t.pieces) for (const auto a : p.arcs) lines.push_back(g.arc_geometry(a));
    save_path(project.db(), def.id, now, lines);
  }
  return t;
}

nlohmann::json change_json(const PathChange& c) {
  return {{"previous_network_version", c.previous_network}, {"previous_km", c.previous_km},
          {"previous_minutes", c.previous_minutes}, {"ways_left", c.left}, {"ways_joined", c.joined}};
}

}  // namespace logiplan::corridor
