#pragma once
// Moving geometries between OGR (I/O, reprojection) and GEOS (validity, measures)
// through WKB, the one format both speak exactly.
#include "handles/gdal.hpp"
#include "handles/geos.hpp"

namespace logiplan::geom {

// nullptr with ctx.last_message() set when GEOS refuses the geometry.
geos::GeometryPtr to_geos(const geos::Context& ctx, const OGRGeometry& g);
gdal::GeometryPtr to_ogr(const geos::Context& ctx, const GEOSGeometry* g);

}  // namespace logiplan::geom
