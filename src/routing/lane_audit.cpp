#include "routing/lane_audit.hpp"

#include <fmt/format.h>

#include <algorithm>

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
    // The pairs' routes over the cores (two searches each: strict, then prefer
    // when no separated path exists), each into its pair's slot; merged below in
    // pair order, so the result does not depend on the threads.
    struct Found {
      bool fully_separated = false;
      std::vector<Route> best;
    };
    std::vector<Found> found(origins.size() * destinations.size());
    parallel_for(found.size(), [&](std::size_t k) {
      const auto from = origins[k / destinations.size()], to = destinations[k % destinations.size()];
      auto& f = found[k];
      f.best = routes(ctx, strict, from, to, Metric::time);
      f.fully_separated = !f.best.empty();
      if (f.best.empty()) f.best = routes(ctx, prefer, from, to, Metric::time);  // prefer: least mixed-lane cost
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
