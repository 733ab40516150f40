#pragma once
// Freight-flow settings (networks/flows.json, or a planner's file of the same
// shape): PCU per vehicle class, capacity per lane by road class, default
// lanes, BPR parameters, and the factors of port truck generation and the
// gravity model. Each value in the file names its source.
#include <map>
#include <optional>
#include <string>

namespace logiplan::flows {

struct PortTruckFactors {
  double teu_per_truck = 1.6, tonnes_per_truck = 25, working_days = 350, peak_hour_share = 0.1;
  double empty_trip_share = 0.6, rail_share = 0.01, barge_share = 0.1;
};

struct FlowSettings {
  std::map<std::string, double, std::less<>> pcu;  // by profile name
  std::map<std::string, double, std::less<>> capacity_per_lane;
  std::map<std::string, double, std::less<>> default_lanes;
  double bpr_alpha = 0.15, bpr_beta = 4.0;
  PortTruckFactors port;
  double gravity_beta_per_minute = 0.05;

  // The built-in file with `override_path`'s values on top. DataError naming
  // the file and key for a bad value (a negative PCU, a capacity of 0).
  static FlowSettings load(const std::optional<std::string>& override_path = std::nullopt);
  double pcu_of(const std::string& profile) const;  // UsageError naming the known classes
  double capacity_of(const std::string& road_class) const;
  double lanes_of(const std::string& road_class) const;
};

}  // namespace logiplan::flows
