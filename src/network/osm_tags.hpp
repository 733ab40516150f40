#pragma once
// Reading routing attributes from OSM tags: one-way rules, speeds, weights,
// heights, and the lanes of each direction. Right-hand traffic is assumed (Viet
// Nam, and every extract we test on), so `:right` is the forward side.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "network/lanes.hpp"

namespace logiplan::network {

using Tags = std::map<std::string, std::string, std::less<>>;

std::string_view tag(const Tags& tags, std::string_view key);  // "" when absent

struct Oneway {
  bool forward = true;
  bool backward = true;
};
// oneway=yes/true/1, -1/reverse; implied by junction=roundabout and by the
// classes the settings mark (motorway); oneway=no overrides implication.
Oneway parse_oneway(const Tags& tags, bool implied);

// "60", "60 km/h", "40 mph", "walk"; nullopt for "none", "signals", "VN:urban"...
std::optional<double> parse_speed_kmh(std::string_view v);
// "10", "10 t", "7.5t", "10000 kg", "5 st"(no) -> tonnes.
std::optional<double> parse_weight_t(std::string_view v);
// "4.5", "4.5 m", "14'6\"" -> metres.
std::optional<double> parse_height_m(std::string_view v);

// Lanes per direction (forward, backward) from lanes, lanes:forward/backward,
// the *:lanes access tags (access, motor_vehicle, motorcar, motorcycle, moped,
// hgv, bus, psv, bicycle, with :forward/:backward), motorcycle=designated,
// busway* and cycleway*. An unknown count gives empty Lanes.
std::pair<Lanes, Lanes> parse_osm_lanes(const Tags& tags, Oneway oneway);

}  // namespace logiplan::network
