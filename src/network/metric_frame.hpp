#pragma once
// A metric frame for network geometry work (snapping, attaching, near misses):
// the WGS84 UTM zone of a reference point. Within a few hundred km of the zone
// the scale error stays under 0.1 %, fine for distances of metres to km.
// A PROJ pipeline written out (degrees to radians, then UTM on the WGS84
// ellipsoid) rather than EPSG codes through OGR: the same operation PROJ picks
// for EPSG:4326 -> EPSG:326xx, without reading PROJ's database (about 30 ms of
// every routing command's start, most of a `route` process's own work).
#include "handles/geos.hpp"
#include "handles/proj.hpp"
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
  void apply(double& x, double& y, PJ_DIRECTION dir) const;
  int epsg_;
  proj::ContextPtr ctx_;
  proj::ObjectPtr utm_;
};

}  // namespace logiplan::network
