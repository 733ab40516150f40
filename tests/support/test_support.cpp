#include "support/test_support.hpp"

#include <fmt/format.h>
#include <gdal_utils.h>
#include <geodesic.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>

#include "handles/gdal.hpp"
#include "network/build.hpp"

namespace logiplan::test {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / fmt::format("logiplan-test-{:x}", rd());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

void convert(const std::filesystem::path& from, const std::filesystem::path& to, const std::vector<std::string>& args) {
  gdal::ensure_registered();
  auto src = gdal::open_vector(from.string());
  gdal::StringList argv(args);
  GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.get(), nullptr);
  GDALDatasetH h = GDALDataset::ToHandle(src.get());
  int usage = 0;
  GDALDatasetH out = GDALVectorTranslate(to.string().c_str(), nullptr, 1, &h, opts, &usage);
  GDALVectorTranslateOptionsFree(opts);
  if (!out) throw std::runtime_error("convert failed: " + gdal::last_error());
  GDALClose(out);
}

std::vector<std::string> dump_rows(db::Database& db) {
  std::vector<std::string> rows;
  for (const char* table : {"meta", "sites", "areas", "corridors", "import_runs", "kinds"}) {
    auto st = db.prepare(fmt::format("SELECT * FROM {} ORDER BY 1", table));
    while (st.step()) {
      std::string row = table;
      for (int c = 0; c < st.column_count(); ++c) {
        row += "|" + st.column_text(c);
      }
      rows.push_back(row);
    }
  }
  return rows;
}

namespace {
double ring_area(const geod_geodesic& g, const OGRLinearRing& ring) {
  std::vector<double> lats, lons;
  for (int i = 0; i + 1 < ring.getNumPoints(); ++i) {
    lons.push_back(ring.getX(i));
    lats.push_back(ring.getY(i));
  }
  double area = 0, perimeter = 0;
  geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
  return std::abs(area);
}

double polygon_area(const geod_geodesic& g, const OGRPolygon& poly) {
  double area = 0;
  int i = 0;
  for (const OGRLinearRing* ring : poly) area += (i++ == 0 ? 1 : -1) * ring_area(g, *ring);
  return area;
}
}  // namespace

double geodesic_area_m2(const OGRGeometry& lonlat) {
  geod_geodesic g{};
  geod_init(&g, 6378137.0, 1 / 298.257223563);
  if (wkbFlatten(lonlat.getGeometryType()) == wkbPolygon) return polygon_area(g, *lonlat.toPolygon());
  double area = 0;
  for (const OGRPolygon* p : *lonlat.toMultiPolygon()) area += polygon_area(g, *p);
  return area;
}

std::filesystem::path shared_dir() {
  const std::filesystem::path dir = LOGIPLAN_SHARED_DIR;
  if (std::filesystem::exists(dir / "data")) return dir;
  const char* require = std::getenv("LOGIPLAN_REQUIRE_SHARED");
  if (require && std::string(require) == "1") {
    ADD_FAILURE() << "shared data folder missing: " << dir;
  }
  return {};
}

const std::vector<std::string>& osm_extracts() {
  static const std::vector<std::string> files{
      "ru-moscow-restrictions.osm.gz", "mc-monaco.osm.pbf", "li-liechtenstein.osm.pbf", "ad-andorra.osm.pbf",
      "vn-hcmc-district3.osm", "vn-hcmc-district5.osm", "vn-hcmc-thuduc-hcmute.osm", "vn-hanoi-dongda-vanmieu.osm",
      "vn-hanoi-inner-drive-2025.osm.pbf", "pt-porto.osm.pbf", "de-heidelberg.osm.pbf", "de-north-bayreuth.osm.gz",
      "no-oslo-east.osm.pbf", "fi-helsinki.osm.pbf", "us-baltimore.osm.pbf", "us-columbus.osm.pbf",
      "us-portland-central.osm.pbf", "us-west-oakland.osm.bz2", "sg-singapore-bayfront.osm.pbf"};
  return files;
}

std::string extract_test_name(const std::string& file) {
  std::string n = file.substr(0, file.find('.'));
  for (auto& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

void build_road_network(project::Project& project, const std::filesystem::path& extract) {
  network::BuildOptions o;
  o.sources.push_back({extract.string(), {network::Mode::road}, {}, {}, {}, false});
  network::build_network(project, o);
}

}  // namespace logiplan::test
