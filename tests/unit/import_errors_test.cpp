// Bad input: each case gets an error naming the file, the feature or row and the
// problem, and leaves the project's rows exactly as they were.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {

struct BadInput : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  std::vector<std::string> before;

  void SetUp() override {
    // Something already in the project, which no failed import may touch.
    test::write_file(dir / "base.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"id":"cat-bi","name":"Cảng hàng không quốc tế Cát Bi"},
      "geometry":{"type":"Point","coordinates":[106.72306,20.81694]}}]})");
    io::import_features(project, (dir / "base.geojson").string(), io::ImportOptions{.kind = "airport"});
    before = test::dump_rows(project.db());
  }

  // Runs the import, expects exception type E whose message is `expected`
  // (with {dir} standing for the temp folder), and checks nothing changed.
  template <class E>
  void expect_error(const std::string& file, const std::string& content, io::ImportOptions o,
                    const std::string& expected) {
    const auto path = dir / file;
    if (!content.empty()) test::write_file(path, content);
    std::string message;
    try {
      io::import_features(project, path.string(), o);
      ADD_FAILURE() << "no error for " << file;
    } catch (const E& e) {
      message = e.what();
    }
    std::string want = expected;
    for (auto pos = want.find("{dir}"); pos != std::string::npos; pos = want.find("{dir}")) {
      want.replace(pos, 5, dir.path().string());
    }
    EXPECT_EQ(message, want);
    EXPECT_EQ(test::dump_rows(project.db()), before) << "project changed by a failed import of " << file;
  }
};

const char* kHeader = R"({"type":"FeatureCollection","features":[)";
const char* kGood = R"({"type":"Feature","properties":{"name":"Khu A"},"geometry":{"type":"Polygon","coordinates":[[[106.7,20.7],[106.71,20.7],[106.71,20.71],[106.7,20.7]]]}})";

}  // namespace

TEST_F(BadInput, SelfIntersectingPolygonAfterAGoodOne) {
  expect_error<DataError>(
      "zones.geojson",
      std::string(kHeader) + kGood + R"(,{"type":"Feature","properties":{"name":"Khu nơ"},"geometry":{"type":"Polygon",
        "coordinates":[[[106.8,20.8],[106.9,20.9],[106.9,20.8],[106.8,20.9],[106.8,20.8]]]}}]})",
      io::ImportOptions{.kind = "free_trade_zone"},
      "{dir}/zones.geojson: feature 1 'Khu nơ': invalid geometry: Self-intersection at (106.85, 20.85); "
      "fix it in the source or rerun with --make-valid");
}

TEST_F(BadInput, UnclosedRing) {
  expect_error<DataError>(
      "open.csv", "name,WKT\nKhu hở,\"POLYGON ((106.7 20.7,106.8 20.7,106.8 20.8,106.7 20.8))\"\n",
      io::ImportOptions{.kind = "economic_zone", .source_crs = "wgs84"},
      "{dir}/open.csv: row 2 'Khu hở': invalid geometry: ring 1 is not closed: first point (106.7, 20.7) differs "
      "from last point (106.7, 20.8) at (106.7, 20.7); fix it in the source or rerun with --make-valid");
}

TEST_F(BadInput, MissingCrs) {
  expect_error<DataError>("nocrs.csv", "name,WKT\nCảng X,POINT (106.7 20.8)\n", io::ImportOptions{.kind = "seaport"},
                          "{dir}/nocrs.csv: layer 'nocrs' has no coordinate reference system; say which with "
                          "--src-crs (e.g. --src-crs wgs84 for lon/lat in WGS84, --src-crs vn2000-haiphong for "
                          "VN-2000 / TM-3 105-45)");
}

TEST_F(BadInput, ProjectedCoordinatesInAGeographicCrs) {
  expect_error<DataError>(
      "wrongcrs.geojson",
      std::string(kHeader) + R"({"type":"Feature","properties":{"name":"HICT"},"geometry":{"type":"Point","coordinates":[620093.2,2301058.6]}}]})",
      io::ImportOptions{.kind = "terminal"},
      "{dir}/wrongcrs.geojson: feature 0 'HICT': coordinates (620093.2, 2301058.6) are not longitude/latitude, but "
      "the CRS is EPSG:4326 (WGS 84); the data looks projected: give the right one with --src-crs (e.g. "
      "vn2000-haiphong)");
}

TEST_F(BadInput, UnknownCrsName) {
  expect_error<UsageError>("ok.geojson", std::string(kHeader) + kGood + "]}",
                           io::ImportOptions{.kind = "economic_zone", .source_crs = "vn2000-hai-phong"},
                           "unknown CRS 'vn2000-hai-phong': give an EPSG code (e.g. EPSG:9210), WKT, a PROJ string, "
                           "or one of: wgs84, utm48n, utm49n, vn2000, vn2000-utm48n, vn2000-utm49n, vn2000-haiphong, "
                           "vn2000-hcm, vn2000-hanoi, vn2000-haiduong, vn2000-quangninh, vn2000-langson, "
                           "vn2000-laocai, vn2000-tm3-DDD-MM");
}

