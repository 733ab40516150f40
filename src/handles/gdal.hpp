#pragma once
// RAII for GDAL/OGR handles, written once. GDAL is registered on first use
// through a function-local static; GDAL's own messages are captured (not
// printed) so that errors can name the file and carry GDAL's reason.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace logiplan::gdal {

void ensure_registered();

// GDAL's last error message, or "" when there is none.
std::string last_error();

struct CoordinateTransformationDeleter {
  void operator()(OGRCoordinateTransformation* ct) const noexcept { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformationPtr = std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;
using DatasetPtr = GDALDatasetUniquePtr;
using FeaturePtr = OGRFeatureUniquePtr;
using GeometryPtr = std::unique_ptr<OGRGeometry>;

// Opens a vector dataset read-only, or throws DataError naming the file and why.
DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// A layer's features in order, for range-for. GDAL reports a read failure (a
// line over the CSV size limit, a truncated file, a corrupt record) as the end
// of the layer plus an error message; this range throws DataError naming the
// file and the last feature read instead, so a bad source never imports half.
class Features {
 public:
  Features(OGRLayer& layer, std::string path) : layer_(&layer), path_(std::move(path)) {}
  class iterator {
   public:
    iterator() = default;
    explicit iterator(Features* owner) : owner_(owner) { ++*this; }
    FeaturePtr& operator*() { return current_; }
    iterator& operator++();
    bool operator!=(const iterator& other) const { return current_ != nullptr || other.current_ != nullptr; }

   private:
    Features* owner_ = nullptr;
    FeaturePtr current_;
  };
  iterator begin() {
    layer_->ResetReading();
    return iterator(this);
  }
  iterator end() { return {}; }

 private:
  friend class iterator;
  OGRLayer* layer_;
  std::string path_;
  std::int64_t read_ = 0;
  GIntBig last_fid_ = OGRNullFID;
};

// Builds a transformation; both CRSs use lon/lat (traditional GIS) axis order.
CoordinateTransformationPtr make_transformation(const OGRSpatialReference& from, const OGRSpatialReference& to);

// GDAL's C string lists (char**), owned.
class StringList {
 public:
  StringList() = default;
  explicit StringList(const std::vector<std::string>& items);
  StringList(const StringList&) = delete;
  StringList& operator=(const StringList&) = delete;
  ~StringList();
  void add(const std::string& item);
  char** get() const { return list_; }

 private:
  char** list_ = nullptr;
};

// Bytes exposed to GDAL as a /vsimem/ file, unlinked on destruction. The bytes
// are copied and owned here (a temporary once freed under GDAL: found by fuzzing).
class VsiMemFile {
 public:
  VsiMemFile(const std::string& name, std::string_view data);
  ~VsiMemFile();
  VsiMemFile(const VsiMemFile&) = delete;
  VsiMemFile& operator=(const VsiMemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string data_;
};

}  // namespace logiplan::gdal
