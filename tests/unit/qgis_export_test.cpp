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
