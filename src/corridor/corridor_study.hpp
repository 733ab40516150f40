#pragma once
// The corridor studies a planner runs, over the routing core: a corridor's
// profile (path, segments, bottlenecks) on the base or a scenario, optionally
// with an assignment run's V/C; its modes side by side; and scenarios compared.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/corridor_profile.hpp"

namespace logiplan::corridor {

struct CorridorStudy {
  std::string name;
  network::Mode mode = network::Mode::road;
  std::optional<std::string> scenario;
  std::optional<std::int64_t> volumes_run;  // an assignment run: V/C per segment, high-V/C bottlenecks
};

struct CorridorOutcome {
  CorridorTrace trace;
  CorridorProfile profile;
};

// DataError for an unknown corridor or a mode it was not defined with; the path
// is stored for the network version (re-snapped when the network changed).
CorridorOutcome run_corridor_profile(project::Project& project, const CorridorStudy& study);

// Records the profile as an analysis run (kind "corridor") with its
// corridor_segments and corridor_bottlenecks layers, for export-qgis.
std::int64_t store_corridor_run(db::Database& db, const CorridorStudy& study, const CorridorOutcome& outcome);

// Time and km by each mode between the corridor's ends and its intermediate
// places, and (for a multimodal corridor) by all of them with transfers.
struct ModeLegs {
  std::string mode, profile;  // mode "combined": freight_multimodal, changing mode where the build allows
  int mode_changes = 0;
  std::vector<double> place_km, place_minutes;  // cumulative at each through place
  std::vector<std::string> missing;
};
struct ModesComparison {
  std::string corridor;
  std::vector<std::string> places;
  std::vector<ModeLegs> modes;
  nlohmann::json summary() const;
  std::string text() const;
};
ModesComparison compare_modes(project::Project& project, const std::string& name, const std::optional<std::string>& scenario);

// The profile on the base and on scenarios: time per class, mixed km, the
// bottlenecks each removes and adds against the first.
struct ScenarioComparison {
  std::vector<std::string> names;
  std::vector<CorridorProfile> profiles;
  nlohmann::json summary() const;
  std::string text() const;
};
ScenarioComparison compare_scenarios(project::Project& project, const CorridorStudy& study, const std::vector<std::string>& scenarios);

}  // namespace logiplan::corridor
