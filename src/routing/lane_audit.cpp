#include "routing/lane_audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "routing/context.hpp"
#include "routing/parallel_for.hpp"

namespace logiplan::routing {

double AuditResult::mixed_km() const {
  double m = 0;
  for (const auto& p : pairs) m += p.mixed_m;
  return m / 1000;
}
int AuditResult::fully_separated() const {
  return static_cast<int>(std::count_if(pairs.begin(), pairs.end(), [](const AuditPair& p) { return p.fully_separated; }));
}
int AuditResult::reachable() const {
  return static_cast<int>(std::count_if(pairs.begin(), pairs.end(), [](const AuditPair& p) { return p.reachable; }));
}

namespace {
// The best route (by time) from `origin` to each of `targets` on `g`, or
// nullopt where there is none, from one search to them all. A search stopped at
// one target settles exactly what this longer one settles before that target,
// so each route is the one a search per pair finds (routes() on a graph with
// no hierarchy): the same path, not only the same cost.
std::vector<std::optional<Route>> routes_from(const RoutingGraph& g, std::int32_t origin,
                                              const std::vector<std::int32_t>& targets) {
  std::vector<std::optional<Route>> out(targets.size());
  if (targets.empty()) return out;
  SearchOptions o;
  o.metric = Metric::time;
  o.targets = targets;
  const auto tree = search(g, origin, o);
  for (std::size_t j = 0; j < targets.size(); ++j) {
    if (tree.reached(g, targets[j])) out[j] = describe(g, path_arcs(g, tree, targets[j]));
  }
  return out;
}
}  // namespace

AuditResult lane_audit(project::Project& project, const AuditOptions& o) {
  AuditResult result;
  std::map<std::int64_t, AuditSegment> segments;
  const auto origins_spec = resolve_places(project.db(), o.from);
  const auto destinations_spec = resolve_places(project.db(), o.to);
  for (const auto& profile : o.profiles) {
    AnalysisContext ctx(project, o.network, profile, o.max_snap_m, o.scenario);
    const auto origins = ctx.add_places(origins_spec, true);
    const auto destinations = ctx.add_places(destinations_spec, true);
    for (const auto& [p, why] : ctx.skipped()) result.not_placed.push_back(fmt::format("{} ({}): {}", p.feature_id.value_or(p.label), profile, why));
    ctx.build(LaneOptions{LaneMode::prefer, o.mixed_penalty});
    const auto& strict = ctx.graph(LaneOptions{LaneMode::strict, 1.0});
    const auto& prefer = ctx.graph();
    // The routes over the cores, an origin per task: one strict search to all
    // its destinations, then one prefer search to those with no separated path
    // (routes_from). Each pair's route lands in its slot; merged below in pair
    // order, so the result does not depend on the threads. A cached hierarchy
    // for prefer answers the prefer routes pair by pair, as `route` would.
    struct Found {
      bool fully_separated = false;
      std::vector<Route> best;
    };
    std::vector<Found> found(origins.size() * destinations.size());
    const bool prefer_hierarchy = ctx.hierarchy(Metric::time, 1) != nullptr;
    std::vector<std::int32_t> destination_nodes;
    for (const auto to : destinations) destination_nodes.push_back(ctx.place(to).node);
    parallel_for(origins.size(), [&](std::size_t i) {
      const auto from = origins[i];
      Found* row = found.data() + i * destinations.size();
      auto separated = routes_from(strict, ctx.place(from).node, destination_nodes);
      std::vector<std::size_t> mixed;  // destinations with no separated path
      for (std::size_t j = 0; j < destinations.size(); ++j) {
        row[j].fully_separated = separated[j].has_value();
        if (separated[j]) row[j].best = {std::move(*separated[j])};
        else mixed.push_back(j);
      }
      if (prefer_hierarchy) {
        for (const auto j : mixed) row[j].best = routes(ctx, prefer, from, destinations[j], Metric::time);
        return;
      }
      std::vector<std::int32_t> mixed_nodes;
      for (const auto j : mixed) mixed_nodes.push_back(destination_nodes[j]);
      auto preferred = routes_from(prefer, ctx.place(from).node, mixed_nodes);  // prefer: least mixed-lane cost
      for (std::size_t m = 0; m < mixed.size(); ++m) {
        if (preferred[m]) row[mixed[m]].best = {std::move(*preferred[m])};
      }
    });
    for (std::size_t k = 0; k < found.size(); ++k) {
      const auto from = origins[k / destinations.size()], to = destinations[k % destinations.size()];
      AuditPair pair;
      pair.origin = ctx.place(from).place.feature_id.value_or(ctx.place(from).place.label);
      pair.destination = ctx.place(to).place.feature_id.value_or(ctx.place(to).place.label);
      pair.profile = profile;
      pair.fully_separated = found[k].fully_separated;
      if (!found[k].best.empty()) {
        const auto& r = found[k].best.front();
        pair.reachable = true;
        pair.dedicated_m = r.dedicated_m;
        pair.mixed_m = r.mixed_m;
        pair.time_s = r.time_s;
        pair.mixed = r.mixed;
        pair.geometry = r.geometry;
        for (const auto& m : r.mixed) {
          auto& s = segments[m.edge];
          const auto& e = ctx.network().edges[static_cast<std::size_t>(m.edge)];
          s.edge = m.edge;
          s.name = m.name;
          s.source_id = e.source_id;
          s.length_m = e.length_m;
          s.geometry = e.geometry;
          ++s.paths;
          s.profiles.insert(profile);
        }
      }
      result.pairs.push_back(std::move(pair));
    }
  }
  for (auto& [id, s] : segments) result.segments.push_back(std::move(s));
  std::sort(result.segments.begin(), result.segments.end(), [](const AuditSegment& a, const AuditSegment& b) {
    if (a.paths != b.paths) return a.paths > b.paths;
    if (a.length_m != b.length_m) return a.length_m > b.length_m;
    return a.edge < b.edge;
  });
  return result;
}

nlohmann::json audit_json(const AuditResult& r) {
  nlohmann::json pairs = nlohmann::json::array(), segments = nlohmann::json::array();
  for (const auto& p : r.pairs) {
    pairs.push_back({{"origin", p.origin}, {"destination", p.destination}, {"profile", p.profile},
                     {"reachable", p.reachable}, {"fully_separated", p.fully_separated},
                     {"dedicated_km", p.dedicated_m / 1000}, {"mixed_km", p.mixed_m / 1000}, {"time_min", p.time_s / 60}});
  }
  int rank = 0;
  for (const auto& s : r.segments) {
    segments.push_back({{"rank", ++rank}, {"edge", s.edge}, {"name", s.name}, {"source_id", s.source_id},
                        {"length_km", s.length_m / 1000}, {"paths", s.paths},
                        {"profiles", std::vector<std::string>(s.profiles.begin(), s.profiles.end())}});
    if (s.container_trucks) {
      segments.back()["container_trucks"] = *s.container_trucks;
      segments.back()["motorbikes"] = *s.motorbikes;
      segments.back()["conflict"] = s.conflict();
    }
  }
  return {{"pairs", pairs}, {"segments", segments}, {"mixed_km", r.mixed_km()}, {"fully_separated", r.fully_separated()},
          {"reachable", r.reachable()}, {"not_placed", r.not_placed}};
}

}  // namespace logiplan::routing
