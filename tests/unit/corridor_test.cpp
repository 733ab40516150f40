// Corridor studies on a hand-drawn map, against values worked out here:
//
//   a---b===c---d        a-b "Đường A", 4 lanes (2 a direction), 60 km/h
//           |   |        b=c "Đường A", 2 lanes (1 a direction), 60 km/h, a bridge (bridge=yes)
//           e---f        c-d "Đường B", 4 lanes, 30 km/h
//                        c-e-f-d "Đường vòng", 30 km/h: the only way round c-d
//
// Lengths: the haversine distance between the drawn nodes (0.5 % of the
// geodesic one). Corridor a → d for a car (no class caps): segments a-b, b=c,
// c-d in that order; a lane drop (2 → 1) and a single lane at b, a speed drop
// (60 → 30) at c; a-b and b=c are the network's bridges (a hangs off the rest),
// c-d is not. Closing a-b or b=c cuts the corridor; closing c-d costs the
// detour c-e-f-d minus c-d at 30 km/h.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "corridor/corridor_resilience.hpp"
#include "corridor/corridor_study.hpp"
#include "network/build.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::corridor;

namespace {

const char* kMap = "a---b---c---d\n        |   |\n        e---f\n";

double metres(char x, char y) {
  const auto [lon1, lat1] = test::ascii_position(kMap, x);
  const auto [lon2, lat2] = test::ascii_position(kMap, y);
  constexpr double r = 6371008.8, rad = M_PI / 180;
  const double dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * r * std::asin(std::sqrt(h));
}

std::string place(char x) {
  const auto [lon, lat] = test::ascii_position(kMap, x);
  return fmt::format("{:.6f},{:.6f}", lon, lat);
}

struct Corridors : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "c.sqlite");
  void build(bool with_cd) {
    std::vector<test::AsciiWay> ways = {
        {"ab", {{"highway", "primary"}, {"name", "Đường A"}, {"lanes", "4"}, {"maxspeed", "60"}}},
        {"bc", {{"highway", "primary"}, {"name", "Đường A"}, {"lanes", "2"}, {"maxspeed", "60"}, {"bridge", "yes"}, {"layer", "1"}}},
        {"cefd", {{"highway", "secondary"}, {"name", "Đường vòng"}, {"lanes", "2"}, {"maxspeed", "30"}}}};
    if (with_cd) ways.push_back({"cd", {{"highway", "primary"}, {"name", "Đường B"}, {"lanes", "4"}, {"maxspeed", "30"}}});
    test::write_file(dir / "m.osm", test::ascii_osm(kMap, ways));
    network::BuildOptions o;
    o.overwrite = true;
    o.sources.push_back(network::SourceSpec{(dir / "m.osm").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
  }
  CorridorDef define() {
    CorridorDef d;
    d.name = "a-d", d.profile = "car", d.through = {place('a'), place('d')};
    d.id = save_corridor(project.db(), d, false);
    return d;
  }
};

}  // namespace

TEST_F(Corridors, ProfileSegmentsKmLanesAndBottlenecksByHand) {
  build(true);
  define();
  const auto o = run_corridor_profile(project, {"a-d", network::Mode::road, std::nullopt, std::nullopt});
  const auto& s = o.profile.segments;
  ASSERT_EQ(s.size(), 3u);
  const double ab = metres('a', 'b'), bc = metres('b', 'c'), cd = metres('c', 'd');
  EXPECT_EQ(s[0].name, "Đường A");
  EXPECT_EQ(s[1].name, "Đường A");
  EXPECT_EQ(s[2].name, "Đường B");
  EXPECT_NEAR(s[0].from_km, 0, 1e-9);
  EXPECT_NEAR(s[1].from_km * 1000, ab, 0.005 * ab);
  EXPECT_NEAR(s[2].from_km * 1000, ab + bc, 0.005 * (ab + bc));
  EXPECT_NEAR(s[2].to_km * 1000, ab + bc + cd, 0.005 * (ab + bc + cd));
  EXPECT_EQ(s[0].lanes_ahead, 2);
  EXPECT_EQ(s[1].lanes_ahead, 1);
  EXPECT_TRUE(s[1].bridge);
  EXPECT_FALSE(s[0].bridge || s[2].bridge);
  EXPECT_NEAR(s[0].speed_kmh, 60, 1e-6);
  EXPECT_NEAR(s[2].speed_kmh, 30, 1e-6);
  EXPECT_TRUE(s[0].splits_network && s[1].splits_network);
  EXPECT_FALSE(s[2].splits_network);
  std::vector<std::string> kinds;
  for (const auto& b : o.profile.bottlenecks) kinds.push_back(b.kind + "@" + fmt::format("{:.3f}", b.km));
  const auto at = [&](double m) { return fmt::format("{:.3f}", m / 1000); };
  EXPECT_EQ(kinds, (std::vector<std::string>{"network_bridge@" + at(0), "lane_drop@" + fmt::format("{:.3f}", s[1].from_km),
                                             "single_lane@" + fmt::format("{:.3f}", s[1].from_km),
                                             "network_bridge@" + fmt::format("{:.3f}", s[1].from_km),
                                             "speed_drop@" + fmt::format("{:.3f}", s[2].from_km)}));
  // Time per class: the car's minutes over a-b and b=c at 60 and c-d at 30.
  EXPECT_NEAR(o.profile.class_minutes("car"), ((ab + bc) / (60 / 3.6) + cd / (30 / 3.6)) / 60, 0.005 * o.profile.minutes);
}

