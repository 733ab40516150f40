#pragma once
// Vehicle profiles (networks/profiles/*.json, or a planner's own file): which
// modes, classes, lanes and edges a vehicle may use, how fast, and which turn
// restrictions bind it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "network/model.hpp"

namespace logiplan::routing {

struct Profile {
  std::string name;
  std::string label_vi;
  std::string vehicle_class;                     // hgv, motorcar, motorcycle, rudimentary, bus
  std::set<std::string> restriction_classes;     // restriction:X and except=X that concern it
  std::set<network::Mode> modes;
  std::optional<double> weight_t, height_m;
  double max_speed_kmh = 0;
  std::set<std::string, std::less<>> forbidden_classes;
  std::map<std::string, double, std::less<>> class_speed_kmh;  // caps per class
  std::set<network::LaneUse> may_use;    // lane types it may drive in
  std::set<network::LaneUse> dedicated;  // lane types that count as dedicated to it
  std::map<network::LaneUse, double> lane_speed_kmh;  // speed in a lane of that type (e.g. a motorbike lane)
  std::string fingerprint;  // the profile's JSON, normalised: a cached routing graph is keyed on it

  // A built-in name (container_truck, truck, car, motorbike, rudimentary, bus,
  // freight_multimodal) or a path to a JSON file of the same shape. Throws
  // UsageError for an unknown name, DataError naming the file and field for a
  // bad file (unknown mode, lane type or class).
  static Profile load(const std::string& name_or_path);
  // A profile from JSON text; `where` names it in errors (DataError for bad JSON).
  static Profile from_json_text(std::string_view text, const std::string& where);
  static std::vector<std::string> builtin_names();

  // May it travel this edge in this direction? Mode, class, access, hgv,
  // weight, height and the lanes on offer all count.
  bool may_travel(const network::Edge& e, bool forward) const;
  // Speed on the edge in that direction, capped by the profile (class, and the
  // lane it drives in when that lane is dedicated to it); 0 if unusable.
  double speed_kmh(const network::Edge& e, bool forward) const;
  bool bound_by(const network::TurnRestriction& r) const;
};

}  // namespace logiplan::routing
