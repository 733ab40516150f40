#pragma once
// `logiplan network check`: the problems a planner fixes before trusting
// analyses: how many pieces the network is in, dead ends, ends that nearly
// meet, loops, edges without speed, and facilities that could not attach.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "network/attach.hpp"
#include "network/model.hpp"

namespace logiplan::network {

struct Problem {
  std::string type;  // dangle, near_miss, self_loop, no_speed, unattached, mode_missed
  std::string detail;
  LonLat where;
  std::optional<std::int64_t> node, edge;
  std::optional<double> distance_m;
  std::string feature_id;
};

struct CheckReport {
  std::int64_t nodes = 0, edges = 0;
  std::vector<std::int64_t> weak_component_sizes;    // nodes per component, largest first
  std::vector<std::int64_t> strong_component_sizes;  // by the open directions
  std::map<std::string, std::int64_t> components_by_mode;  // weak components of each mode's own edges
  std::int64_t dangles = 0, near_misses = 0, self_loops = 0, no_speed = 0;
  std::int64_t unattached = 0;     // facilities attached to no mode at all
  std::int64_t modes_missed = 0;   // facility/mode pairs beyond reach (a port with no waterway near)
  std::vector<Problem> problems;
};

// near_miss_m: dead ends within this distance of a node they are not joined to.
CheckReport check_network(const Network& net, const std::vector<Attachment>& attachments, double near_miss_m);

nlohmann::json check_json(const CheckReport& r, const nlohmann::json& build_stats);

// Writes the problems as a point layer "network_problems" (GeoPackage etc.).
void write_problems(const CheckReport& r, const std::string& path);

}  // namespace logiplan::network
