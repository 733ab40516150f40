#pragma once
// Helpers shared by the tests: temporary folders, fixture files, project dumps.
#include <filesystem>
#include <string>
#include <vector>

#include "handles/gdal.hpp"
#include "handles/sqlite.hpp"
#include "project/project.hpp"

namespace logiplan::test {

// A fresh folder under the system temp dir, removed with its content.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& content);

// Converts a vector file with GDAL (ogr2ogr's library), e.g. GeoJSON -> XLSX.
void convert(const std::filesystem::path& from, const std::filesystem::path& to, const std::vector<std::string>& args = {});

// Every row of every user table (geometry as hex WKB): equal dumps mean equal content.
std::vector<std::string> dump_rows(db::Database& db);

// Second method for areas: Karney's exact geodesic polygon area (PROJ's
// geodesic.h) of a lon/lat polygon or multipolygon, holes subtracted, in m².
double geodesic_area_m2(const OGRGeometry& lonlat);

// ../shared, or "" (and the test should skip) when it is absent; with
// LOGIPLAN_REQUIRE_SHARED=1 in the environment (CI) its absence is a failure.
std::filesystem::path shared_dir();

// Every real OSM extract in ../shared/data/osm the routing suites run on, and a
// test name for one ("pt-porto.osm.pbf" -> "pt_porto").
const std::vector<std::string>& osm_extracts();
std::string extract_test_name(const std::string& file);

// The road network "main" built into `project` from a real OSM extract, as
// `logiplan network build --from EXTRACT` builds it.
void build_road_network(project::Project& project, const std::filesystem::path& extract);

}  // namespace logiplan::test
