// Topology from OSM drawn as ASCII maps: junctions only at shared nodes.
#include <gtest/gtest.h>

#include <algorithm>

#include "network/build_settings.hpp"
#include "network/osm_source.hpp"
#include "network/topology.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::network;
using test::AsciiWay;

namespace {
Network build(const std::string& map, const std::vector<AsciiWay>& ways,
              const std::vector<test::AsciiRestriction>& restrictions = {},
              std::vector<Mode> modes = {Mode::road}) {
  test::TempDir dir;
  test::write_file(dir / "map.osm", test::ascii_osm(map, ways, restrictions));
  std::vector<RawNetwork> raw;
  raw.push_back(read_osm((dir / "map.osm").string(), modes, BuildSettings::load()));
  return build_topology(std::move(raw));
}

int degree(const Network& net, std::int64_t node) {
  int d = 0;
  for (const auto& e : net.edges) d += (e.from == node) + (e.to == node);
  return d;
}
}  // namespace

TEST(Topology, WaysSplitAtSharedNodes) {
  const char* map =
      "a---b---c\n"
      "    |\n"
      "    d\n";
  const auto net = build(map, {{"abc", {}}, {"bd", {{"highway", "residential"}}}});
  EXPECT_EQ(net.nodes.size(), 4u);
  ASSERT_EQ(net.edges.size(), 3u);
  // b is node index 1 (OSM id 2): a junction of three edges.
  EXPECT_EQ(degree(net, 1), 3);
  EXPECT_EQ(net.edges[0].source_id, "osm:way/100");
  EXPECT_EQ(net.edges[2].road_class, "residential");
  // a-b is 4 columns = 0.004° of longitude at 20.8°N: `geod -I +ellps=WGS84` gives 416.433 m.
  EXPECT_NEAR(net.edges[0].length_m, 416.433, 0.001);
}

TEST(Topology, BridgeOverARoadMakesNoJunction) {
  //     c
  //     |        the c-d way crosses a-b on a bridge, sharing no node
  // a-------b
  //     |
  //     d
  const char* map =
      "    c\n"
      "    |\n"
      "a-------b\n"
      "    |\n"
      "    d\n";
  const auto net = build(map, {{"ab", {}}, {"cd", {{"highway", "secondary"}, {"bridge", "yes"}, {"layer", "1"}}}});
  EXPECT_EQ(net.nodes.size(), 4u);
  ASSERT_EQ(net.edges.size(), 2u);
  EXPECT_TRUE(net.edges[1].bridge);
  EXPECT_EQ(net.edges[1].layer, 1);
  for (std::int64_t n = 0; n < 4; ++n) EXPECT_EQ(degree(net, n), 1);
}

TEST(Topology, OnewayTags) {
  const char* map = "a---b---c---d---e\n";
  const auto net = build(map, {{"ab", {{"oneway", "yes"}}},
                               {"bc", {{"oneway", "-1"}}},
                               {"cd", {{"highway", "motorway"}}},
                               {"de", {{"highway", "motorway"}, {"oneway", "no"}}}});
  ASSERT_EQ(net.edges.size(), 4u);
  EXPECT_TRUE(net.edges[0].forward.allowed);
  EXPECT_FALSE(net.edges[0].backward.allowed);
  EXPECT_FALSE(net.edges[1].forward.allowed);
  EXPECT_TRUE(net.edges[1].backward.allowed);
  EXPECT_FALSE(net.edges[2].backward.allowed);  // motorway: implied one-way
  EXPECT_TRUE(net.edges[3].backward.allowed);
}

TEST(Topology, SpeedsFromTagsOrClassDefaults) {
  const char* map = "a---b---c\n";
  const auto net = build(map, {{"ab", {{"maxspeed", "70"}}}, {"bc", {{"highway", "residential"}}}});
  EXPECT_EQ(net.edges[0].forward.speed_kmh, 70);
  EXPECT_EQ(net.edges[0].speed_source, SpeedSource::tag);
  EXPECT_EQ(net.edges[1].forward.speed_kmh, BuildSettings::load().find(Mode::road, "residential")->speed_kmh);
  EXPECT_EQ(net.edges[1].speed_source, SpeedSource::class_default);
  // time = length / speed
  EXPECT_NEAR(net.edges[0].time_s(true), net.edges[0].length_m / (70 / 3.6), 1e-9);
}

