// The QGIS export without QGIS: the project refers to its GeoPackage by a
// relative path, every layer of the project is in the GeoPackage, and the
// layer_styles table holds a style for every styled layer. (scripts/qgis-check.sh
// opens the same export in real QGIS.)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "project/project.hpp"
#include "qgis/qgis_export.hpp"
#include "qgis/qgs_document.hpp"
#include "routing/results.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST(QgisExport, RelativeGeoPackageGroupsAndLayerStyles) {
  test::TempDir dir;
  auto project = project::Project::create(dir / "hp.sqlite");
  sample::load_haiphong_sample(project);
  sample::build_haiphong_network(project);
  sample::load_haiphong_plans(project);
  const auto r = qgis::export_qgis(project, {dir / "export", "hp", "vn2000-haiphong", {}, false});
  EXPECT_EQ(r.gpkg, dir / "export" / "hp.gpkg");
  const std::string qgs = read_all(r.qgs);

  // Every data source is "./hp.gpkg|layername=…", and paths are saved relative.
  std::set<std::string> sources;
  const std::regex ds(R"(<datasource>([^<]*)</datasource>)");
  for (auto it = std::sregex_iterator(qgs.begin(), qgs.end(), ds); it != std::sregex_iterator(); ++it) {
    sources.insert((*it)[1].str());
  }
  EXPECT_EQ(sources, (std::set<std::string>{"./hp.gpkg|layername=sites", "./hp.gpkg|layername=areas",
                                            "./hp.gpkg|layername=corridors", "./hp.gpkg|layername=network_edges",
                                            "./hp.gpkg|layername=plan_tasks", "./hp.gpkg|layername=plan_task_sites",
                                            "./hp.gpkg|layername=plan_task_areas"}));
  EXPECT_NE(qgs.find("<Absolute type=\"bool\">false</Absolute>"), std::string::npos);
  EXPECT_EQ(qgs.find(dir.path().string()), std::string::npos) << "an absolute path leaked into the project";
  EXPECT_NE(qgs.find("<authid>EPSG:9210</authid>"), std::string::npos);  // project CRS VN-2000 TM-3 105-45
  for (const char* g : {"Plan tasks", "Facilities", "Zones", "Network"}) {
    EXPECT_NE(qgs.find(fmt::format("<layer-tree-group name=\"{}\"", g)), std::string::npos) << g;
  }
  // The sites' style (categorized by kind) is embedded in the project.
  EXPECT_TRUE(std::regex_search(qgs, std::regex(R"(<renderer-v2 [^>]*type="categorizedSymbol" attr="kind")")));

  // layer_styles: one default style per styled layer, each a whole QML document.
  auto ds_gpkg = gdal::open_vector(r.gpkg.string());
  OGRLayer* styles = ds_gpkg->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  std::set<std::string> styled;
  for (auto& f : *styles) {
    styled.insert(f->GetFieldAsString("f_table_name"));
    EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
    EXPECT_NE(std::string(f->GetFieldAsString("styleQML")).find("<renderer-v2"), std::string::npos);
  }
  EXPECT_EQ(styled, (std::set<std::string>{"sites", "areas", "corridors", "network_edges", "plan_task_sites",
                                           "plan_task_areas"}));
  // The lane status the network style colours by, from the sample's lanes.
  OGRLayer* edges = ds_gpkg->GetLayerByName("network_edges");
  edges->SetAttributeFilter("lane_status = 'dedicated'");
  EXPECT_EQ(edges->GetFeatureCount(), 6);  // 1 motorcycle + 5 rudimentary-lane segments, both directions
  edges->SetAttributeFilter("lane_status = 'mixed'");
  EXPECT_EQ(edges->GetFeatureCount(), 26);  // with CT.05 and the road to the Lào Cai gate

  // A second export into the same folder needs --overwrite.
  EXPECT_THROW(qgis::export_qgis(project, {dir / "export", "hp", "wgs84", {}, false}), DataError);
  EXPECT_THROW(qgis::export_qgis(project, {dir / "export", "hp", "no-such-crs", {}, true}), UsageError);
}

TEST(QgisExport, QmlRootAttributesMoveToTheMapLayer) {
  const auto parts = qgis::split_qml(
      "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.16\" labelsEnabled=\"1\">"
      "<renderer-v2 type=\"x\"/></qgis>");
  EXPECT_EQ(parts.attributes, " labelsEnabled=\"1\"");
  EXPECT_EQ(parts.body, "<renderer-v2 type=\"x\"/>");
}

