#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crs/point_transform.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {

struct Fixture : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");

  io::ImportReport import(const std::string& file, const std::string& content, io::ImportOptions o = {}) {
    test::write_file(dir / file, content);
    return io::import_features(project, (dir / file).string(), o);
  }
  std::int64_t count(const std::string& sql) { return project.db().query_int(sql).value_or(-1); }
  std::string text(const std::string& sql) { return project.db().query_text(sql).value_or("<null>"); }
  double number(const std::string& sql) { return std::stod(text(sql)); }
};

const char* kPorts = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"hict","kind":"terminal","name":"Cảng HICT Lạch Huyện","status":"Hiện trạng","capacity":1.1,"capacity_unit":"M TEU/yr","berths":2},
  "geometry":{"type":"Point","coordinates":[106.90547,20.79833]}},
 {"type":"Feature","properties":{"kind":"ICD","name":"Cảng cạn Đình Vũ","status":"operating"},
  "geometry":{"type":"Point","coordinates":[106.777,20.821]}},
 {"type":"Feature","properties":{"kind":"logistics centre","name":"TTLG Nam Đình Vũ","status":"quy hoạch"},
  "geometry":{"type":"Point","coordinates":[106.815,20.789]}}]})";

}  // namespace

TEST_F(Fixture, GeoJsonPointsWithKindFieldAndFreeAttributes) {
  const auto r = import("ports.geojson", kPorts);
  EXPECT_EQ(r.added, 3);
  EXPECT_EQ(r.by_kind.at("terminal"), 1);
  EXPECT_EQ(r.by_kind.at("icd"), 1);
  EXPECT_EQ(r.by_kind.at("logistics_centre"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM sites"), 3);
  EXPECT_EQ(text("SELECT name_ascii FROM sites WHERE feature_id = 'hict'"), "Cang HICT Lach Huyen");
  EXPECT_EQ(text("SELECT status FROM sites WHERE feature_id = 'hict'"), "operating");
  EXPECT_EQ(text("SELECT status FROM sites WHERE kind = 'logistics_centre'"), "planned");
  EXPECT_EQ(number("SELECT capacity FROM sites WHERE feature_id = 'hict'"), 1.1);
  EXPECT_EQ(text("SELECT json_extract(attrs, '$.berths') FROM sites WHERE feature_id = 'hict'"), "2");
  // Generated stable ids: kind/slug of the name.
  EXPECT_EQ(text("SELECT feature_id FROM sites WHERE kind = 'icd'"), "icd/cang-can-dinh-vu");
  EXPECT_EQ(number("SELECT X(geom) FROM sites WHERE feature_id = 'hict'"), 106.90547);
  EXPECT_EQ(count("SELECT features_added FROM import_runs"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM sites WHERE import_run = 1"), 3);
}

TEST_F(Fixture, Vn2000PointIsStoredAtTheWgs84PositionCs2csGives) {
  // 620093.2154 E, 2301058.6426 N in EPSG:9210 is cs2cs's image of 106.90547, 20.79833.
  import("vn2000.geojson", R"({"type":"FeatureCollection",
    "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},
    "features":[{"type":"Feature","properties":{"name":"HICT"},
      "geometry":{"type":"Point","coordinates":[620093.2154,2301058.6426]}}]})",
         io::ImportOptions{.kind = "terminal"});
  EXPECT_NEAR(number("SELECT X(geom) FROM sites"), 106.90547, 1e-8);  // 1e-8 deg ~ 1 mm
  EXPECT_NEAR(number("SELECT Y(geom) FROM sites"), 20.79833, 1e-8);
}

TEST_F(Fixture, PolygonAreaInSquareMetresMatchesAGeodesicSecondMethod) {
  // A 1000 m x 1000 m square in VN-2000 / TM-3 105-45 around Nam Đình Vũ.
  import("square.geojson", R"({"type":"FeatureCollection",
    "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},
    "features":[{"type":"Feature","properties":{"name":"Ô vuông","kind":"industrial_park"},
      "geometry":{"type":"Polygon","coordinates":[[[610000,2299000],[611000,2299000],[611000,2300000],[610000,2300000],[610000,2299000]]]}}]})");
  const double area_ha = number("SELECT area_ha FROM areas");
  // Second method: Karney's geodesic area of the stored WGS84 polygon.
  auto st = project.db().prepare("SELECT AsBinary(geom) FROM areas");
  ASSERT_TRUE(st.step());
  const std::string wkb = st.column_text(0);
  OGRGeometry* g = nullptr;
  ASSERT_EQ(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()), OGRERR_NONE);
  const gdal::GeometryPtr stored(g);
  EXPECT_NEAR(area_ha * 1e4 / test::geodesic_area_m2(*stored), 1.0, 1e-6);
  // By hand: 1 km² of grid is 1/k² km² of ground, with the TM scale factor
  // k = k0 (1 + E²/2R²), k0 = 0.9999, E = 110.5 km from the central meridian, R ≈ 6,380 km.
  const double k = 0.9999 * (1 + 110500.0 * 110500.0 / (2 * 6.38e6 * 6.38e6));
  EXPECT_NEAR(area_ha, 100.0 / (k * k), 0.002);
}

TEST_F(Fixture, CsvWithLonLatColumnsAndDecimalCommas) {
  const auto r = import("icds.csv",
                        "ten,kinh_do,vi_do,trang_thai\n"
                        "\"Cảng cạn A\",\"106,777\",\"20,821\",đang hoạt động\n"
                        "Cảng cạn B,106.815,20.789,quy hoạch\n",
                        io::ImportOptions{.kind = "icd", .source_crs = "wgs84"});
  EXPECT_EQ(r.added, 2);
  EXPECT_NEAR(number("SELECT X(geom) FROM sites WHERE name = 'Cảng cạn A'"), 106.777, 1e-12);
  EXPECT_EQ(text("SELECT status FROM sites WHERE name = 'Cảng cạn B'"), "planned");
}

