#pragma once
// Candidate sites from zones (the FTZ sites, the economic zones: `areas` in the
// project). A zone is either one candidate, reached at its access point (where
// the nearest usable road meets it), or a grid of candidates every so many km
// inside it, of which those the network reaches are kept.
#include <string>
#include <vector>

#include "handles/sqlite.hpp"
#include "network/model.hpp"

namespace logiplan::siting {

struct Zone {
  std::string id, name, kind;
  // Its polygons; each a list of rings in lon/lat, the shell first.
  std::vector<std::vector<std::vector<network::LonLat>>> polygons;
};

// Zones by feature id or kind:KIND (free_trade_zone, economic_zone...), from the
// project's areas. UsageError naming a spec that matches no area.
std::vector<Zone> load_zones(db::Database& db, const std::vector<std::string>& specs);

struct GridPoint {
  network::LonLat at;
  int index = 0;  // 1, 2, ... in row order (south to north, west to east)
};
// Points every `spacing_m` inside the zone, on a square grid aligned to
// multiples of the spacing in the zone's UTM frame (so a grid is reproducible).
// UsageError when more than `limit` points would be made.
std::vector<GridPoint> zone_grid(const Zone& zone, double spacing_m, std::size_t limit = 20'000);

}  // namespace logiplan::siting
