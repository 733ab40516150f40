#include <algorithm>
#include <limits>
#include <map>

#include "crs/named_crs.hpp"
#include "network/metric_frame.hpp"
#include "routing/analyses.hpp"

namespace logiplan::routing {

std::vector<ServiceArea> service_areas(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                       std::vector<double> cutoffs_s, double buffer_m) {
  const auto& g = ctx.graph();
  std::sort(cutoffs_s.begin(), cutoffs_s.end());
  // Earliest arrival at every node from any origin, searching no further than the largest cutoff.
  std::vector<double> best(g.node_count(), std::numeric_limits<double>::infinity());
  SearchOptions o;
  o.cutoff = cutoffs_s.back();
  for (const auto origin : origins) {
    const auto tree = search(g, ctx.place(origin).node, o);
    for (std::int32_t n = 0; n < static_cast<std::int32_t>(g.node_count()); ++n) {
      best[static_cast<std::size_t>(n)] = std::min(best[static_cast<std::size_t>(n)], tree.to_node(g, n));
    }
  }
  std::vector<network::LonLat> all;
  for (std::size_t n = 0; n < g.node_count(); ++n) all.push_back(g.node_position(static_cast<std::int32_t>(n)));
  const auto frame = network::MetricFrame::around(all);
  geos::Context gctx;
  auto* h = gctx.get();

  std::vector<ServiceArea> out;
  for (const double cutoff : cutoffs_s) {
    ServiceArea area;
    area.cutoff_s = cutoff;
    std::vector<GEOSGeometry*> points;  // every vertex reached, in metres
    std::map<std::int32_t, double> piece_share;  // both directions of a piece count once
    for (std::size_t a = 0; a < g.arcs().size(); ++a) {
      const auto& arc = g.arcs()[a];
      if (arc.edge < 0) continue;
      const double start = best[static_cast<std::size_t>(arc.tail)];
      if (!(start <= cutoff)) continue;
      // Partly reached when the cutoff falls inside the arc (the turn onto it is not re-checked).
      const double share = arc.time_s > 0 ? std::min(1.0, (cutoff - start) / arc.time_s) : 1.0;
      auto geom = g.arc_geometry(a);
      if (share < 1.0) {
        // Keep the first `share` of the arc's length.
        double total = 0;
        for (std::size_t i = 1; i < geom.size(); ++i) {
          total += std::hypot(geom[i].lon - geom[i - 1].lon, geom[i].lat - geom[i - 1].lat);
        }
        double left = share * total;
        std::vector<network::LonLat> cut{geom.front()};
        for (std::size_t i = 1; i < geom.size() && left > 0; ++i) {
          const double seg = std::hypot(geom[i].lon - geom[i - 1].lon, geom[i].lat - geom[i - 1].lat);
          if (seg <= left) {
            cut.push_back(geom[i]);
            left -= seg;
          } else {
            const double t = left / seg;
            cut.push_back({geom[i - 1].lon + t * (geom[i].lon - geom[i - 1].lon), geom[i - 1].lat + t * (geom[i].lat - geom[i - 1].lat)});
            left = 0;
          }
        }
        geom = cut;
      }
      if (geom.size() < 2) continue;
      auto& best_share = piece_share[arc.piece];
      if (share > best_share) {
        area.reached_km += (share - best_share) * arc.length_m / 1000;
        best_share = share;
      }
      for (const auto& p : geom) {
        double x = p.lon, y = p.lat;
        frame.to_metric(x, y);
        points.push_back(GEOSGeom_createPointFromXY_r(h, x, y));
      }
      area.reached.emplace_back(std::move(geom), arc.edge);
    }
    if (!points.empty()) {
      // The area: a concave hull of the reached vertices (GEOS), widened by buffer_m
      // so a single road still has an area. Buffering the reached lines themselves
      // is exact but costs minutes and gigabytes on a city network.
      auto cloud = gctx.own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())));
      auto hull = gctx.own(GEOSConcaveHull_r(h, cloud.get(), 0.3, 0));
      auto merged = gctx.own(GEOSBuffer_r(h, hull ? hull.get() : cloud.get(), buffer_m, 4));
      // Back to lon/lat.
      const auto wkb = gctx.to_wkb(merged.get());
      OGRGeometry* og = nullptr;
      OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &og, wkb.size());
      area.polygon.reset(og);
      OGRSpatialReference utm;
      utm.importFromEPSG(frame.epsg());
      utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      auto ct = gdal::make_transformation(utm, crs::wgs84());
      area.polygon->transform(ct.get());
    }
    out.push_back(std::move(area));
  }
  return out;
}

}  // namespace logiplan::routing
