// Networks from planners' line layers (here GeoJSON in VN-2000 / TM-3 105-45,
// coordinates in metres so the geometry reads at a glance).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/build_settings.hpp"
#include "network/line_source.hpp"
#include "network/topology.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::network;

namespace {
std::string layer(const std::string& features) {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},"features":[)" +
         features + "]}";
}
std::string line(const std::string& props, const std::string& coords) {
  return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":{"type":"LineString","coordinates":)" + coords + "}}";
}

struct Lines : ::testing::Test {
  test::TempDir dir;
  BuildSettings settings = BuildSettings::load();
  Network build(const std::string& geojson, LineSourceOptions o = {}) {
    test::write_file(dir / "roads.geojson", geojson);
    if (!o.mode) o.mode = Mode::road;
    std::int64_t next = -1;
    std::vector<RawNetwork> raw;
    raw.push_back(read_line_layer((dir / "roads.geojson").string(), o, settings, next));
    stats = raw.back().stats;
    return build_topology(std::move(raw));
  }
  BuildStats stats;
};

// a(600000) ---- b(600100) ---- c(600200)   at northing 2300000
//                  |
//                  d (600100, 2300100)
const std::string kT = line(R"("name":"Đường A","class":"primary")", "[[600000,2300000],[600100,2300000],[600200,2300000]]");
}  // namespace

TEST_F(Lines, SharedVertexIsAJunction) {
  const auto net = build(layer(kT + "," + line(R"("name":"Đường B")", "[[600100,2300000],[600100,2300100]]")));
  EXPECT_EQ(net.nodes.size(), 4u);
  EXPECT_EQ(net.edges.size(), 3u);
  EXPECT_EQ(net.edges[0].name, "Đường A");
  EXPECT_EQ(net.edges[0].source_id, "roads.geojson:0");
}

TEST_F(Lines, EndpointWithinToleranceIsSnapped) {
  // B starts 0.5 m from A's vertex b: snapped (tolerance 1 m), so a junction.
  const auto net = build(layer(kT + "," + line("", "[[600100.5,2300000],[600100,2300100]]")));
  EXPECT_EQ(stats.snapped_endpoints, 1);
  EXPECT_EQ(net.nodes.size(), 4u);
  EXPECT_EQ(net.edges.size(), 3u);
}

TEST_F(Lines, EndpointBeyondToleranceIsNotSnapped) {
  const auto net = build(layer(kT + "," + line("", "[[600103,2300000],[600100,2300100]]")));
  EXPECT_EQ(stats.snapped_endpoints, 0);
  EXPECT_EQ(net.nodes.size(), 4u);  // a, c and both ends of B: b is no node
  EXPECT_EQ(net.edges.size(), 2u);
}

TEST_F(Lines, CrossingIsNoJunctionUnlessAsked) {
  //            d (600100, 2300100)
  //            |
  // a ---------+--------- c        B crosses A at (600100, 2300000), sharing no vertex
  //            |
  //            e (600100, 2299900)
  const std::string a = line("", "[[600000,2300000],[600200,2300000]]");
  const std::string b = line("", "[[600100,2300100],[600100,2299900]]");
  auto net = build(layer(a + "," + b));
  EXPECT_EQ(net.nodes.size(), 4u);
  EXPECT_EQ(net.edges.size(), 2u);
  LineSourceOptions o;
  o.node_crossings = true;
  net = build(layer(a + "," + b), o);
  EXPECT_EQ(net.nodes.size(), 5u);
  EXPECT_EQ(net.edges.size(), 4u);
}

TEST_F(Lines, LengthIsGeodesicNotGrid) {
  // 200 m of grid, 100 km east of the central meridian: k = 0.9999 (1 + E²/2R²) = 1.0000228,
  // so the ground length is 200 / k = 199.9954 m.
  const auto net = build(layer(line("", "[[600000,2300000],[600200,2300000]]")));
  EXPECT_NEAR(net.edges[0].length_m, 200.0 / (0.9999 * (1 + 1e10 / (2 * 6.38e6 * 6.38e6))), 0.002);
}

TEST_F(Lines, AttributesFromFields) {
  const auto net = build(layer(line(
      R"("name":"Tân Vũ – Lạch Huyện","class":"expressway","oneway":"yes","maxspeed":"80","lanes_forward":"general|general|xe thô sơ","hgv":"yes","maxweight":"40")",
      "[[600000,2300000],[601000,2300000]]")));
  const Edge& e = net.edges[0];
  EXPECT_FALSE(e.backward.allowed);
  EXPECT_EQ(e.forward.speed_kmh, 80);
  EXPECT_EQ(e.speed_source, SpeedSource::tag);
  EXPECT_EQ(e.forward.lanes.str(), "general|general|rudimentary");
  EXPECT_EQ(e.hgv, "yes");
  EXPECT_EQ(e.maxweight_t, 40.0);
}

TEST_F(Lines, UnknownLaneTypeNamesTheFeature) {
  try {
    build(layer(line(R"("lanes_forward":"general|hovercraft")", "[[600000,2300000],[601000,2300000]]")));
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("roads.geojson: feature 0: unknown lane type 'hovercraft'"), std::string::npos)
        << e.what();
  }
}
