#pragma once
// Lanes of one direction of a road and what each is for. Parsed from OSM lane
// tags (network/osm_lane_tags) or from a planner's lane strings such as
// "general|general|motorcycle|rudimentary".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace logiplan::network {

enum class LaneUse : std::uint8_t {
  general,      // mixed traffic
  hgv,          // trucks / freight
  motorcycle,   // motorbikes (xe máy)
  rudimentary,  // rudimentary vehicles (xe thô sơ): carts, cyclos, bicycles with loads
  bus,
  bicycle,
};

std::string_view lane_use_name(LaneUse u);
std::optional<LaneUse> parse_lane_use(std::string_view s);

struct Lanes {
  std::vector<LaneUse> uses;  // left to right in the direction of travel
  std::size_t count() const { return uses.size(); }
  bool has(LaneUse u) const;
  std::string str() const;  // "general|general|motorcycle", "" when unknown
  bool operator==(const Lanes&) const = default;
};

// Parses "general|motorcycle"; throws UsageError naming a lane type no one knows.
Lanes parse_lanes(std::string_view text);

}  // namespace logiplan::network
