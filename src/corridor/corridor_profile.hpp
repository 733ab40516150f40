#pragma once
// A corridor's profile: its path as ordered segments (consecutive edges alike in
// road, lanes, lane status, speed and structure) with cumulative km, lanes per
// direction and their types, the lane status for the plan's classes, speed and
// time per vehicle class, bridges and tunnels; the turn restrictions met and the
// facilities it serves; and its bottlenecks: lane drops, speed drops,
// single-lane stretches, mixed lanes on a port ↔ logistics-centre path,
// segments whose loss splits the network, and (with an assignment run) high V/C.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/corridor_trace.hpp"
#include "routing/results.hpp"

namespace logiplan::corridor {

struct ClassTime {
  std::string profile;
  double minutes = 0;
  bool allowed = true;  // may the class use every edge of the segment
};

struct Segment {
  double from_km = 0, to_km = 0, length_m = 0;
  std::string name, ref, road_class;
  int lanes_ahead = 0, lanes_back = 0;  // 0: not known; lanes_back -1: one-way
  std::string lane_types;               // ahead, left to right: general|motorcycle
  std::string lane_status;              // dedicated, partial, mixed (roads), or the mode
  bool bridge = false, tunnel = false;
  double speed_kmh = 0;                 // the corridor vehicle's
  std::vector<ClassTime> classes;
  std::optional<double> vc;             // the highest V/C of its edges in the run
  bool splits_network = false;          // an edge whose loss disconnects the network
  std::vector<std::int64_t> edges;
  std::vector<std::string> source_ids;
  std::vector<network::LonLat> geometry;
};

struct Bottleneck {
  std::string kind;  // lane_drop, speed_drop, single_lane, mixed_lanes, network_bridge, high_vc
  double km = 0;
  std::string road, detail;  // detail in English; a (and b): its figures, for other languages
  network::LonLat at;
  double a = 0, b = 0;
  // To match across scenarios: the kind, the road and where (to 100 m).
  std::string key() const { return fmt::format("{} | {} | km {:.1f}", kind, road, km); }
};

struct TurnMet {
  double km = 0;
  std::string kind;
  std::int64_t via_node = 0, to_edge = 0;
};

struct Served {
  double km = 0;
  std::string feature_id, name, kind;
};

struct ProfileOptions {
  std::vector<std::string> classes{"container_truck", "truck", "car", "motorbike"};
  std::map<std::int64_t, double> vc;  // edge -> V/C (from an assignment run)
  std::optional<std::int64_t> volumes_run;
  double high_vc = 0.9;
  double speed_drop_kmh = 20;
};

struct CorridorProfile {
  std::string corridor, mode, profile;
  std::optional<std::string> scenario;
  std::vector<std::string> places;
  std::vector<double> place_km;
  std::vector<std::string> missing;
  std::optional<PathChange> change;
  std::vector<Segment> segments;
  std::vector<Bottleneck> bottlenecks;
  std::vector<TurnMet> turns;
  std::vector<Served> served;
  double length_km = 0, minutes = 0;
  bool port_to_logistics = false;  // the plan's clause applies: no mixed lanes

  double km_with_status(const std::string& status) const;
  double class_minutes(const std::string& profile) const;  // NaN if the class may not use it all
  nlohmann::json summary() const;
  std::string text() const;
  // corridor_segments (lines) and corridor_bottlenecks (points).
  std::vector<routing::ResultLayer> layers() const;
};

CorridorProfile build_profile(project::Project& project, const CorridorTrace& trace, const ProfileOptions& options);

}  // namespace logiplan::corridor
