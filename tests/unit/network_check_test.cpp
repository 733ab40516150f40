// network build + check on a small hand-drawn layer (EPSG:9210 metres):
//
//                        b (601000, 2301000)
//                        |  B
//      C  (600500, 2300500)
//      |                 |
//      c' 5 m above A    |
//  a ------------ A -----+ (601000, 2300000)
//  (600000, 2300000)
//      * terminal "Cảng thử" 100 m north of A, a quarter of the way along
#include <gtest/gtest.h>

#include <cmath>

#include "io/importer.hpp"
#include "network/build.hpp"
#include "core/error.hpp"
#include "network/check.hpp"
#include "network/network_store.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::network;

namespace {
const char* kRoads = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},"features":[
 {"type":"Feature","properties":{"id":"A","name":"Đường A","class":"primary","lanes_forward":"general|motorcycle","lanes_backward":"general"},"geometry":{"type":"LineString","coordinates":[[600000,2300000],[601000,2300000]]}},
 {"type":"Feature","properties":{"id":"B","name":"Đường B","class":"secondary","oneway":"yes"},"geometry":{"type":"LineString","coordinates":[[601000,2300000],[601000,2301000]]}},
 {"type":"Feature","properties":{"id":"C","name":"Đường C","class":"mystery"},"geometry":{"type":"LineString","coordinates":[[600500,2300500],[600500,2300005]]}}]})";
const char* kSites = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},"features":[
 {"type":"Feature","properties":{"id":"port","name":"Cảng thử","kind":"terminal"},"geometry":{"type":"Point","coordinates":[600250,2300100]}},
 {"type":"Feature","properties":{"id":"far","name":"Cảng xa","kind":"icd"},"geometry":{"type":"Point","coordinates":[610000,2310000]}}]})";

struct Check : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  BuildReport built;
  void SetUp() override {
    test::write_file(dir / "sites.geojson", kSites);
    test::write_file(dir / "roads.geojson", kRoads);
    io::import_features(project, (dir / "sites.geojson").string(), {});
    BuildOptions o;
    o.sources.push_back(SourceSpec{(dir / "roads.geojson").string(), {Mode::road}, {}, {}, {}, false});
    built = build_network(project, o);
  }
};
}  // namespace

TEST_F(Check, ComponentsDanglesNearMissesAndSpeeds) {
  const auto net = load_network(project.db(), "main");
  const auto r = check_network(net, load_attachments(project.db(), built.info.id), 10.0);
  EXPECT_EQ(r.nodes, 5);
  EXPECT_EQ(r.edges, 3);
  EXPECT_EQ(r.weak_component_sizes, (std::vector<std::int64_t>{3, 2}));
  // A+B: a, the corner, b (B is one-way, so b can't get back): 3 strong components there, 1 for C's two nodes.
  EXPECT_EQ(r.strong_component_sizes.size(), 3u);
  EXPECT_EQ(r.dangles, 4);  // a, b and both ends of C
  ASSERT_EQ(r.near_misses, 1);
  const auto near = std::find_if(r.problems.begin(), r.problems.end(), [](const Problem& p) { return p.type == "near_miss"; });
  EXPECT_NEAR(*near->distance_m, 5.0, 0.05);
  EXPECT_EQ(r.no_speed, 1);  // class 'mystery' has no default speed
  EXPECT_EQ(r.unattached, 1);
}

TEST_F(Check, FacilityAttachesToAPointOnTheEdge) {
  const auto attachments = load_attachments(project.db(), built.info.id);
  const auto port = std::find_if(attachments.begin(), attachments.end(), [](const Attachment& a) {
    return a.feature_id == "port" && a.mode == Mode::road;
  });
  ASSERT_NE(port, attachments.end());
  ASSERT_TRUE(port->edge.has_value());
  EXPECT_EQ(*port->edge, 0);
  EXPECT_NEAR(port->fraction, 0.25, 0.001);
  EXPECT_NEAR(*port->distance_m, 100.0, 0.1);  // UTM vs TM-3 scale differ by < 0.05 %
  const auto far = std::find_if(attachments.begin(), attachments.end(), [](const Attachment& a) {
    return a.feature_id == "far" && a.mode == Mode::road;
  });
  ASSERT_NE(far, attachments.end());
  EXPECT_FALSE(far->edge.has_value());
  EXPECT_NEAR(*far->distance_m, std::hypot(9000.0, 9000.0), 10.0);  // to b
}

