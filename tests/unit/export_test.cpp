#include <gtest/gtest.h>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "io/exporter.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
struct Export : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void SetUp() override {
    test::write_file(dir / "in.geojson", R"({"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"id":"hict","kind":"terminal","name":"Cảng HICT Lạch Huyện"},"geometry":{"type":"Point","coordinates":[106.90547,20.79833]}},
     {"type":"Feature","properties":{"id":"ftz2","kind":"free_trade_zone","name":"Khu TMTD Đình Vũ"},"geometry":{"type":"Polygon","coordinates":[[[106.80,20.78],[106.83,20.78],[106.83,20.80],[106.80,20.78]]]}}]})");
    io::import_features(project, (dir / "in.geojson").string(), {});
  }
};
}  // namespace

TEST_F(Export, GeoPackageInVn2000HasTheCs2csCoordinates) {
  const auto r = io::export_layers(project, dir / "out.gpkg", io::ExportOptions{.crs = "vn2000-haiphong"});
  ASSERT_EQ(r.files.size(), 1u);
  auto ds = gdal::open_vector((dir / "out.gpkg").string());
  OGRLayer* sites = ds->GetLayerByName("sites");
  ASSERT_NE(sites, nullptr);
  EXPECT_STREQ(sites->GetSpatialRef()->GetAuthorityCode(nullptr), "9210");
  auto f = gdal::FeaturePtr(sites->GetNextFeature());
  EXPECT_STREQ(f->GetFieldAsString("name"), "Cảng HICT Lạch Huyện");
  const auto* p = f->GetGeometryRef()->toPoint();
  EXPECT_NEAR(p->getX(), 620093.2154, 0.001);  // cs2cs EPSG:4326 EPSG:9210
  EXPECT_NEAR(p->getY(), 2301058.6426, 0.001);
  EXPECT_NE(ds->GetLayerByName("areas"), nullptr);
  EXPECT_EQ(ds->GetLayerByName("corridors"), nullptr);  // empty layers are left out
}

TEST_F(Export, SingleLayerFormatsGetOneFilePerLayer) {
  const auto r = io::export_layers(project, dir / "hp.geojson", {});
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(dir / "hp_sites.geojson"));
  EXPECT_TRUE(std::filesystem::exists(dir / "hp_areas.geojson"));
}

TEST_F(Export, ShapefileKeepsDiacritics) {
  io::export_layers(project, dir / "ports.shp", io::ExportOptions{.kind = "terminal"});
  EXPECT_TRUE(std::filesystem::exists(dir / "ports.cpg"));
  auto ds = gdal::open_vector((dir / "ports.shp").string());
  auto f = gdal::FeaturePtr(ds->GetLayer(0)->GetNextFeature());
  EXPECT_STREQ(f->GetFieldAsString("name"), "Cảng HICT Lạch Huyện");
}

TEST_F(Export, CsvPointsAsXyAndKindFilter) {
  io::export_layers(project, dir / "t.csv", io::ExportOptions{.kind = "terminal"});
  auto ds = gdal::open_vector((dir / "t.csv").string());
  auto* layer = ds->GetLayer(0);
  EXPECT_EQ(layer->GetFeatureCount(), 1);
  EXPECT_GE(layer->GetLayerDefn()->GetFieldIndex("X"), 0);
}

TEST_F(Export, RefusesToOverwriteAndUnknownExtension) {
  io::export_layers(project, dir / "a.gpkg", {});
  EXPECT_THROW(io::export_layers(project, dir / "a.gpkg", {}), DataError);
  EXPECT_NO_THROW(io::export_layers(project, dir / "a.gpkg", io::ExportOptions{.overwrite = true}));
  EXPECT_THROW(io::export_layers(project, dir / "a.dwg", {}), UsageError);
}
