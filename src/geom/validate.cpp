#include "geom/validate.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "geom/ogr_geos.hpp"

namespace logiplan::geom {

namespace {
std::optional<GeometryProblem> open_ring(const OGRPolygon& poly, int part) {
  int ring_no = 0;
  for (const OGRLinearRing* ring : poly) {
    ++ring_no;
    if (ring->getNumPoints() > 0 && !ring->get_IsClosed()) {
      const std::string where = part > 0 ? fmt::format(" of part {}", part) : "";
      return GeometryProblem{
          fmt::format("ring {}{} is not closed: first point ({:.10g}, {:.10g}) differs from last point ({:.10g}, {:.10g})", ring_no,
                      where, ring->getX(0), ring->getY(0), ring->getX(ring->getNumPoints() - 1),
                      ring->getY(ring->getNumPoints() - 1)),
          crs::XY{ring->getX(0), ring->getY(0)}};
    }
  }
  return std::nullopt;
}

std::optional<GeometryProblem> find_open_ring(const OGRGeometry& g) {
  const auto type = wkbFlatten(g.getGeometryType());
  if (type == wkbPolygon) return open_ring(*g.toPolygon(), 0);
  if (type == wkbMultiPolygon) {
    int part = 0;
    for (const OGRPolygon* poly : *g.toMultiPolygon()) {
      if (auto p = open_ring(*poly, ++part)) return p;
    }
  }
  return std::nullopt;
}

int dimension_of(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint: case wkbMultiPoint: return 0;
    case wkbLineString: case wkbMultiLineString: return 1;
    case wkbPolygon: case wkbMultiPolygon: return 2;
    default: return -1;
  }
}
}  // namespace

std::optional<GeometryProblem> find_problem(const geos::Context& ctx, const OGRGeometry& g) {
  if (auto p = find_open_ring(g)) return p;
  auto gg = to_geos(ctx, g);
  if (!gg) return GeometryProblem{ctx.last_message(), std::nullopt};
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  const char valid = GEOSisValidDetail_r(ctx.get(), gg.get(), 0, &reason, &location);
  if (valid == 1) return std::nullopt;
  GeometryProblem problem{reason ? reason : ctx.last_message(), std::nullopt};
  if (location) {
    double x = 0, y = 0;
    if (GEOSGeomGetX_r(ctx.get(), location, &x) == 1 && GEOSGeomGetY_r(ctx.get(), location, &y) == 1) {
      problem.where = crs::XY{x, y};
    }
    GEOSGeom_destroy_r(ctx.get(), location);
  }
  GEOSFree_r(ctx.get(), reason);
  return problem;
}

gdal::GeometryPtr make_valid(const geos::Context& ctx, const OGRGeometry& g) {
  gdal::GeometryPtr closed(g.clone());
  closed->closeRings();
  auto gg = to_geos(ctx, *closed);
  if (!gg) throw DataError(fmt::format("cannot repair geometry: {}", ctx.last_message()));
  auto fixed = ctx.own(GEOSMakeValid_r(ctx.get(), gg.get()));
  if (!fixed) throw DataError(fmt::format("cannot repair geometry: {}", ctx.last_message()));
  auto out = to_ogr(ctx, fixed.get());
  const int want = dimension_of(g.getGeometryType());
  if (wkbFlatten(out->getGeometryType()) != wkbGeometryCollection) return out;
  // Keep the parts of the original dimension only.
  gdal::GeometryPtr kept;
  if (want == 2) kept = std::make_unique<OGRMultiPolygon>();
  else if (want == 1) kept = std::make_unique<OGRMultiLineString>();
  else kept = std::make_unique<OGRMultiPoint>();
  auto* coll = kept->toGeometryCollection();
  for (const OGRGeometry* part : *out->toGeometryCollection()) {
    if (dimension_of(part->getGeometryType()) != want) continue;
    if (auto* multi = dynamic_cast<const OGRGeometryCollection*>(part)) {
      for (const OGRGeometry* sub : *multi) coll->addGeometry(sub);
    } else {
      coll->addGeometry(part);
    }
  }
  if (coll->IsEmpty()) throw DataError("repair left nothing of the geometry's own dimension");
  return kept;
}

}  // namespace logiplan::geom
