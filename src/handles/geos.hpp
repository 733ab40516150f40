#pragma once
// RAII for the reentrant GEOS C API, written once. A Context owns the handle and
// the last message GEOS reported on it (kept on the heap so moves stay valid).
#include <geos_c.h>

#include <memory>
#include <string>
#include <string_view>

namespace logiplan::geos {

struct ContextFinisher {
  void operator()(GEOSContextHandle_HS* ctx) const noexcept { GEOS_finish_r(ctx); }
};

struct GeometryDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(GEOSGeometry* g) const noexcept {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

struct StrTreeDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(GEOSSTRtree* t) const noexcept {
    if (t) GEOSSTRtree_destroy_r(ctx, t);
  }
};
using StrTreePtr = std::unique_ptr<GEOSSTRtree, StrTreeDeleter>;

class Context {
 public:
  Context();
  GEOSContextHandle_t get() const { return ctx_.get(); }
  // The last error GEOS reported through this context.
  const std::string& last_message() const { return *message_; }

  // WKB in, geometry out; nullptr with last_message() set when GEOS refuses it.
  GeometryPtr from_wkb(const unsigned char* wkb, std::size_t size) const;
  std::basic_string<unsigned char> to_wkb(const GEOSGeometry* g) const;
  GeometryPtr own(GEOSGeometry* g) const { return GeometryPtr(g, GeometryDeleter{ctx_.get()}); }
  // An STRtree (node capacity 10); the items it holds are the caller's.
  StrTreePtr make_strtree() const { return StrTreePtr(GEOSSTRtree_create_r(ctx_.get(), 10), StrTreeDeleter{ctx_.get()}); }
  // A linestring from x, y pairs.
  template <class Points, class XY>
  GeometryPtr line_string(const Points& points, XY xy) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_.get(), static_cast<unsigned>(points.size()), 2);
    unsigned i = 0;
    for (const auto& p : points) {
      const auto [x, y] = xy(p);
      GEOSCoordSeq_setXY_r(ctx_.get(), seq, i++, x, y);
    }
    return own(GEOSGeom_createLineString_r(ctx_.get(), seq));
  }

 private:
  std::unique_ptr<std::string> message_;  // handler user data: must outlive ctx_
  std::unique_ptr<GEOSContextHandle_HS, ContextFinisher> ctx_;
};

}  // namespace logiplan::geos