TEST_F(BadInput, NoNameField) {
  expect_error<DataError>("noname.csv", "ten_cang,lon,lat\nX,106.7,20.8\n",
                          io::ImportOptions{.kind = "seaport", .source_crs = "wgs84"},
                          "{dir}/noname.csv (layer 'noname'): no name field; map one with --map name=FIELD "
                          "(fields: ten_cang, lon, lat)");
}

TEST_F(BadInput, MappingToAMissingField) {
  expect_error<DataError>("map.csv", "ten,lon,lat\nX,106.7,20.8\n",
                          io::ImportOptions{.kind = "seaport", .field_map = {{"status", "TRANG_THAI"}}, .source_crs = "wgs84"},
                          "{dir}/map.csv (layer 'map'): --map status=TRANG_THAI: no field 'TRANG_THAI' (fields: ten, "
                          "lon, lat)");
}

TEST_F(BadInput, EmptyNameInARow) {
  expect_error<DataError>("empty.csv", "ten,lon,lat\nCảng A,106.7,20.8\n,106.8,20.8\n",
                          io::ImportOptions{.kind = "seaport", .source_crs = "wgs84"},
                          "{dir}/empty.csv: row 3: empty name (field 'ten'); name it, or rerun with --unnamed skip|label");
}

TEST_F(BadInput, UnknownKindOption) {
  expect_error<UsageError>("ok.geojson", std::string(kHeader) + kGood + "]}", io::ImportOptions{.kind = "harbour"},
                           "unknown kind 'harbour': the project knows seaport, terminal, logistics_centre, "
                           "free_trade_zone, economic_zone, icd, industrial_park, border_gate, airport, "
                           "rail_station, corridor_link");
}

TEST_F(BadInput, UnknownKindInARow) {
  expect_error<DataError>("kinds.csv", "ten,kind,lon,lat\nA,seaport,106.7,20.8\nB,harbour,106.8,20.8\n",
                          io::ImportOptions{.source_crs = "wgs84"},
                          "{dir}/kinds.csv: row 3 'B': unknown kind 'harbour': the project knows seaport, terminal, "
                          "logistics_centre, free_trade_zone, economic_zone, icd, industrial_park, border_gate, "
                          "airport, rail_station, corridor_link");
}

TEST_F(BadInput, WrongGeometryForKind) {
  expect_error<DataError>("gate.geojson", std::string(kHeader) + kGood + "]}", io::ImportOptions{.kind = "border_gate"},
                          "{dir}/gate.geojson: feature 0 'Khu A': a border_gate must be a point, not a polygon");
}

TEST_F(BadInput, CorridorWithoutMode) {
  expect_error<DataError>(
      "line.geojson",
      std::string(kHeader) + R"({"type":"Feature","properties":{"name":"QL10"},"geometry":{"type":"LineString","coordinates":[[106.6,20.9],[106.7,20.95]]}}]})",
      io::ImportOptions{.kind = "corridor_link"},
      "{dir}/line.geojson: feature 0 'QL10': a corridor link needs a mode (road, rail, inland_waterway, sea): map a "
      "field with --map mode=FIELD or give --mode");
}

TEST_F(BadInput, UnknownStatus) {
  expect_error<DataError>("status.csv", "ten,trang_thai,lon,lat\nA,sắp mở,106.7,20.8\n",
                          io::ImportOptions{.kind = "seaport", .source_crs = "wgs84"},
                          "{dir}/status.csv: row 2 'A': unknown status 'sắp mở' (use operating, under_construction, "
                          "approved, planned, proposed; Vietnamese also accepted)");
}

TEST_F(BadInput, IdAlreadyInProject) {
  expect_error<DataError>("dup.csv", "id,ten,lon,lat\ncat-bi,Sân bay,106.7,20.8\n",
                          io::ImportOptions{.kind = "airport", .source_crs = "wgs84"},
                          "{dir}/dup.csv: row 2 'Sân bay': id 'cat-bi' is already in the project (sites); rerun with "
                          "--on-duplicate skip or replace");
}

TEST_F(BadInput, NonExistentFile) {
  expect_error<DataError>("missing.geojson", "", io::ImportOptions{.kind = "seaport"},
                          "{dir}/missing.geojson: no such file");
}

TEST_F(BadInput, NotAVectorFile) {
  expect_error<DataError>("garbage.geojson", "{ this is not json", io::ImportOptions{.kind = "seaport"},
                          "{dir}/garbage.geojson: not a vector data source GDAL can read");
}
