#include "handles/geos.hpp"

#include <cstdarg>
#include <cstdio>

namespace logiplan::geos {

namespace {
void store_message(const char* message, void* userdata) { *static_cast<std::string*>(userdata) = message; }

struct WkbReaderDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSWKBReader* r) const noexcept { GEOSWKBReader_destroy_r(ctx, r); }
};
struct WkbWriterDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSWKBWriter* w) const noexcept { GEOSWKBWriter_destroy_r(ctx, w); }
};
}  // namespace

Context::Context() : message_(std::make_unique<std::string>()), ctx_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(ctx_.get(), store_message, message_.get());
}

GeometryPtr Context::from_wkb(const unsigned char* wkb, std::size_t size) const {
  message_->clear();
  std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> reader(GEOSWKBReader_create_r(ctx_.get()),
                                                           WkbReaderDeleter{ctx_.get()});
  return own(GEOSWKBReader_read_r(ctx_.get(), reader.get(), wkb, size));
}

std::basic_string<unsigned char> Context::to_wkb(const GEOSGeometry* g) const {
  std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter> writer(GEOSWKBWriter_create_r(ctx_.get()),
                                                           WkbWriterDeleter{ctx_.get()});
  std::size_t size = 0;
  unsigned char* buf = GEOSWKBWriter_write_r(ctx_.get(), writer.get(), g, &size);
  std::basic_string<unsigned char> out(buf, size);
  GEOSFree_r(ctx_.get(), buf);
  return out;
}

}  // namespace logiplan::geos
