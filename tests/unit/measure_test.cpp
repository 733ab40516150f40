#include <gtest/gtest.h>

#include "geom/measure.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
gdal::GeometryPtr wkt(const char* text) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(text, nullptr, &g);
  return gdal::GeometryPtr(g);
}
}  // namespace

TEST(Measure, AreaMatchesGeodesicPolygonArea) {
  const geos::Context ctx;
  // Roughly the Đình Vũ peninsula, a few km across.
  auto g = wkt("POLYGON((106.74 20.83,106.83 20.81,106.84 20.84,106.78 20.86,106.74 20.83))");
  const double laea = geom::area_m2(ctx, *g);
  const double geodesic = test::geodesic_area_m2(*g);
  EXPECT_NEAR(laea / geodesic, 1.0, 1e-6);
  EXPECT_GT(laea, 1e7);  // tens of km²: a sanity bound, not the check
}

TEST(Measure, LargeZoneAreaStillExact) {
  const geos::Context ctx;
  auto g = wkt("POLYGON((106.5 20.5,107.0 20.5,107.0 21.0,106.5 21.0,106.5 20.5))");
  // With 55 km edges the two methods draw different edges (geodesics vs straight
  // lines in the projection; ~1e-5 apart). Short edges make it the same polygon.
  g->segmentize(0.005);
  EXPECT_NEAR(geom::area_m2(ctx, *g) / test::geodesic_area_m2(*g), 1.0, 1e-6);
}

TEST(Measure, GeodesicLengthMatchesGeodCli) {
  // `echo "20 106 21 106" | geod +ellps=WGS84 -I +units=m` -> 110710.615 m
  auto meridian = wkt("LINESTRING(106 20,106 21)");
  EXPECT_NEAR(geom::geodesic_length_m(*meridian), 110710.615, 0.001);
  // Tân Vũ -> Lạch Huyện gate, straight: geod gives 14238.513 m
  auto tvlh = wkt("MULTILINESTRING((106.77 20.84,106.90 20.80))");
  EXPECT_NEAR(geom::geodesic_length_m(*tvlh), 14238.513, 0.001);
}
