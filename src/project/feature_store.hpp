#pragma once
// Reading and writing features in the project's three feature tables
// (sites: points, areas: polygons, corridors: lines).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"
#include "project/vocabulary.hpp"

namespace logiplan::project {

struct FeatureRecord {
  std::string feature_id;
  std::string kind;
  std::string name;
  std::optional<std::string> status;
  std::optional<double> capacity;
  std::optional<std::string> capacity_unit;
  std::optional<double> area_ha;
  std::optional<std::string> source;
  std::optional<std::string> location_basis;
  bool approximate = false;
  std::optional<std::string> mode;      // corridors only
  std::optional<double> length_km;      // corridors only
  std::string attrs_json = "{}";
  GeometryClass geometry = GeometryClass::point;
  std::vector<unsigned char> wkb;       // WGS84 lon/lat, 2D
  std::optional<std::int64_t> import_run;
};

class FeatureStore {
 public:
  explicit FeatureStore(db::Database& db) : db_(db) {}
  // The layer that holds this id, or nullopt.
  std::optional<std::string> layer_of(const std::string& feature_id);
  void remove(const std::string& feature_id);
  void insert(const FeatureRecord& f);

 private:
  db::Database& db_;
};

struct LayerKindSummary {
  std::string layer;
  std::string kind;
  std::int64_t count = 0;
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;  // lon/lat
};

// Counts and extents per layer and kind, in layer then kind order.
std::vector<LayerKindSummary> summarize_layers(db::Database& db);

}  // namespace logiplan::project