TEST_F(Fixture, CsvWithWktColumn) {
  const auto r = import("links.csv",
                        "name,mode,WKT\n"
                        "QL5 đoạn thử,road,\"LINESTRING (106.60 20.93, 106.70 20.88)\"\n",
                        io::ImportOptions{.kind = "corridor_link", .source_crs = "EPSG:4326"});
  EXPECT_EQ(r.added, 1);
  EXPECT_EQ(text("SELECT mode FROM corridors"), "road");
  EXPECT_GT(number("SELECT length_km FROM corridors"), 11.0);
}

TEST_F(Fixture, XlsxAndOdsSheets) {
  test::write_file(dir / "sheet.csv", "ten,lon,lat\nKCN Đình Vũ,106.77735,20.82058\nKCN DEEP C2,106.78794,20.79167\n");
  test::convert(dir / "sheet.csv", dir / "sheet.xlsx");
  test::convert(dir / "sheet.csv", dir / "sheet.ods");
  for (const char* f : {"sheet.xlsx", "sheet.ods"}) {
    io::ImportOptions o{.kind = "industrial_park", .source_crs = "wgs84", .on_duplicate = io::OnDuplicate::replace};
    const auto r = io::import_features(project, (dir / f).string(), o);
    EXPECT_EQ(r.added + r.replaced, 2) << f;
  }
  EXPECT_EQ(count("SELECT count(*) FROM sites"), 2);
  EXPECT_NEAR(number("SELECT Y(geom) FROM sites WHERE name = 'KCN DEEP C2'"), 20.79167, 1e-12);
}

TEST_F(Fixture, ShapefileInVn2000KeepsDiacriticsAndPosition) {
  import("ports.geojson", kPorts);
  test::write_file(dir / "one.geojson", kPorts);
  test::convert(dir / "one.geojson", dir / "ports9210.shp", {"-t_srs", "EPSG:9210", "-lco", "ENCODING=UTF-8"});
  io::ImportOptions o{.on_duplicate = io::OnDuplicate::replace};
  const auto r = io::import_features(project, (dir / "ports9210.shp").string(), o);
  EXPECT_EQ(r.replaced, 3);
  EXPECT_EQ(r.source_crs, "EPSG:9210 (VN-2000 / TM-3 105-45)");
  EXPECT_EQ(text("SELECT name FROM sites WHERE feature_id = 'hict'"), "Cảng HICT Lạch Huyện");
  EXPECT_NEAR(number("SELECT X(geom) FROM sites WHERE feature_id = 'hict'"), 106.90547, 1e-8);
}

TEST_F(Fixture, KmlPlacemarks) {
  const auto r = import("gates.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
 <Placemark><name>Cửa khẩu Tân Thanh</name><Point><coordinates>106.68389,22.00306</coordinates></Point></Placemark>
</Document></kml>)", io::ImportOptions{.kind = "border_gate"});
  EXPECT_EQ(r.added, 1);
  EXPECT_EQ(text("SELECT name_ascii FROM sites"), "Cua khau Tan Thanh");
}

TEST_F(Fixture, DuplicatesSkippedOrReplaced) {
  import("ports.geojson", kPorts);
  io::ImportOptions skip{.on_duplicate = io::OnDuplicate::skip};
  EXPECT_EQ(io::import_features(project, (dir / "ports.geojson").string(), skip).skipped, 3);
  io::ImportOptions replace{.on_duplicate = io::OnDuplicate::replace};
  EXPECT_EQ(io::import_features(project, (dir / "ports.geojson").string(), replace).replaced, 3);
  EXPECT_EQ(count("SELECT count(*) FROM sites"), 3);
}

TEST_F(Fixture, MakeValidRepairsABowtieIntoTwoParts) {
  const auto r = import("bowtie.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",
    "properties":{"name":"Nơ"},"geometry":{"type":"Polygon","coordinates":[[[106.8,20.8],[106.9,20.9],[106.9,20.8],[106.8,20.9],[106.8,20.8]]]}}]})",
                        io::ImportOptions{.kind = "free_trade_zone", .make_valid = true});
  EXPECT_EQ(r.repaired, 1);
  EXPECT_EQ(count("SELECT NumGeometries(geom) FROM areas"), 2);
  EXPECT_EQ(count("SELECT ST_IsValid(geom) FROM areas"), 1);
}

TEST_F(Fixture, WhereFilterAndUnnamedLabels) {
  const auto r = import("mixed.geojson", R"({"type":"FeatureCollection","features":[
   {"type":"Feature","properties":{"name":"A","t":"port"},"geometry":{"type":"Point","coordinates":[106.7,20.8]}},
   {"type":"Feature","properties":{"name":null,"t":"port"},"geometry":{"type":"Point","coordinates":[106.8,20.8]}},
   {"type":"Feature","properties":{"name":"C","t":"other"},"geometry":{"type":"Point","coordinates":[106.9,20.8]}}]})",
                        io::ImportOptions{.kind = "seaport", .where = "t = 'port'", .unnamed = io::Unnamed::label});
  EXPECT_EQ(r.added, 2);
  EXPECT_EQ(r.unnamed_labelled, 1);
  EXPECT_EQ(text("SELECT name FROM sites WHERE json_extract(attrs, '$.name_generated')"), "mixed #1");
}
