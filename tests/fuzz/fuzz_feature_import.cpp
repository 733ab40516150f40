// libFuzzer: feature import (CSV or GeoJSON through GDAL, field mapping, CRS,
// GEOS validity, attributes as JSON). The first byte picks the format. Every
// import runs inside a transaction that is rolled back, so the project stays small.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "handles/sqlite.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto project = logiplan::project::Project::create(
      std::filesystem::temp_directory_path() / "logiplan-fuzz-import.sqlite", true);
  if (size == 0) return 0;
  const bool csv = data[0] & 1;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  logiplan::gdal::ensure_registered();
  logiplan::gdal::VsiMemFile file(csv ? "fuzz.csv" : "fuzz.geojson", bytes);
  logiplan::io::ImportOptions o;
  o.kind = "icd";
  o.make_valid = data[0] & 2;
  o.force_location = data[0] & 4;
  if (csv) o.source_crs = "wgs84";
  logiplan::db::Transaction outer(project.db());  // never committed
  try {
    logiplan::io::import_features(project, file.path(), o);
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  return 0;
}
