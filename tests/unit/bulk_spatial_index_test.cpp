// The spatial indexes a network build fills on a second thread
// (project/bulk_spatial_index): checked by SpatiaLite (CheckSpatialIndex), by
// SQLite (rtreecheck), against the entries of the tree SpatiaLite builds itself
// from the same rows, and by what the triggers do with a row written later.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <stdexcept>

#include "network/build.hpp"
#include "project/bulk_spatial_index.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
const char* kRoads = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},"features":[
 {"type":"Feature","properties":{"id":"A","class":"primary"},"geometry":{"type":"LineString","coordinates":[[600000,2300000],[601000,2300000]]}},
 {"type":"Feature","properties":{"id":"B","class":"secondary"},"geometry":{"type":"LineString","coordinates":[[601000,2300000],[601000,2301000]]}},
 {"type":"Feature","properties":{"id":"C","class":"tertiary"},"geometry":{"type":"LineString","coordinates":[[605000,2305000],[605500,2305500],[606000,2305000]]}}]})";

struct BulkIndex : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  db::Database& db = project.db();
  void build(const std::string& name) {
    network::BuildOptions o;
    o.name = name;
    o.sources.push_back(network::SourceSpec{(dir / "roads.geojson").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
  }
  void SetUp() override {
    test::write_file(dir / "roads.geojson", kRoads);
    build("main");
    build("second");  // rows after the first network's: ids and tree continue
  }
  // The index's entries (row id and float box), in row id order.
  std::string entries(const std::string& table) {
    return db.query_text("SELECT group_concat(pkid || ':' || xmin || ',' || xmax || ',' || ymin || ',' || ymax, ';') FROM"
                         " (SELECT * FROM idx_" + table + "_geom ORDER BY pkid)").value_or("");
  }
};
}  // namespace

TEST_F(BulkIndex, SpatiaLiteAndSqliteFindTheIndexesWhole) {
  for (const char* t : {"network_edges", "network_nodes"}) {
    EXPECT_EQ(db.query_int(std::string("SELECT CheckSpatialIndex('") + t + "', 'geom')"), 1) << t;
    EXPECT_EQ(db.query_text(std::string("SELECT rtreecheck('idx_") + t + "_geom')"), "ok") << t;
    EXPECT_EQ(db.query_int(std::string("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = '") + t + "'"), 1);
    EXPECT_EQ(db.query_int(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '") + t +
                           "' AND substr(name, 1, 3) IN ('gii', 'giu', 'gid')"),
              3)
        << t;
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM idx_network_edges_geom"), 6);  // 3 edges in each network
  EXPECT_EQ(db.query_int("SELECT count(*) FROM idx_network_nodes_geom"), 10);
}

// The first build writes into empty tables and drops their secondary indexes
// for the load, the second writes no more rows than the tables hold and keeps
// them: either way they are there afterwards, whole (integrity_check compares
// every index with its table), and answer for both networks.
TEST_F(BulkIndex, TheEdgeIndexesAreBackAfterTheLoad) {
  EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.query_text("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND"
                          " tbl_name = 'network_edges' AND sql IS NOT NULL ORDER BY name)"),
            "network_edges_from,network_edges_to");
  for (const char* index : {"network_edges_from", "network_edges_to"}) {
    const std::string column = std::string(index) == "network_edges_from" ? "from_node" : "to_node";
    // INDEXED BY fails when the index is missing; all 3 edges of each network are found through it.
    EXPECT_EQ(db.query_int(fmt::format("SELECT count(*) FROM network_edges INDEXED BY {} WHERE network_id IN"
                                       " (SELECT id FROM networks) AND {} >= 0",
                                       index, column)),
              6)
        << index;
  }
}

TEST_F(BulkIndex, TheTreeHoldsWhatSpatiaLitesOwnTreeHolds) {
  // SpatiaLite's own build, row by row, from the stored geometries: the same
  // entries, boxes rounded to the same floats.
  for (const char* t : {"network_edges", "network_nodes"}) {
    const auto ours = entries(t);
    ASSERT_FALSE(ours.empty());
    db.exec(std::string("SELECT DisableSpatialIndex('") + t + "', 'geom')");
    db.exec(std::string("DROP TABLE idx_") + t + "_geom");
    db.exec(std::string("SELECT CreateSpatialIndex('") + t + "', 'geom')");
    EXPECT_EQ(entries(t), ours) << t;
  }
}

