#include "network/metric_frame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>


namespace logiplan::network {

MetricFrame::MetricFrame(LonLat centre) {
  const int zone = std::clamp(static_cast<int>(std::floor((centre.lon + 180.0) / 6.0)) + 1, 1, 60);
  epsg_ = (centre.lat >= 0 ? 32600 : 32700) + zone;
  ctx_.reset(proj_context_create());
  const auto pipeline =
      fmt::format("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=utm +zone={}{} +ellps=WGS84",
                  zone, centre.lat >= 0 ? "" : " +south");
  utm_.reset(proj_create(ctx_.get(), pipeline.c_str()));
  if (!utm_) {
    throw std::runtime_error(fmt::format("PROJ cannot make the UTM frame `{}`: {}", pipeline,
                                         proj_context_errno_string(ctx_.get(), proj_context_errno(ctx_.get()))));
  }
}

void MetricFrame::apply(double& x, double& y, PJ_DIRECTION dir) const {
  const PJ_COORD out = proj_trans(utm_.get(), dir, proj_coord(x, y, 0, 0));
  x = out.xy.x;
  y = out.xy.y;
}

MetricFrame MetricFrame::around(const std::vector<LonLat>& points) {
  double lon = 0, lat = 0;
  for (const auto& p : points) lon += p.lon, lat += p.lat;
  const double n = points.empty() ? 1.0 : static_cast<double>(points.size());
  return MetricFrame({lon / n, lat / n});
}

void MetricFrame::to_metric(double& x, double& y) const { apply(x, y, PJ_FWD); }
void MetricFrame::to_lonlat(double& x, double& y) const { apply(x, y, PJ_INV); }

geos::GeometryPtr MetricFrame::line(const geos::Context& ctx, const std::vector<LonLat>& points) const {
  return ctx.line_string(points, [this](const LonLat& p) {
    double x = p.lon, y = p.lat;
    to_metric(x, y);
    return std::pair{x, y};
  });
}

geos::GeometryPtr MetricFrame::polygon(const geos::Context& ctx, const std::vector<std::vector<LonLat>>& rings) const {
  if (rings.empty()) return nullptr;
  auto* h = ctx.get();
  auto ring = [&](const std::vector<LonLat>& pts) {
    auto* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(pts.size()), 2);
    for (unsigned k = 0; k < pts.size(); ++k) {
      double x = pts[k].lon, y = pts[k].lat;
      to_metric(x, y);
      GEOSCoordSeq_setXY_r(h, seq, k, x, y);
    }
    return GEOSGeom_createLinearRing_r(h, seq);
  };
  std::vector<GEOSGeometry*> holes;
  for (std::size_t r = 1; r < rings.size(); ++r) holes.push_back(ring(rings[r]));
  return ctx.own(GEOSGeom_createPolygon_r(h, ring(rings[0]), holes.data(), static_cast<unsigned>(holes.size())));
}

}  // namespace logiplan::network
