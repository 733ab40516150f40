#include "siting/zone_candidates.hpp"

#include <fmt/format.h>
#include <ogr_geometry.h>

#include <cmath>

#include "core/error.hpp"
#include "handles/geos.hpp"
#include "network/metric_frame.hpp"
#include "project/vocabulary.hpp"

namespace logiplan::siting {

namespace {

std::vector<std::vector<network::LonLat>> rings_of(const OGRPolygon& p) {
  std::vector<std::vector<network::LonLat>> rings;
  auto add = [&](const OGRLinearRing* r) {
    if (!r) return;
    std::vector<network::LonLat> pts;
    for (int k = 0; k < r->getNumPoints(); ++k) pts.push_back({r->getX(k), r->getY(k)});
    rings.push_back(std::move(pts));
  };
  add(p.getExteriorRing());
  for (int k = 0; k < p.getNumInteriorRings(); ++k) add(p.getInteriorRing(k));
  return rings;
}

Zone zone_of(db::Statement& st) {
  Zone z{st.column_text(0), st.column_text(1), st.column_text(2), {}};
  const std::string wkt = st.column_text(3);
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE || !raw) {
    throw DataError(fmt::format("zone '{}': its stored geometry cannot be read", z.id));
  }
  std::unique_ptr<OGRGeometry> g(raw);
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) z.polygons.push_back(rings_of(*g->toPolygon()));
  else if (type == wkbMultiPolygon) {
    for (const auto* p : *g->toMultiPolygon()) z.polygons.push_back(rings_of(*p));
  }
  if (z.polygons.empty()) throw DataError(fmt::format("zone '{}' has no polygon", z.id));
  return z;
}

constexpr const char* kSelect = "SELECT feature_id, name, kind, AsText(geom) FROM areas";

}  // namespace

std::vector<Zone> load_zones(db::Database& db, const std::vector<std::string>& specs) {
  std::vector<Zone> out;
  for (const auto& spec : specs) {
    const std::size_t before = out.size();
    if (spec.rfind("kind:", 0) == 0) {
      const auto& kind = project::find_kind(spec.substr(5));
      auto st = db.prepare(std::string(kSelect) + " WHERE kind = ? ORDER BY feature_id");
      st.bind(1, kind.kind);
      while (st.step()) out.push_back(zone_of(st));
    } else {
      auto st = db.prepare(std::string(kSelect) + " WHERE feature_id = ?");
      st.bind(1, spec);
      while (st.step()) out.push_back(zone_of(st));
    }
    if (out.size() == before) {
      throw UsageError(fmt::format("zone '{}': no area (polygon feature) in the project has this id or kind "
                                   "(list them with `logiplan layers`)",
                                   spec));
    }
  }
  return out;
}

std::vector<GridPoint> zone_grid(const Zone& zone, double spacing_m, std::size_t limit) {
  if (!(spacing_m > 0)) throw UsageError(fmt::format("grid spacing {} m: must be positive", spacing_m));
  std::vector<network::LonLat> all;
  for (const auto& poly : zone.polygons) all.insert(all.end(), poly[0].begin(), poly[0].end());
  const auto frame = network::MetricFrame::around(all);
  geos::Context ctx;
  auto* h = ctx.get();
  std::vector<GridPoint> out;
  int index = 0;
  for (const auto& poly : zone.polygons) {
    auto g = frame.polygon(ctx, poly);
    if (!g) throw DataError(fmt::format("zone '{}': a polygon GEOS cannot build ({})", zone.id, ctx.last_message()));
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    GEOSGeom_getXMin_r(h, g.get(), &x0), GEOSGeom_getYMin_r(h, g.get(), &y0);
    GEOSGeom_getXMax_r(h, g.get(), &x1), GEOSGeom_getYMax_r(h, g.get(), &y1);
    const double cells = std::ceil((x1 - x0) / spacing_m + 1) * std::ceil((y1 - y0) / spacing_m + 1);
    if (cells > static_cast<double>(limit)) {
      throw UsageError(fmt::format("zone '{}': a grid every {} km would test {:.0f} points (at most {}); use a wider "
                                   "--grid-km",
                                   zone.id, spacing_m / 1000, cells, limit));
    }
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, g.get());
    for (double y = std::ceil(y0 / spacing_m) * spacing_m; y <= y1; y += spacing_m) {
      for (double x = std::ceil(x0 / spacing_m) * spacing_m; x <= x1; x += spacing_m) {
        auto pt = ctx.own(GEOSGeom_createPointFromXY_r(h, x, y));
        if (GEOSPreparedContains_r(h, prepared, pt.get()) != 1) continue;
        double lon = x, lat = y;
        frame.to_lonlat(lon, lat);
        out.push_back({{lon, lat}, ++index});
      }
    }
    GEOSPreparedGeom_destroy_r(h, prepared);
  }
  return out;
}

}  // namespace logiplan::siting