TEST_F(Corridors, ClosingEachSegmentRanksCutsThenTheDetour) {
  build(true);
  define();
  const auto o = run_corridor_profile(project, {"a-d", network::Mode::road, std::nullopt, std::nullopt});
  const auto r = corridor_resilience(o.trace, o.profile, 2);
  ASSERT_EQ(r.closures.size(), 3u);
  EXPECT_TRUE(r.closures[0].cut);
  EXPECT_TRUE(r.closures[1].cut);
  EXPECT_FALSE(r.closures[2].cut);
  EXPECT_EQ(r.closures[2].road, "Đường B");
  const double detour = (metres('c', 'e') + metres('e', 'f') + metres('f', 'd') - metres('c', 'd')) / (30 / 3.6) / 60;
  EXPECT_NEAR(r.closures[2].extra_minutes, detour, 0.005 * detour);
  ASSERT_EQ(r.alternatives.size(), 2u);  // the main path and the way round
  EXPECT_NEAR(r.alternatives[0].overlap, 1, 1e-9);
  EXPECT_NEAR(r.alternatives[1].overlap * r.alternatives[1].km * 1000, metres('a', 'b') + metres('b', 'c'),
              0.005 * (metres('a', 'b') + metres('b', 'c')));
}

TEST_F(Corridors, ARebuiltNetworkReSnapsThePathAndSaysWhatChanged) {
  build(true);
  const auto d = define();
  const auto first = trace_corridor(project, d, network::Mode::road, std::nullopt, true);
  EXPECT_FALSE(first.change);
  std::string cd_way;
  for (const auto& p : first.pieces) if (first.net().edges[static_cast<std::size_t>(p.edge)].name == "Đường B") cd_way = first.net().edges[static_cast<std::size_t>(p.edge)].source_id;
  ASSERT_FALSE(cd_way.empty());
  build(false);  // c-d gone: the corridor goes round by c-e-f-d
  const auto again = trace_corridor(project, d, network::Mode::road, std::nullopt, true);
  ASSERT_TRUE(again.change);
  EXPECT_EQ(again.change->left, std::vector<std::string>{cd_way});
  ASSERT_EQ(again.change->joined.size(), 1u);
  EXPECT_NE(again.change->joined[0], cd_way);
  EXPECT_NEAR(again.change->previous_km * 1000, first.length_m, 1e-6);
  EXPECT_GT(again.length_m, first.length_m);
  // Traced again on the same version: nothing to report.
  EXPECT_FALSE(trace_corridor(project, d, network::Mode::road, std::nullopt, true).change);
}

TEST_F(Corridors, BadDefinitions) {
  build(true);
  define();
  CorridorDef d;
  d.name = "a-d", d.through = {place('a'), place('d')};
  EXPECT_THROW(save_corridor(project.db(), d, false), DataError);  // the name exists
  try {
    load_corridor(project.db(), "nowhere");
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), "no corridor named 'nowhere' (corridors: a-d)");
  }
  EXPECT_THROW(run_corridor_profile(project, {"a-d", network::Mode::rail, std::nullopt, std::nullopt}), DataError);
}

// Two pieces of road that do not meet: the trace says which leg breaks and how
// close the network reached from its start gets to its end (a-b-c reaches c,
// 8 columns short of h).
TEST(CorridorBreaks, SaysWhereThePathBreaks) {
  test::TempDir dir;
  auto project = project::Project::create(dir / "b.sqlite");
  const char* map = "a---b---c   g---h\n";
  test::write_file(dir / "m.osm", test::ascii_osm(map, {{"abc", {{"highway", "primary"}}}, {"gh", {{"highway", "primary"}}}}));
  network::BuildOptions o;
  o.sources.push_back(network::SourceSpec{(dir / "m.osm").string(), {network::Mode::road}, {}, {}, {}, false});
  network::build_network(project, o);
  const auto at = [&](char x) {
    const auto [lon, lat] = test::ascii_position(map, x);
    return fmt::format("{:.6f},{:.6f}", lon, lat);
  };
  CorridorDef d;
  d.name = "broken", d.profile = "car", d.through = {at('a'), at('h')};
  const auto t = trace_corridor(project, d, network::Mode::road, std::nullopt, false);
  ASSERT_EQ(t.missing.size(), 1u);
  const auto [c_lon, c_lat] = test::ascii_position(map, 'c');
  const auto [h_lon, h_lat] = test::ascii_position(map, 'h');
  const double km = (h_lon - c_lon) * std::cos(c_lat * M_PI / 180) * 111.195;  // along a parallel: right to the 0.1 km printed
  EXPECT_NE(t.missing[0].find(fmt::format("ends {:.1f} km short of", km)), std::string::npos) << t.missing[0];
  EXPECT_NE(t.missing[0].find(fmt::format("near {:.5f},{:.5f}", c_lon, c_lat)), std::string::npos) << t.missing[0];
}
