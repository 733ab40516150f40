#include "handles/gdal.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace logiplan::gdal {

void ensure_registered() {
  static const bool registered = [] {
    GDALAllRegister();
    // Keep GDAL quiet on stderr; callers read CPLGetLastErrorMsg() into their own errors.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    // A CSV cell may be long (a pasted document, a WKT coastline): no line limit,
    // unless the user set one. Over a limit GDAL would stop reading mid-file.
    if (!CPLGetConfigOption("OGR_CSV_MAX_LINE_SIZE", nullptr)) CPLSetConfigOption("OGR_CSV_MAX_LINE_SIZE", "-1");
    return true;
  }();
  (void)registered;
}

std::string last_error() {
  const char* msg = CPLGetLastErrorMsg();
  return msg ? msg : "";
}

DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
  ensure_registered();
  std::error_code ec;
  const bool is_virtual = path.rfind("/vsi", 0) == 0;
  if (!is_virtual && !std::filesystem::exists(path, ec)) {
    throw DataError(fmt::format("{}: no such file", path));
  }
  StringList options(open_options);
  CPLErrorReset();
  DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.get(), nullptr));
  if (!ds) {
    const std::string why = last_error();
    throw DataError(fmt::format("{}: not a vector data source GDAL can read{}", path,
                                why.empty() ? std::string() : " (" + why + ")"));
  }
  return ds;
}

Features::iterator& Features::iterator::operator++() {
  CPLErrorReset();
  current_.reset(owner_->layer_->GetNextFeature());
  if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal) {
    const std::string which = owner_->read_ == 0 ? "the first feature"
                                                 : fmt::format("the feature after FID {} ({} read)", owner_->last_fid_,
                                                               owner_->read_);
    throw DataError(fmt::format("{}: layer '{}': GDAL failed to read {}: {}", owner_->path_,
                                owner_->layer_->GetName(), which, last_error()));
  }
  if (current_) {
    ++owner_->read_;
    owner_->last_fid_ = current_->GetFID();
  }
  return *this;
}

CoordinateTransformationPtr make_transformation(const OGRSpatialReference& from, const OGRSpatialReference& to) {
  CPLErrorReset();
  CoordinateTransformationPtr ct(OGRCreateCoordinateTransformation(&from, &to));
  if (!ct) {
    throw DataError(fmt::format("cannot transform from {} to {}: {}", from.GetName() ? from.GetName() : "?",
                                to.GetName() ? to.GetName() : "?", last_error()));
  }
  return ct;
}

StringList::StringList(const std::vector<std::string>& items) {
  for (const auto& item : items) add(item);
}
StringList::~StringList() { CSLDestroy(list_); }
void StringList::add(const std::string& item) { list_ = CSLAddString(list_, item.c_str()); }

VsiMemFile::VsiMemFile(const std::string& name, std::string_view data)
    : path_("/vsimem/logiplan/" + name), data_(data) {
  VSIFCloseL(VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(data_.data()),
                                  static_cast<vsi_l_offset>(data_.size()), FALSE));
}
VsiMemFile::~VsiMemFile() { VSIUnlink(path_.c_str()); }

}  // namespace logiplan::gdal
