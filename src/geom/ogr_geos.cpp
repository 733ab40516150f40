#include "geom/ogr_geos.hpp"

#include <vector>

#include "core/error.hpp"

namespace logiplan::geom {

geos::GeometryPtr to_geos(const geos::Context& ctx, const OGRGeometry& g) {
  std::vector<unsigned char> wkb(g.WkbSize());
  g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return ctx.from_wkb(wkb.data(), wkb.size());
}

gdal::GeometryPtr to_ogr(const geos::Context& ctx, const GEOSGeometry* g) {
  const auto wkb = ctx.to_wkb(g);
  OGRGeometry* out = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &out, wkb.size()) != OGRERR_NONE) {
    throw DataError("internal: GEOS produced WKB that OGR cannot read");
  }
  return gdal::GeometryPtr(out);
}

}  // namespace logiplan::geom
