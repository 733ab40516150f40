#pragma once
// A metric frame for network geometry work (snapping, attaching, near misses):
// the WGS84 UTM zone of a reference point. Within a few hundred km of the zone
// the scale error stays under 0.1 %, fine for distances of metres to km.
#include "handles/gdal.hpp"
#include "handles/geos.hpp"
#include "network/model.hpp"

namespace logiplan::network {

class MetricFrame {
 public:
  explicit MetricFrame(LonLat centre);
  // The frame centred on the mean of the points.
  static MetricFrame around(const std::vector<LonLat>& points);
  void to_metric(double& x, double& y) const;
  void to_lonlat(double& x, double& y) const;
  int epsg() const { return epsg_; }
  // The line in metres, as a GEOS geometry.
  geos::GeometryPtr line(const geos::Context& ctx, const std::vector<LonLat>& points) const;
  // The polygon in metres; `rings` in lon/lat, the shell first, then the holes.
  geos::GeometryPtr polygon(const geos::Context& ctx, const std::vector<std::vector<LonLat>>& rings) const;

 private:
  int epsg_;
  gdal::CoordinateTransformationPtr fwd_, inv_;
};

}  // namespace logiplan::network