TEST_F(BulkIndex, ABoxQueryAndARowWrittenLaterGoThroughTheIndex) {
  // Edge C's box (in lon/lat, widened by the R*Tree's float rounding) holds C
  // of both networks and nothing else.
  const auto c = db.query_text(
      "SELECT group_concat(e.source_id) FROM network_edges AS e, idx_network_edges_geom AS r WHERE e.id = r.pkid AND"
      " r.xmin >= (SELECT MbrMinX(geom) - 1e-4 FROM network_edges WHERE source_id LIKE '%:C' LIMIT 1) AND"
      " r.xmax <= (SELECT MbrMaxX(geom) + 1e-4 FROM network_edges WHERE source_id LIKE '%:C' LIMIT 1)");
  EXPECT_EQ(c, "roads.geojson:C,roads.geojson:C");
  // A row written by hand afterwards is indexed by SpatiaLite's triggers.
  db.exec(
      "INSERT INTO network_edges(network_id, edge, from_node, to_node, mode, length_m, forward, backward, speed_source,"
      " lanes_fwd, lanes_bwd, lane_use_fwd, lane_use_bwd, bridge, tunnel, layer, source_id, geom)"
      " SELECT network_id, 99, from_node, to_node, mode, 1, 1, 1, 'none', 0, 0, '', '', 0, 0, 0, 'hand',"
      " MakeLine(MakePoint(106.1, 20.9, 4326), MakePoint(106.2, 20.95, 4326)) FROM network_edges LIMIT 1");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM idx_network_edges_geom WHERE pkid = (SELECT id FROM network_edges WHERE edge = 99)"), 1);
  EXPECT_EQ(db.query_int("SELECT CheckSpatialIndex('network_edges', 'geom')"), 1);
}

namespace {
// A point table registered with SpatiaLite, without a spatial index yet.
struct Things : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "p.sqlite");
  db::Database& db = project.db();
  void SetUp() override {
    db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY)");
    db.exec("SELECT AddGeometryColumn('things', 'geom', 4326, 'POINT', 'XY')");
  }
};
}  // namespace

TEST_F(Things, WithoutSpatiaLitesTriggersTheIndexIsLeftToSpatiaLite) {
  db.exec("INSERT INTO things(geom) VALUES (MakePoint(106.7, 20.8, 4326)), (MakePoint(106.8, 20.9, 4326))");
  project::BulkSpatialIndex index(db, "things");
  index.start([](const project::BulkSpatialIndex::Sink&) { FAIL() << "no tree of our own without the triggers"; });
  index.finish();
  EXPECT_EQ(db.query_int("SELECT count(*) FROM idx_things_geom"), 2);
  EXPECT_EQ(db.query_int("SELECT CheckSpatialIndex('things', 'geom')"), 1);
}

TEST_F(Things, WhatTheBuildingThreadThrowsComesBackFromFinish) {
  db.exec("SELECT CreateSpatialIndex('things', 'geom')");
  project::BulkSpatialIndex index(db, "things");
  index.start([](const project::BulkSpatialIndex::Sink&) { throw std::runtime_error("box of row 7 is NaN"); });
  EXPECT_THROW(
      try { index.finish(); } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "box of row 7 is NaN");
        throw;
      },
      std::runtime_error);
}

// The build drops SpatiaLite's per-row triggers for its load and makes them
// again: afterwards the tables have the triggers a new project has, with the
// same SQL; the column is still registered; the type check still refuses a
// wrong geometry; every stored geometry is of the registered type and SRID.
TEST_F(BulkIndex, TheRowTriggersAreThoseOfANewProjectAndStillCheck) {
  const std::string triggers =
      "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND"
      " tbl_name IN ('network_edges', 'network_nodes') ORDER BY name)";
  test::TempDir other;
  auto fresh = project::Project::create(other / "new.sqlite");
  const auto want = fresh.db().query_text(triggers);
  ASSERT_TRUE(want && want->find("ggi_network_edges_geom") != std::string::npos);
  EXPECT_EQ(db.query_text(triggers), want);
  EXPECT_EQ(db.query_text("SELECT geometry_type || ',' || srid FROM geometry_columns WHERE f_table_name = 'network_edges'"),
            "2,4326");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM network_edges WHERE GeometryType(geom) <> 'LINESTRING' OR ST_Srid(geom) <> 4326"), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM network_nodes WHERE GeometryType(geom) <> 'POINT' OR ST_Srid(geom) <> 4326"), 0);
  EXPECT_NE(db.query_text("SELECT last_insert FROM geometry_columns_time WHERE f_table_name = 'network_edges'"),
            "0000-01-01T00:00:00.000Z");
  EXPECT_THROW(db.exec("UPDATE network_edges SET geom = MakePoint(106.1, 20.9, 4326) WHERE edge = 0"), std::exception);
}
