#pragma once
// What every source reader produces before topology is built: lines with their
// attributes and the ids of their vertices (shared ids mark junctions), plus
// turn restrictions in terms of source line ids.
#include <cstdint>
#include <string>
#include <vector>

#include "network/model.hpp"

namespace logiplan::network {

struct RawLine {
  std::int64_t line_id = 0;  // OSM way id; feature FID for other sources
  Edge attributes;           // everything but from/to/length/geometry
  std::vector<std::int64_t> node_ids;
  std::vector<LonLat> coords;
};

struct RawRestriction {
  std::string kind;
  std::int64_t from_line = 0;
  std::int64_t via_node = 0;
  std::int64_t to_line = 0;
  std::string vehicles = "all";
  std::string except;
  std::string source_id;
};

struct RawNetwork {
  std::vector<RawLine> lines;
  std::vector<RawRestriction> restrictions;
  BuildStats stats;
};

}  // namespace logiplan::network
