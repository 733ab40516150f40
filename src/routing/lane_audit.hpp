#pragma once
// The port ↔ logistics-centre lane audit (action plan, section IV.3: roads
// linking ports and logistics centres need lanes dedicated to motorbikes and
// rudimentary vehicles, no mixed lanes). For every OD pair and vehicle class:
// is there a fully separated path (strict lanes)? If not, the best path when
// mixed metres cost `mixed_penalty` times more, and its mixed segments. The
// segments are ranked by how many pair × class paths use them: the upgrade list.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "project/project.hpp"
#include "routing/route.hpp"

namespace logiplan::routing {

struct AuditOptions {
  std::string network = "main";
  std::optional<std::string> scenario;
  std::vector<std::string> profiles = {"motorbike", "rudimentary", "container_truck"};
  std::vector<std::string> from = {"kind:seaport"};
  std::vector<std::string> to = {"kind:logistics_centre"};
  double mixed_penalty = 5.0;
  std::optional<double> max_snap_m;
};

struct AuditPair {
  std::string origin, destination, profile;  // feature ids (or labels)
  bool reachable = false;
  bool fully_separated = false;  // a path exists on dedicated lanes only
  double dedicated_m = 0, mixed_m = 0, time_s = 0;
  std::vector<MixedSegment> mixed;
  std::vector<network::LonLat> geometry;
};

struct AuditSegment {
  std::int64_t edge = 0;
  std::string name, source_id;
  double length_m = 0;  // of the edge
  int paths = 0;        // pair x class paths that use it in mixed traffic
  std::set<std::string> profiles;
  std::vector<network::LonLat> geometry;
  // With the volumes of an assignment run (lanes audit --volumes): the
  // container trucks and motorbikes on the edge in the run's period.
  std::optional<double> container_trucks, motorbikes;
  double conflict() const { return container_trucks.value_or(0) * motorbikes.value_or(0); }
};

struct AuditResult {
  std::vector<AuditPair> pairs;
  std::vector<AuditSegment> segments;  // ranked: most paths first, then longest
  std::vector<std::string> not_placed;
  double mixed_km() const;             // summed over pair x class paths
  int fully_separated() const;
  int reachable() const;
};

AuditResult lane_audit(project::Project& project, const AuditOptions& options);

nlohmann::json audit_json(const AuditResult& r);

}  // namespace logiplan::routing
