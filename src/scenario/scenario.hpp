#pragma once
// Scenarios: named sets of edits over a base network — set the lanes of
// segments, close links, add new links (e.g. a new access road to Nam Đồ Sơn).
// Stored in the project (scenarios, scenario_edits) and applied in memory by
// every analysis run with --scenario NAME; the base network is never modified.
// Segments are chosen by edge id, by source id (osm:way/123, network.geojson:x)
// or by road name (diacritics optional); an edit that matches nothing is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "handles/sqlite.hpp"
#include "network/model.hpp"
#include "network/network_store.hpp"

namespace logiplan::scenario {

struct Target {
  std::optional<std::int64_t> edge;
  std::string source_id;
  std::string name;
  std::string describe() const;
};

struct Edit {
  std::string kind;  // set_lanes, close_link, add_link
  Target target;     // set_lanes, close_link
  std::optional<std::string> lanes_forward, lanes_backward;  // set_lanes, add_link
  // add_link
  std::vector<network::LonLat> geometry;
  std::string name;
  std::string road_class;
  std::optional<double> speed_kmh;
  bool oneway = false;

  nlohmann::json to_json() const;
  static Edit from_json(const std::string& kind, const nlohmann::json& j, const std::string& where = "edit");
};

struct ScenarioInfo {
  std::int64_t id = 0;
  std::string name, network_name, description, created_at;
  std::int64_t edits = 0;
};

// Throws DataError when the name exists or the network does not.
void create_scenario(db::Database& db, const std::string& name, const std::string& network_name,
                     const std::string& description);
// Validates the edit against the base network (lane types, targets) before storing it.
void add_edit(db::Database& db, const std::string& scenario, const Edit& edit);
std::vector<ScenarioInfo> list_scenarios(db::Database& db);
std::vector<Edit> scenario_edits(db::Database& db, const std::string& scenario);
void delete_scenario(db::Database& db, const std::string& scenario);

// Creates a scenario from a JSON definition {name, network, description, edits: [{kind, ...}]}
// (samples/haiphong/scenario-port-lanes-2030.json); `where` names it in errors. Returns its name.
std::string import_scenario(db::Database& db, const nlohmann::json& definition, const std::string& where);

// Applies the scenario's edits to a loaded copy of its base network.
void apply_scenario(db::Database& db, const std::string& scenario, const network::NetworkInfo& info, network::Network& net);

}  // namespace logiplan::scenario
