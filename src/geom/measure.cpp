#include "geom/measure.hpp"

#include <fmt/format.h>
#include <geodesic.h>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "geom/ogr_geos.hpp"

namespace logiplan::geom {

double area_m2(const geos::Context& ctx, const OGRGeometry& lonlat) {
  OGREnvelope env;
  lonlat.getEnvelope(&env);
  OGRSpatialReference laea;
  const std::string def = fmt::format("+proj=laea +lat_0={:.9f} +lon_0={:.9f} +datum=WGS84 +units=m +no_defs",
                                      (env.MinY + env.MaxY) / 2, (env.MinX + env.MaxX) / 2);
  laea.importFromProj4(def.c_str());
  laea.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  auto ct = gdal::make_transformation(crs::wgs84(), laea);
  gdal::GeometryPtr projected(lonlat.clone());
  if (projected->transform(ct.get()) != OGRERR_NONE) throw DataError("cannot project geometry to measure its area");
  auto gg = to_geos(ctx, *projected);
  double area = 0;
  if (!gg || GEOSArea_r(ctx.get(), gg.get(), &area) != 1) throw DataError("GEOS cannot measure area: " + ctx.last_message());
  return area;
}

namespace {
double line_length(const geod_geodesic& g, const OGRSimpleCurve& line) {
  double total = 0;
  for (int i = 1; i < line.getNumPoints(); ++i) {
    double s12 = 0;
    geod_inverse(&g, line.getY(i - 1), line.getX(i - 1), line.getY(i), line.getX(i), &s12, nullptr, nullptr);
    total += s12;
  }
  return total;
}
}  // namespace

namespace {
const geod_geodesic& wgs84_geodesic() {
  static const geod_geodesic g = [] {
    geod_geodesic out{};
    geod_init(&out, 6378137.0, 1 / 298.257223563);
    return out;
  }();
  return g;
}
}  // namespace

double geodesic_distance_m(double lon1, double lat1, double lon2, double lat2) {
  double s12 = 0;
  geod_inverse(&wgs84_geodesic(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
  return s12;
}

double geodesic_length_m(const OGRGeometry& lonlat) {
  const geod_geodesic& g = wgs84_geodesic();
  switch (wkbFlatten(lonlat.getGeometryType())) {
    case wkbLineString: return line_length(g, *lonlat.toLineString());
    case wkbMultiLineString: {
      double total = 0;
      for (const OGRLineString* part : *lonlat.toMultiLineString()) total += line_length(g, *part);
      return total;
    }
    default: return 0;
  }
}

}  // namespace logiplan::geom
