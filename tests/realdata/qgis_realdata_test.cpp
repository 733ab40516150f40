// The QGIS export over real data: a network built from a real OSM extract puts
// "© OpenStreetMap contributors" on every map sheet, and the geoBoundaries
// province layer of ../shared gives the context: Hải Phòng among its
// neighbours, and a coastline that is not the border between provinces.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "handles/gdal.hpp"
#include "project/project.hpp"
#include "qgis/qgis_export.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

TEST(QgisRealData, OsmAttributionAndGeoBoundariesContext) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "hp.sqlite");
  sample::load_haiphong_sample(project);
  test::build_road_network(project, shared / "data/osm/vn-hanoi-inner-drive-2025.osm.pbf");

  qgis::QgisExportOptions e{dir / "export", "hp", "vn2000-haiphong", {}, false};
  e.context = shared / "data/raw/geoboundaries-vnm-adm1/geoBoundaries-VNM-ADM1_simplified.geojson";
  const auto r = qgis::export_qgis(project, e);
  std::ifstream in(r.qgs);
  std::stringstream qgs;
  qgs << in.rdbuf();
  EXPECT_NE(qgs.str().find("Mạng lưới đường: © OpenStreetMap contributors (ODbL)"), std::string::npos);
  EXPECT_NE(qgs.str().find("Administrative boundaries courtesy of geoBoundaries.org"), std::string::npos);

  gdal::DatasetPtr ds(GDALDataset::Open(r.gpkg.string().c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* provinces = ds->GetLayerByName("provinces");
  provinces->SetAttributeFilter("iso = 'VN-HP'");
  ASSERT_EQ(provinces->GetFeatureCount(), 1);
  provinces->SetAttributeFilter(nullptr);
  EXPECT_GE(provinces->GetFeatureCount(), 5);  // Hải Phòng, Quảng Ninh, Hải Dương, Thái Bình, ... around it
  // The coast is part of Hải Phòng's boundary, but not all of it: the rest
  // borders Quảng Ninh, Hải Dương and Thái Bình (a coastline made of every
  // province's boundary would cover all of it).
  gdal::FeaturePtr coast(ds->GetLayerByName("coastline")->GetNextFeature());
  ASSERT_TRUE(coast);
  provinces->SetAttributeFilter("iso = 'VN-HP'");
  gdal::FeaturePtr hp(provinces->GetNextFeature());
  ASSERT_TRUE(hp);
  const auto length = [](const OGRGeometry& g) {
    gdal::GeometryPtr lines(OGRGeometryFactory::forceToMultiLineString(g.clone()));
    double sum = 0;
    for (const auto* part : *lines->toMultiLineString()) sum += part->get_Length();
    return sum;
  };
  gdal::GeometryPtr boundary(hp->GetGeometryRef()->Boundary());
  gdal::GeometryPtr on_coast(boundary->Intersection(coast->GetGeometryRef()));
  EXPECT_GT(length(*on_coast), 0.2 * length(*boundary));
  EXPECT_LT(length(*on_coast), 0.9 * length(*boundary));
}
