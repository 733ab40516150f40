#pragma once
// Geometry validity, checked and repaired with GEOS.
#include <optional>
#include <string>

#include "crs/point_transform.hpp"
#include "handles/gdal.hpp"
#include "handles/geos.hpp"

namespace logiplan::geom {

struct GeometryProblem {
  std::string reason;          // "Self-intersection", "ring 1 is not closed", ...
  std::optional<crs::XY> where;  // in the geometry's own coordinates
};

// nullopt when the geometry is valid. Unclosed rings are found before GEOS sees
// the geometry (GEOS cannot even build one), then GEOS's validity rules apply.
std::optional<GeometryProblem> find_problem(const geos::Context& ctx, const OGRGeometry& g);

// Closes open rings, then repairs with GEOSMakeValid; keeps the parts of the
// input's dimension (a repaired polygon may shed zero-area spikes as lines).
gdal::GeometryPtr make_valid(const geos::Context& ctx, const OGRGeometry& g);

}  // namespace logiplan::geom
