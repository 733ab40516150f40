#pragma once
// Result layers of an analysis: written to any GDAL format on request (--out)
// and recorded, with the run's parameters, in the project file.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "handles/gdal.hpp"
#include "handles/sqlite.hpp"
#include "network/model.hpp"

namespace logiplan::routing {

using Value = std::variant<std::monostate, std::string, std::int64_t, double>;

struct ResultLayer {
  std::string name;
  OGRwkbGeometryType geometry = wkbLineString;  // wkbPoint, wkbLineString/MultiLineString, wkbPolygon/MultiPolygon
  std::vector<std::pair<std::string, OGRFieldType>> fields;
  std::vector<std::pair<std::vector<Value>, gdal::GeometryPtr>> features;

  void add(std::vector<Value> values, gdal::GeometryPtr geometry) { features.emplace_back(std::move(values), std::move(geometry)); }
};

gdal::GeometryPtr line_geometry(const std::vector<network::LonLat>& points);
gdal::GeometryPtr point_geometry(network::LonLat p);

// Writes the layers; single-layer formats get OUT_<layer>.ext per layer. Returns the files.
std::vector<std::string> write_layers(const std::vector<ResultLayer>& layers, const std::string& path);

struct RunRecord {
  std::string kind;
  std::int64_t network_id = 0;
  std::string network_name;
  std::string profile;
  nlohmann::json params;
  nlohmann::json summary;
  double seconds = 0;
};

// Records the run and its layers in one transaction; returns the run id.
std::int64_t store_run(db::Database& db, const RunRecord& run, const std::vector<ResultLayer>& layers);

}  // namespace logiplan::routing
