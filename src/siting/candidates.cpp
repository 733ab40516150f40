#include "siting/candidates.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "siting/zone_candidates.hpp"

namespace logiplan::siting {

std::vector<std::string> CandidateSpecs::describe() const {
  std::vector<std::string> out = places;
  for (const auto& z : zones) out.push_back("zone:" + z);
  if (grid_km) out.push_back(fmt::format("grid-km:{}", *grid_km));
  return out;
}

std::vector<CandidateSite> resolve_candidates(db::Database& db, routing::AnalysisContext& ctx, const CandidateSpecs& specs,
                                              LeftOut& left_out) {
  if (specs.grid_km && specs.zones.empty()) throw UsageError("--grid-km makes a grid inside --zones; give the zones");
  std::vector<CandidateSite> out;
  for (const auto& s : specs.places) {
    const bool kind = s.rfind("kind:", 0) == 0;
    for (const auto i : ctx.add_places(routing::resolve_places(db, s), kind)) {
      const auto& p = ctx.place(i).place;
      out.push_back({p.feature_id.value_or(p.label), p.label, p.feature_id, p.position, i});
    }
  }
  for (const auto& zone : load_zones(db, specs.zones)) {
    if (!specs.grid_km) {
      std::optional<std::pair<network::LonLat, double>> best;
      for (const auto& poly : zone.polygons) {
        const auto hit = ctx.access_point(poly);
        if (hit && (!best || hit->second < best->second)) best = hit;
      }
      if (!best || best->second > ctx.max_snap_m()) {
        left_out.emplace_back(zone.id, best ? fmt::format("the nearest usable road is {:.0f} m from the zone (maximum {:.0f} "
                                                          "m; change it with --max-snap)",
                                                          best->second, ctx.max_snap_m())
                                            : std::string("no road this profile may use"));
        continue;
      }
      const auto i = ctx.add_places({routing::Place{zone.name, zone.id, zone.kind, best->first}}).front();
      out.push_back({zone.id, zone.name, zone.id, best->first, i, true});
      continue;
    }
    std::size_t kept = 0;
    const auto points = zone_grid(zone, *specs.grid_km * 1000);
    for (const auto& g : points) {
      const std::string id = fmt::format("{}/g{}", zone.id, g.index);
      const auto added = ctx.add_places({routing::Place{id, std::nullopt, "grid", g.at}}, true);
      if (added.empty()) continue;
      out.push_back({id, fmt::format("{}, ô {}", zone.name, g.index), zone.id, g.at, added.front()});
      ++kept;
    }
    if (kept == 0) {
      left_out.emplace_back(zone.id, fmt::format("none of its {} grid points is within {:.0f} m of a road this profile may "
                                                 "use",
                                                 points.size(), ctx.max_snap_m()));
    }
  }
  return out;
}

}  // namespace logiplan::siting
