// Bad network input: clear errors, and the project's networks unchanged.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/build.hpp"
#include "network/network_store.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::network;

namespace {
struct BadNetwork : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  std::vector<std::string> before;
  void SetUp() override {
    test::write_file(dir / "ok.osm", test::ascii_osm("a---b\n", {{"ab", {}}}));
    BuildOptions o;
    o.sources.push_back(SourceSpec{(dir / "ok.osm").string(), {Mode::road}, {}, {}, {}, false});
    build_network(project, o);
    before = rows();
  }
  std::vector<std::string> rows() {
    std::vector<std::string> out;
    for (const char* t : {"networks", "network_edges", "network_nodes"}) {
      auto st = project.db().prepare(std::string("SELECT * FROM ") + t + " ORDER BY 1");
      while (st.step()) {
        std::string row = t;
        for (int c = 0; c < st.column_count(); ++c) row += "|" + st.column_text(c);
        out.push_back(row);
      }
    }
    return out;
  }
  template <class E>
  void expect_error(SourceSpec src, const std::string& contains, bool overwrite = true) {
    BuildOptions o;
    o.overwrite = overwrite;
    o.sources.push_back(std::move(src));
    try {
      build_network(project, o);
      ADD_FAILURE() << "no error";
    } catch (const E& e) {
      EXPECT_NE(std::string(e.what()).find(contains), std::string::npos) << e.what();
    }
    EXPECT_EQ(rows(), before) << "a failed build changed the stored network";
  }
};
}  // namespace

TEST_F(BadNetwork, SourceWithNoLines) {
  test::write_file(dir / "points.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.7,20.8]}}]})");
  expect_error<DataError>({(dir / "points.geojson").string(), {Mode::road}, {}, {}, {}, false},
                          "points.geojson: feature 0: a Point is not a line");
}

TEST_F(BadNetwork, OsmWithNoRoutableWays) {
  test::write_file(dir / "paths.osm", test::ascii_osm("a---b\n", {{"ab", {{"highway", "footway"}}}}));
  expect_error<DataError>({(dir / "paths.osm").string(), {Mode::road}, {}, {}, {}, false},
                          "paths.osm: no routable lines for mode(s) road");
}

TEST_F(BadNetwork, LineLayerWithoutMode) {
  test::write_file(dir / "l.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.7,20.8],[106.71,20.8]]}}]})");
  expect_error<UsageError>({(dir / "l.geojson").string(), {}, {}, {}, {}, false}, "no mode: give --mode");
}

TEST_F(BadNetwork, UnknownModeInAField) {
  test::write_file(dir / "m.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"mode":"air"},"geometry":{"type":"LineString","coordinates":[[106.7,20.8],[106.71,20.8]]}}]})");
  expect_error<DataError>({(dir / "m.geojson").string(), {}, {}, {}, {}, false}, "m.geojson: feature 0: unknown mode 'air'");
}

TEST_F(BadNetwork, FieldMappingToAMissingField) {
  test::write_file(dir / "f.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ten":"X"},"geometry":{"type":"LineString","coordinates":[[106.7,20.8],[106.71,20.8]]}}]})");
  expect_error<DataError>({(dir / "f.geojson").string(), {Mode::road}, {{"class", "LOAI"}}, {}, {}, false},
                          "--map class=LOAI: no field 'LOAI' (fields: ten)");
}

TEST_F(BadNetwork, CorruptPbf) {
  test::write_file(dir / "broken.osm.pbf", std::string("\x00\x00\x00\x0d\x0a\x09OSMHeader garbage garbage", 32));
  expect_error<DataError>({(dir / "broken.osm.pbf").string(), {Mode::road}, {}, {}, {}, false},
                          "broken.osm.pbf: not a readable OSM file");
}

TEST_F(BadNetwork, MissingFile) {
  expect_error<DataError>({(dir / "none.osm.pbf").string(), {Mode::road}, {}, {}, {}, false}, "none.osm.pbf: no such file");
}

TEST_F(BadNetwork, ExistingNameWithoutOverwrite) {
  expect_error<DataError>({(dir / "ok.osm").string(), {Mode::road}, {}, {}, {}, false},
                          "network 'main' exists", /*overwrite=*/false);
}
