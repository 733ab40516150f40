#pragma once
// Lengths and areas in metres for WGS84 (lon/lat) geometries. Never in degrees:
// areas are taken in a Lambert azimuthal equal-area projection centred on the
// geometry (equal-area, so exact up to rounding); lengths are geodesic on the
// WGS84 ellipsoid (Karney's algorithm, PROJ's geodesic.h), exact at any scale,
// from a city street to the Lào Cai–Hải Phòng railway.
#include "handles/gdal.hpp"
#include "handles/geos.hpp"

namespace logiplan::geom {

double area_m2(const geos::Context& ctx, const OGRGeometry& lonlat);
double geodesic_length_m(const OGRGeometry& lonlat);
// Metres between two lon/lat points on the WGS84 ellipsoid.
double geodesic_distance_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace logiplan::geom
