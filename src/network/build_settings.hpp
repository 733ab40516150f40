#pragma once
// Network build settings: routable classes per mode with default speeds, snap
// tolerance, facility attachment rules. Defaults live in
// networks/build-defaults.json (compiled in); a user file overrides them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "network/model.hpp"

namespace logiplan::network {

struct ClassDefaults {
  double speed_kmh = 0;
  bool oneway = false;
};

struct BuildSettings {
  std::map<Mode, std::map<std::string, ClassDefaults, std::less<>>> classes;
  double snap_tolerance_m = 1.0;
  double near_miss_m = 10.0;
  double attach_max_distance_m = 3000;
  std::map<std::string, std::vector<Mode>> attach_modes;  // feature kind -> modes it attaches to
  std::map<std::string, double> transfer_minutes;          // feature kind -> transfer time
  nlohmann::json json;  // what was used, recorded with the network

  // The compiled-in defaults, merged with `override_file` when given.
  static BuildSettings load(const std::optional<std::string>& override_file = std::nullopt);

  const ClassDefaults* find(Mode mode, std::string_view road_class) const;
};

}  // namespace logiplan::network
