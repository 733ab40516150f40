#include "sample/haiphong_sample.hpp"

#include <cpl_vsi.h>

#include <string>

#include "handles/gdal.hpp"
#include "sample/embedded_files.hpp"

namespace logiplan::sample {

namespace {
// Order matters only for the report: facilities, then zones, then corridors.
constexpr const char* kLayers[] = {"samples/haiphong/sites.geojson", "samples/haiphong/areas.geojson",
                                   "samples/haiphong/corridors.geojson"};

// An embedded file exposed to GDAL as /vsimem/logiplan/<path>, removed on scope exit.
class MemFile {
 public:
  MemFile(const std::string& path, std::string_view data) : path_("/vsimem/logiplan/" + path) {
    VSIFCloseL(VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(data.data())),
                                    static_cast<vsi_l_offset>(data.size()), FALSE));
  }
  ~MemFile() { VSIUnlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};
}  // namespace

std::vector<io::ImportReport> load_haiphong_sample(project::Project& project, const Progress& progress) {
  gdal::ensure_registered();
  std::vector<io::ImportReport> reports;
  for (const char* layer : kLayers) {
    for (const auto& file : embedded_files()) {
      if (file.path != layer) continue;
      MemFile mem(std::string(file.path), file.data);
      io::ImportOptions options;  // kind, status, ... come from the files' own fields
      reports.push_back(io::import_features(project, mem.path(), options, progress));
    }
  }
  return reports;
}

}  // namespace logiplan::sample
