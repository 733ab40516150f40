#pragma once
// What lies along a corridor and what the plans already promise there: the
// features within its buffer (geodesic distance to the path, SpatiaLite on the
// WGS84 ellipsoid) and the plan tasks linked to them, with deadlines and agencies.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/corridor_trace.hpp"
#include "tasks/task_query.hpp"

namespace logiplan::corridor {

struct NearbyFeature {
  std::string layer, feature_id, kind, name;
  double distance_m = 0;
};

struct CorridorContext {
  std::string corridor;
  double buffer_km = 0;
  std::vector<NearbyFeature> features;  // nearest first
  std::vector<tasks::TaskRecord> tasks;  // linked to those features; by deadline
  nlohmann::json summary() const;
  std::string text() const;
};

CorridorContext corridor_context(project::Project& project, const CorridorTrace& trace);

}  // namespace logiplan::corridor