namespace {
// Two provinces side by side on the coast near Hải Phòng, lon/lat: the west one
// [106.3,106.7] x [20.6,21.0] (VN-HP), the east one [106.7,107.1] x [20.6,21.0].
void write_two_provinces(const std::filesystem::path& file) {
  std::ofstream out(file);
  out << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"shapeName":"Hải Phòng","shapeISO":"VN-HP"},"geometry":{"type":"Polygon","coordinates":[[[106.3,20.6],[106.7,20.6],[106.7,21.0],[106.3,21.0],[106.3,20.6]]]}},
{"type":"Feature","properties":{"shapeName":"Quảng Ninh","shapeISO":"VN-13"},"geometry":{"type":"Polygon","coordinates":[[[106.7,20.6],[107.1,20.6],[107.1,21.0],[106.7,21.0],[106.7,20.6]]]}}]})";
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

// Map sheets: the overview and one per analysis held, each with a map of its
// layers, a legend, a scale bar and a north arrow; texts in the chosen
// language; the context layers from a province file with a coastline that is
// the provinces' outer boundary, not the border between them.
TEST(QgisExport, MapSheetsAndContext) {
  test::TempDir dir;
  auto project = project::Project::create(dir / "hp.sqlite");
  sample::load_haiphong_sample(project);
  sample::build_haiphong_network(project);
  write_two_provinces(dir / "provinces.geojson");

  qgis::QgisExportOptions o{dir / "vi", "hp", "vn2000-haiphong", {}, false};
  o.context = dir / "provinces.geojson";
  const auto r = qgis::export_qgis(project, o);
  EXPECT_EQ(r.sheets, (std::vector<std::string>{"Bản đồ tổng quan"}));  // no analysis has run
  const std::string qgs = read_all(r.qgs);
  EXPECT_EQ(count_of(qgs, "<Layout name="), 1u);
  for (const char* item : {"type=\"65639\"", "type=\"65642\"", "type=\"65646\"", "type=\"65640\""}) {
    EXPECT_EQ(count_of(qgs, item), 1u) << item;  // map, legend, scale bar, north arrow
  }
  EXPECT_NE(qgs.find("title=\"Chú giải\""), std::string::npos);
  EXPECT_NE(qgs.find("<Layer source=\"./hp.gpkg|layername=provinces\""), std::string::npos);
  EXPECT_NE(qgs.find("Hệ tọa độ: VN-2000 / TM-3 105-45 (EPSG:9210)"), std::string::npos);
  EXPECT_NE(qgs.find("Ranh giới tỉnh, đường bờ: provinces.geojson"), std::string::npos);  // the footer's attribution
  // Multi-line notes survive XML: line breaks as character references.
  EXPECT_NE(qgs.find("&#10;Ngày lập: "), std::string::npos);

  gdal::DatasetPtr ds(GDALDataset::Open(r.gpkg.string().c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetLayerByName("provinces")->GetFeatureCount(), 2);
  OGRLayer* coast = ds->GetLayerByName("coastline");
  ASSERT_EQ(coast->GetFeatureCount(), 1);
  gdal::FeaturePtr f(coast->GetNextFeature());
  const OGRGeometry* g = f->GetGeometryRef();
  // The outer rectangle's perimeter, 2 x (0.8 + 0.4) degrees, whole inside the frame; the shared edge at 106.7 is not coast.
  EXPECT_NEAR(g->toMultiLineString()->get_Length(), 2.4, 1e-9);
  OGRPoint shared(106.7, 20.8), outer(106.3, 20.8);
  EXPECT_GT(g->Distance(&shared), 0.01);
  EXPECT_LT(g->Distance(&outer), 1e-9);

  // An analysis adds its sheet; --lang en names the sheets in English.
  routing::ResultLayer route{"route", wkbLineString, {{"origin", OFTString}, {"destination", OFTString}}, {}};
  route.add({std::string("Khu bến cảng Lạch Huyện"), std::string("Trung tâm logistics Nam Đình Vũ")},
            routing::line_geometry({{106.90, 20.80}, {106.80, 20.82}}));
  std::vector<routing::ResultLayer> layers;
  layers.push_back(std::move(route));
  routing::store_run(project.db(), {"route", 1, "main", "car", {}, {}, 0.1}, layers);
  o.out_dir = dir / "en";
  o.lang = "en";
  o.context.clear();
  const auto en = qgis::export_qgis(project, o);
  EXPECT_EQ(en.sheets, (std::vector<std::string>{"Overview", "Route"}));
  const std::string qgs_en = read_all(en.qgs);
  EXPECT_NE(qgs_en.find("title=\"Legend\""), std::string::npos);
  EXPECT_NE(qgs_en.find("Route: Khu bến cảng Lạch Huyện → Trung tâm logistics Nam Đình Vũ"), std::string::npos);
  EXPECT_EQ(qgs_en.find("layername=provinces"), std::string::npos);

  o.out_dir = dir / "bad";
  o.lang = "fr";
  EXPECT_THROW(qgis::export_qgis(project, o), UsageError);
  o.lang = "vi";
  o.context = dir / "missing.geojson";
  EXPECT_THROW(qgis::export_qgis(project, o), DataError);
}
