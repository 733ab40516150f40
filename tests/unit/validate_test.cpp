#include <gtest/gtest.h>

#include "geom/measure.hpp"
#include "geom/validate.hpp"

using namespace logiplan;

namespace {
gdal::GeometryPtr wkt(const char* text) {
  OGRGeometry* g = nullptr;
  EXPECT_EQ(OGRGeometryFactory::createFromWkt(text, nullptr, &g), OGRERR_NONE);
  return gdal::GeometryPtr(g);
}
}  // namespace

TEST(Validate, ValidPolygonHasNoProblem) {
  const geos::Context ctx;
  EXPECT_FALSE(geom::find_problem(ctx, *wkt("POLYGON((0 0,1 0,1 1,0 1,0 0))")).has_value());
}

TEST(Validate, BowtieIsASelfIntersectionAtTheCrossing) {
  //  (0,1) *   * (1,1)
  //          X  <- crossing at (0.5, 0.5)
  //  (0,0) *   * (1,0)
  const geos::Context ctx;
  const auto p = geom::find_problem(ctx, *wkt("POLYGON((0 0,1 1,1 0,0 1,0 0))"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->reason, "Self-intersection");
  ASSERT_TRUE(p->where.has_value());
  EXPECT_DOUBLE_EQ(p->where->x, 0.5);
  EXPECT_DOUBLE_EQ(p->where->y, 0.5);
}

TEST(Validate, UnclosedRingIsNamed) {
  const geos::Context ctx;
  OGRPolygon poly;
  OGRLinearRing ring;
  ring.addPoint(0, 0);
  ring.addPoint(1, 0);
  ring.addPoint(1, 1);
  ring.addPoint(0, 1);  // not back to (0,0)
  poly.addRing(&ring);
  const auto p = geom::find_problem(ctx, poly);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->reason, "ring 1 is not closed: first point (0, 0) differs from last point (0, 1)");
}

TEST(Validate, MakeValidSplitsABowtieIntoTwoTriangles) {
  const geos::Context ctx;
  auto fixed = geom::make_valid(ctx, *wkt("POLYGON((0 0,1 1,1 0,0 1,0 0))"));
  EXPECT_EQ(wkbFlatten(fixed->getGeometryType()), wkbMultiPolygon);
  EXPECT_EQ(fixed->toMultiPolygon()->getNumGeometries(), 2);
  // Two triangles of 1/4 each (planar, unit square).
  EXPECT_DOUBLE_EQ(fixed->toMultiPolygon()->get_Area(), 0.5);
  EXPECT_FALSE(geom::find_problem(ctx, *fixed).has_value());
}

TEST(Validate, MakeValidClosesOpenRings) {
  const geos::Context ctx;
  OGRPolygon poly;
  OGRLinearRing ring;
  ring.addPoint(0, 0);
  ring.addPoint(2, 0);
  ring.addPoint(2, 2);
  ring.addPoint(0, 2);
  poly.addRing(&ring);
  auto fixed = geom::make_valid(ctx, poly);
  EXPECT_DOUBLE_EQ(fixed->toPolygon()->get_Area(), 4.0);
}
