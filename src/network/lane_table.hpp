#pragma once
// A planner's lane table joined onto a built network: rows of (source_id | way_id
// | name) and lanes_forward / lanes_backward lane strings, e.g.
//
//   source_id,lanes_forward,lanes_backward
//   osm:way/123456,general|general|motorcycle,general|general|motorcycle
//   name,lanes_forward,lanes_backward
//   Đường Tân Vũ – Lạch Huyện,general|general|rudimentary,general|general|rudimentary
//
// Read through GDAL (CSV, XLSX, ODS). A row that matches no edge is an error.
#include <cstdint>
#include <string>

#include "network/model.hpp"

namespace logiplan::network {

// Returns the number of edges whose lanes were set.
std::int64_t apply_lane_table(Network& net, const std::string& path);

}  // namespace logiplan::network
