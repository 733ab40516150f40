#pragma once
// Corridors in the project: a name, the places it runs through (in order), its
// modes and road profile, a context buffer; and its traced path per mode,
// network version and scenario, kept so that a rebuilt network's path can be
// compared with the last one (what changed).
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"
#include "network/model.hpp"

namespace logiplan::corridor {

struct CorridorDef {
  std::int64_t id = 0;
  std::string name;
  std::string profile = "container_truck";  // the road vehicle
  std::string network = "main";
  std::vector<network::Mode> modes{network::Mode::road};
  std::vector<std::string> through;          // place specs: ids, names, kind:KIND, lon,lat
  std::optional<std::string> from_feature;   // a corridor_link feature it was drawn from
  double buffer_km = 2;
};

struct PathEdge {
  std::int64_t edge = 0;
  bool forward = true;
  std::string source_id;  // survives a rebuild, unlike the edge index
  double metres = 0;      // the part of the edge the path uses
};

struct StoredPath {
  std::string mode, scenario;  // scenario "" for the base
  std::int64_t network_id = 0;
  std::vector<PathEdge> edges;
  double length_m = 0, time_s = 0;
};

// Stores a definition (DataError if the name exists and not `replace`; the old
// corridor's paths go with it). One transaction.
std::int64_t save_corridor(db::Database& db, const CorridorDef& def, bool replace);
// DataError naming the corridors there are.
CorridorDef load_corridor(db::Database& db, const std::string& name);
std::vector<CorridorDef> list_corridors(db::Database& db);
void delete_corridor(db::Database& db, const std::string& name);

// The first and last points of a corridor feature's line (the corridors layer), or nullopt.
std::optional<std::pair<network::LonLat, network::LonLat>> corridor_feature_ends(db::Database& db, const std::string& feature_id);

// The path last stored for the corridor, mode and scenario (any network version).
std::optional<StoredPath> last_path(db::Database& db, std::int64_t corridor_id, const std::string& mode, const std::string& scenario);
// Stores (or replaces) the path of a network version, with its geometry (lon/lat lines).
void save_path(db::Database& db, std::int64_t corridor_id, const StoredPath& path,
               const std::vector<std::vector<network::LonLat>>& lines);

}  // namespace logiplan::corridor
