#pragma once
// Networks in the project file: nodes and edges with geometry and spatial
// indexes (so QGIS shows them), restrictions, and the sources and settings of
// the build (so a network can be rebuilt and a result traced to its inputs).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "handles/sqlite.hpp"
#include "network/model.hpp"

namespace logiplan::network {

struct NetworkInfo {
  std::int64_t id = 0;  // grows with each build: the network's version
  std::string name;
  std::string built_at;
  nlohmann::json sources;
  nlohmann::json settings;
  nlohmann::json stats;
  std::int64_t node_count = 0;
  std::int64_t edge_count = 0;
};

// Saves in one transaction; refuses an existing name unless `replace`.
std::int64_t save_network(db::Database& db, const std::string& name, const Network& net, const nlohmann::json& sources,
                          const nlohmann::json& settings, bool replace);

std::optional<NetworkInfo> find_network(db::Database& db, const std::string& name);
std::vector<NetworkInfo> list_networks(db::Database& db);

// Loads a stored network; throws DataError listing the stored names when absent.
// Without geometry it loads the graph and attributes only (what routing needs).
Network load_network(db::Database& db, const std::string& name, bool with_geometry = true);

nlohmann::json stats_json(const BuildStats& s);

// Adds a planner's turn restriction to a stored network (e.g. a banned U-turn
// for trucks at an interchange), after checking that both edges exist and meet
// at the via node. Restrictions belong to the network version: a rebuild starts
// from the sources again. Returns the restriction's row id.
std::int64_t add_restriction(db::Database& db, const std::string& network, const TurnRestriction& r);

}  // namespace logiplan::network
