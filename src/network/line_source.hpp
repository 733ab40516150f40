#pragma once
// Reads a planner's line layer (Shapefile, GeoPackage, GeoJSON... in any CRS)
// into raw lines. Lines meet where they share a vertex; an endpoint within the
// snap tolerance of another vertex is moved onto it. Lines that merely cross
// do not meet, unless node_crossings asks for junctions at every crossing (for
// sources drawn without noding).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/progress.hpp"
#include "io/field_mapping.hpp"
#include "network/build_settings.hpp"
#include "network/raw_lines.hpp"

namespace logiplan::network {

struct LineSourceOptions {
  std::optional<Mode> mode;                      // else from a mode field
  std::map<std::string, std::string> field_map;  // target -> field
  std::optional<std::string> layer;
  std::optional<std::string> source_crs;
  bool node_crossings = false;
};

// Targets a line layer's fields can feed.
const io::MappingSchema& line_schema();

// `next_vertex_id` hands out vertex ids (negative, so they never meet OSM ids)
// and is advanced past the ids used.
RawNetwork read_line_layer(const std::string& path, const LineSourceOptions& options, const BuildSettings& settings,
                           std::int64_t& next_vertex_id, const Progress& progress = {});

}  // namespace logiplan::network
