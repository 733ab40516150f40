// Dedicated-lane routing on a hand-drawn map (lengths from `geod`, see routing_test.cpp):
//
//   a=======b---h        a-b: mixed (general lanes)             832.866160 m
//   #       :   #        a-c, c-d, d-e, e-h, h-b: a motorbike lane each way ('#', '=')
//   c#######d###e        d-b: mixed (':')                       221.428851 m
//
//   ignore: a,b                    832.866160 m, all mixed
//   prefer (x3): a,c,d,b           1275.734840 m, 221.428851 mixed
//   strict: a,c,d,e,h,b            2108.606489 m, none mixed
#include <gtest/gtest.h>

#include "network/build.hpp"
#include "routing/route.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::routing;

namespace {
constexpr double kCol = 221.428851, kRow0x2 = 832.866160, kRow2x2 = 832.877138, kRow2 = 416.438569, kRow0 = 416.433080;

const std::map<std::string, std::string> kMixed = {{"lanes", "2"}};
const std::map<std::string, std::string> kMoto = {{"lanes", "2"},
                                                  {"motorcycle:lanes:forward", "designated"},
                                                  {"motorcycle:lanes:backward", "designated"}};
const char* kMap = "a-------b---h\n|       |   |\nc-------d---e\n";

struct Lanes : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void build(const std::vector<test::AsciiWay>& ways) {
    test::write_file(dir / "m.osm", test::ascii_osm(kMap, ways));
    network::BuildOptions o;
    o.overwrite = true;
    o.sources.push_back(network::SourceSpec{(dir / "m.osm").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
  }
  std::unique_ptr<AnalysisContext> context() {
    auto ctx = std::make_unique<AnalysisContext>(project, "main", "motorbike");
    std::vector<Place> places;
    for (char c : std::string("ab")) {
      const auto [lon, lat] = test::ascii_position(kMap, c);
      places.push_back(Place{std::string(1, c), std::nullopt, "point", {lon, lat}});
    }
    ctx->add_places(places);
    ctx->build();
    return ctx;
  }
};
}  // namespace

TEST_F(Lanes, StrictPreferAndIgnoreGiveThreeDifferentPaths) {
  build({{"ab", kMixed}, {"ac", kMoto}, {"cd", kMoto}, {"db", kMixed}, {"de", kMoto}, {"eh", kMoto}, {"hb", kMoto}});
  auto ctx = context();
  const auto ignore = routes(*ctx, ctx->graph(LaneOptions{}), 0, 1, Metric::distance);
  const auto prefer = routes(*ctx, ctx->graph(LaneOptions{LaneMode::prefer, 3.0}), 0, 1, Metric::distance);
  const auto strict = routes(*ctx, ctx->graph(LaneOptions{LaneMode::strict, 1.0}), 0, 1, Metric::distance);
  ASSERT_EQ(ignore.size(), 1u);
  ASSERT_EQ(prefer.size(), 1u);
  ASSERT_EQ(strict.size(), 1u);
  EXPECT_NEAR(ignore[0].length_m, kRow0x2, 1e-3);
  EXPECT_NEAR(ignore[0].mixed_m, kRow0x2, 1e-3);
  EXPECT_NEAR(ignore[0].dedicated_m, 0, 1e-9);
  EXPECT_NEAR(prefer[0].length_m, kCol + kRow2x2 + kCol, 1e-3);
  EXPECT_NEAR(prefer[0].dedicated_m, kCol + kRow2x2, 1e-3);
  EXPECT_NEAR(prefer[0].mixed_m, kCol, 1e-3);
  ASSERT_EQ(prefer[0].mixed.size(), 1u);
  EXPECT_EQ(prefer[0].mixed[0].source_id, "osm:way/103");  // d-b
  EXPECT_NEAR(strict[0].length_m, kCol + kRow2x2 + kRow2 + kCol + kRow0, 1e-3);
  EXPECT_NEAR(strict[0].mixed_m, 0, 1e-9);
  EXPECT_TRUE(strict[0].mixed.empty());
}

TEST_F(Lanes, PenaltyOfOneIsOrdinaryRouting) {
  build({{"ab", kMixed}, {"ac", kMoto}, {"cd", kMoto}, {"db", kMixed}, {"de", kMoto}, {"eh", kMoto}, {"hb", kMoto}});
  auto ctx = context();
  const auto r = routes(*ctx, ctx->graph(LaneOptions{LaneMode::prefer, 1.0}), 0, 1, Metric::distance);
  EXPECT_NEAR(r[0].length_m, kRow0x2, 1e-3);
}

TEST_F(Lanes, StrictWithoutASolutionReportsTheGap) {
  // No h-b lane: the dedicated network from a ends at d (221 m from b), then d-b in mixed traffic.
  build({{"ab", kMixed}, {"ac", kMoto}, {"cd", kMoto}, {"db", kMixed}, {"de", kMoto}, {"eh", kMoto}, {"hb", kMixed}});
  auto ctx = context();
  EXPECT_TRUE(routes(*ctx, ctx->graph(LaneOptions{LaneMode::strict, 1.0}), 0, 1, Metric::distance).empty());
  const auto gap = strict_gap(*ctx, 0, 1, Metric::distance);
  const auto [dlon, dlat] = test::ascii_position(kMap, 'd');
  EXPECT_NEAR(gap.last_point.lon, dlon, 1e-9);
  EXPECT_NEAR(gap.last_point.lat, dlat, 1e-9);
  EXPECT_NEAR(gap.straight_m, kCol, 1e-3);
  EXPECT_NEAR(gap.reached_from_origin_m, kCol + kRow2x2, 1e-3);
  ASSERT_TRUE(gap.gap.has_value());
  EXPECT_NEAR(gap.gap->mixed_m, kCol, 1e-3);
}

TEST_F(Lanes, ProfileSpeedInItsOwnLane) {
  // motorbike.json: 60 km/h overall, 50 km/h in a motorcycle lane, 30 in a rudimentary lane.
  const auto bike = Profile::load("motorbike");
  network::Edge e;
  e.mode = network::Mode::road;
  e.road_class = "primary";
  e.forward.speed_kmh = e.backward.speed_kmh = 70;
  EXPECT_DOUBLE_EQ(bike.speed_kmh(e, true), 60);
  e.forward.lanes = network::parse_lanes("general|motorcycle");
  EXPECT_DOUBLE_EQ(bike.speed_kmh(e, true), 50);
  e.forward.lanes = network::parse_lanes("general|rudimentary");
  EXPECT_DOUBLE_EQ(bike.speed_kmh(e, true), 30);
  e.forward.lanes = network::parse_lanes("general|motorcycle|rudimentary");
  EXPECT_DOUBLE_EQ(bike.speed_kmh(e, true), 50);  // the fastest own lane on offer
}