TEST(Topology, DuplicateWaysAndUnroutableClassesAreDropped) {
  const char* map = "a---b---c\n";
  const auto net = build(map, {{"ab", {}}, {"ba", {}}, {"bc", {{"highway", "footway"}}}});
  EXPECT_EQ(net.edges.size(), 1u);
  EXPECT_EQ(net.stats.duplicates_removed, 1);
  EXPECT_EQ(net.stats.source_lines, 2);  // the footway is not a road for freight
}

TEST(Topology, SameEndsButOtherVerticesAreNotDuplicates) {
  // Three ways from a to b (through c, through d, straight) and the straight one
  // drawn again backwards: only that one is a duplicate.
  const char* map =
      "  c  \n"
      "a   b\n"
      "  d  \n";
  const auto net = build(map, {{"acb", {}}, {"adb", {}}, {"ab", {}}, {"ba", {}}});
  EXPECT_EQ(net.edges.size(), 3u);
  EXPECT_EQ(net.stats.duplicates_removed, 1);
  std::vector<std::size_t> vertices;
  for (const auto& e : net.edges) vertices.push_back(e.geometry.size());
  std::sort(vertices.begin(), vertices.end());
  EXPECT_EQ(vertices, (std::vector<std::size_t>{2, 3, 3}));
}

TEST(Topology, ClosedWayIsASelfLoop) {
  const char* map =
      "a---b\n"
      "|   |\n"
      "d---c\n";
  const auto net = build(map, {{"abcda", {}}});
  ASSERT_EQ(net.edges.size(), 1u);
  EXPECT_EQ(net.edges[0].from, net.edges[0].to);
}

TEST(Topology, TurnRestrictionsMapToEdges) {
  //  a---b---c      w0 = a-b, w1 = b-c, w2 = b-d
  //      |
  //      d
  const char* map =
      "a---b---c\n"
      "    |\n"
      "    d\n";
  const auto net = build(map, {{"ab", {}}, {"bc", {}}, {"bd", {}}},
                         {{{{"restriction", "no_right_turn"}, {"except", "bicycle"}}, 0, 'b', 2},
                          {{{"restriction:hgv", "no_straight_on"}}, 0, 'b', 1}});
  ASSERT_EQ(net.restrictions.size(), 2u);
  const auto& r0 = net.restrictions[0];
  EXPECT_EQ(r0.kind, "no_right_turn");
  EXPECT_EQ(r0.from_edge, 0);
  EXPECT_EQ(r0.via_node, 1);
  EXPECT_EQ(r0.to_edge, 2);
  EXPECT_EQ(r0.vehicles, "all");
  EXPECT_EQ(r0.except, "bicycle");
  EXPECT_EQ(r0.source_id, "osm:relation/500");
  EXPECT_EQ(net.restrictions[1].vehicles, "hgv");
  EXPECT_EQ(net.restrictions[1].to_edge, 1);
}

TEST(Topology, RailAndRoadModesFromOneExtract) {
  const char* map = "a---b\nc---d\n";
  const auto net = build(map, {{"ab", {}}, {"cd", {{"railway", "rail"}}}}, {}, {Mode::road, Mode::rail});
  ASSERT_EQ(net.edges.size(), 2u);
  EXPECT_EQ(net.edges[1].mode, Mode::rail);
  EXPECT_EQ(net.edges[1].forward.lanes.count(), 0u);
}

TEST(Topology, LaneTagsReachTheEdges) {
  const char* map = "a---b\n";
  const auto net = build(map, {{"ab", {{"oneway", "yes"}, {"lanes", "3"}, {"motorcycle:lanes", "||designated"}}}});
  EXPECT_EQ(net.edges[0].forward.lanes.str(), "general|general|motorcycle");
  EXPECT_EQ(net.edges[0].backward.lanes.count(), 0u);
}
