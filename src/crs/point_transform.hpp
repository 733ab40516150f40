#pragma once
// Point transformations through PROJ with EPSG definitions and PROJ's choice of
// datum shift. Axis order is normalised: geographic CRSs speak lon, lat.
#include <string_view>

#include "handles/proj.hpp"

namespace logiplan::crs {

struct XY {
  double x = 0;  // easting or longitude
  double y = 0;  // northing or latitude
};

class PointTransformer {
 public:
  // from/to: anything crs::definition() accepts.
  PointTransformer(std::string_view from, std::string_view to);
  XY forward(XY p) const;
  XY inverse(XY p) const;

 private:
  XY apply(XY p, PJ_DIRECTION dir) const;
  proj::ContextPtr ctx_;
  proj::ObjectPtr op_;
};

}  // namespace logiplan::crs
