#include "crs/point_transform.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "crs/named_crs.hpp"

namespace logiplan::crs {

PointTransformer::PointTransformer(std::string_view from, std::string_view to) : ctx_(proj_context_create()) {
  const std::string a = definition(from);
  const std::string b = definition(to);
  proj::ObjectPtr raw(proj_create_crs_to_crs(ctx_.get(), a.c_str(), b.c_str(), nullptr));
  if (!raw) {
    throw UsageError(fmt::format("cannot transform from '{}' to '{}': {}", from, to,
                                 proj_context_errno_string(ctx_.get(), proj_context_errno(ctx_.get()))));
  }
  // EPSG:4326 is lat, lon in PROJ; users and files speak lon, lat.
  op_.reset(proj_normalize_for_visualization(ctx_.get(), raw.get()));
  if (!op_) throw UsageError(fmt::format("cannot normalise axis order for '{}' -> '{}'", from, to));
}

XY PointTransformer::apply(XY p, PJ_DIRECTION dir) const {
  const PJ_COORD out = proj_trans(op_.get(), dir, proj_coord(p.x, p.y, 0, HUGE_VAL));
  if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) {
    throw DataError(fmt::format("point ({}, {}) cannot be transformed: outside the CRS's area?", p.x, p.y));
  }
  return {out.xy.x, out.xy.y};
}

XY PointTransformer::forward(XY p) const { return apply(p, PJ_FWD); }
XY PointTransformer::inverse(XY p) const { return apply(p, PJ_INV); }

}  // namespace logiplan::crs