TEST_F(Check, StoredNetworkLoadsWithItsAttributes) {
  const auto net = load_network(project.db(), "main");
  ASSERT_EQ(net.edges.size(), 3u);
  EXPECT_EQ(net.edges[0].name, "Đường A");
  EXPECT_EQ(net.edges[0].forward.lanes.str(), "general|motorcycle");
  EXPECT_EQ(net.edges[0].backward.lanes.str(), "general");
  EXPECT_FALSE(net.edges[1].backward.allowed);
  EXPECT_EQ(net.edges[1].source_id, "roads.geojson:B");
  EXPECT_EQ(net.edges[0].geometry.size(), 2u);
  const auto info = find_network(project.db(), "main");
  EXPECT_EQ(info->sources[0]["reader"], "gdal");
  EXPECT_EQ(info->stats["source_lines"], 3);
  // Geometry stored for QGIS, with a working spatial index.
  EXPECT_EQ(project.db().query_int("SELECT CheckSpatialIndex('network_edges', 'geom')"), 1);
}

TEST_F(Check, ProblemsLayerForQgis) {
  const auto net = load_network(project.db(), "main");
  const auto r = check_network(net, load_attachments(project.db(), built.info.id), 10.0);
  write_problems(r, (dir / "problems.gpkg").string());
  auto ds = gdal::open_vector((dir / "problems.gpkg").string());
  EXPECT_EQ(ds->GetLayerByName("network_problems")->GetFeatureCount(), static_cast<GIntBig>(r.problems.size()));
}

TEST_F(Check, PlannerTurnRestrictions) {
  // Edge 0 (A) ends at node 1, the corner where edge 1 (B) starts.
  const auto id = add_restriction(project.db(), "main", TurnRestriction{"no_u_turn", 0, 1, 0, "hgv", "", "planner"});
  EXPECT_GT(id, 0);
  const auto net = load_network(project.db(), "main");
  ASSERT_EQ(net.restrictions.size(), 1u);
  EXPECT_EQ(net.restrictions[0].vehicles, "hgv");
  EXPECT_EQ(project.db().query_text("SELECT origin FROM turn_restrictions"), "planner");
  try {
    add_restriction(project.db(), "main", TurnRestriction{"no_left_turn", 0, 1, 2, "all", "", "planner"});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "edge 2 does not touch node 1 (it runs from node 3 to node 4)");
  }
  EXPECT_THROW(add_restriction(project.db(), "main", TurnRestriction{"no_parking", 0, 1, 1, "all", "", "planner"}),
               UsageError);
}

TEST_F(Check, LaneTableJoinedBySourceIdAndName) {
  test::write_file(dir / "lanes.csv",
                   "source_id,lanes_forward,lanes_backward\n"
                   "roads.geojson:A,general|motorcycle|rudimentary,general|rudimentary\n");
  test::write_file(dir / "lanes_by_name.csv", "name,lanes_forward\nĐường C,general|motorcycle\n");
  BuildOptions o;
  o.overwrite = true;
  o.lane_table = (dir / "lanes.csv").string();
  o.sources.push_back(SourceSpec{(dir / "roads.geojson").string(), {Mode::road}, {}, {}, {}, false});
  EXPECT_EQ(build_network(project, o).lanes_from_table, 1);
  EXPECT_EQ(load_network(project.db(), "main").edges[0].forward.lanes.str(), "general|motorcycle|rudimentary");
  o.lane_table = (dir / "lanes_by_name.csv").string();
  EXPECT_EQ(build_network(project, o).lanes_from_table, 1);
  EXPECT_EQ(load_network(project.db(), "main").edges[2].forward.lanes.str(), "general|motorcycle");

  test::write_file(dir / "bad.csv", "source_id,lanes_forward\nroads.geojson:Z,general\n");
  o.lane_table = (dir / "bad.csv").string();
  try {
    build_network(project, o);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv: row 2: no edge with source_id 'roads.geojson:Z' in the network"),
              std::string::npos) << e.what();
  }
  // The failed rebuild left the stored network as it was.
  EXPECT_EQ(load_network(project.db(), "main").edges[2].forward.lanes.str(), "general|motorcycle");
}
