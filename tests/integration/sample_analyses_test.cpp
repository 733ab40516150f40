// The README's analysis examples on the sample Hải Phòng network.
#include <gtest/gtest.h>

#include "routing/analyses.hpp"
#include "routing/lane_audit.hpp"
#include "routing/route.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::routing;

namespace {
struct SampleAnalyses : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void SetUp() override {
    sample::load_haiphong_sample(project);
    sample::build_haiphong_network(project);
  }
  std::vector<Place> places(std::vector<std::string> specs) { return resolve_places(project.db(), specs); }
};
}  // namespace

TEST_F(SampleAnalyses, ContainerTruckFromLachHuyenCrossesTheBridge) {
  AnalysisContext ctx(project, "main", "container_truck");
  ctx.add_places(places({"lach-huyen-port", "Trung tâm logistics Nam Đình Vũ"}));
  ctx.build();
  const auto r = routes(ctx, 0, 1, Metric::time);
  ASSERT_EQ(r.size(), 1u);
  std::vector<std::string> names;
  for (const auto& s : r[0].steps) names.push_back(s.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "Cầu Tân Vũ – Lạch Huyện"), names.end());
  // Time is the sum over the steps of length / speed (80 km/h on the bridge, class defaults elsewhere).
  double steps_time = 0, steps_len = 0;
  for (const auto& s : r[0].steps) steps_time += s.time_s, steps_len += s.length_m;
  EXPECT_NEAR(r[0].time_s, steps_time, 1e-6);
  EXPECT_NEAR(r[0].length_m, steps_len, 1e-6);
  const auto bridge = std::find_if(r[0].steps.begin(), r[0].steps.end(), [](const RouteStep& s) { return s.name == "Cầu Tân Vũ – Lạch Huyện"; });
  EXPECT_NEAR(bridge->time_s, bridge->length_m / (80 / 3.6), 1e-6);
  // The only road off Cát Hải is the bridge: there is no alternative.
  EXPECT_EQ(routes(ctx, 0, 1, Metric::time, 3).size(), 1u);
}

TEST_F(SampleAnalyses, MotorbikesAreKeptOffTheExpressway) {
  AnalysisContext ctx(project, "main", "motorbike");
  ctx.add_places(places({"tan-vu-terminal", "cat-bi-airport"}));
  ctx.build();
  const auto r = routes(ctx, 0, 1, Metric::time);
  ASSERT_EQ(r.size(), 1u);
  for (const auto& s : r[0].steps) EXPECT_NE(s.road_class, "expressway") << s.name;
}

TEST_F(SampleAnalyses, MultimodalRouteChangesModeAndPaysTheTransfer) {
  // To Hà Nội station: by road to a logistics centre on the railway, 45 min transfer, then rail.
  AnalysisContext ctx(project, "main", "freight_multimodal");
  ctx.add_places(places({"lach-huyen-berths-1-2", "105.85,21.025"}));
  ctx.build();
  const auto r = routes(ctx, 0, 1, Metric::time);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].mode_changes, 1);
  const auto transfer = std::find_if(r[0].steps.begin(), r[0].steps.end(), [](const RouteStep& s) { return s.mode == "transfer"; });
  ASSERT_NE(transfer, r[0].steps.end());
  EXPECT_DOUBLE_EQ(transfer->time_s, 45 * 60);  // logistics_centre transfer in networks/build-defaults.json
  EXPECT_EQ(r[0].steps.back().mode, "rail");
}

TEST_F(SampleAnalyses, PortsToLogisticsCentresMatrixAndCriticalLinks) {
  AnalysisContext ctx(project, "main", "container_truck");
  const auto ports = ctx.add_places(places({"kind:seaport"}), true);
  const auto centres = ctx.add_places(places({"kind:logistics_centre"}), true);
  ctx.build();
  EXPECT_EQ(ports.size(), 2u);  // Lạch Huyện, Nam Đồ Sơn; the Văn Úc cluster is 6 km from any road
  ASSERT_EQ(ctx.skipped().size(), 1u);
  EXPECT_EQ(*ctx.skipped()[0].first.feature_id, "van-uc-river-ports");
  const auto cells = od_matrix(ctx, ports, centres, Metric::time);
  ASSERT_EQ(cells.size(), 6u);
  for (const auto& c : cells) EXPECT_TRUE(c.time_s.has_value());
  // The matrix agrees with single routes.
  const auto r = routes(ctx, ports[0], centres[2], Metric::time);
  EXPECT_NEAR(*cells[2].time_s, r[0].time_s, 1e-9);
  // Every port↔centre path from Lạch Huyện crosses the bridge: closing it cuts all three of them.
  const auto links = critical_links(ctx, ports, centres, Metric::time);
  const auto bridge = std::find_if(links.begin(), links.end(), [&](const CriticalLink& l) {
    return ctx.network().edges[static_cast<std::size_t>(l.edge)].name == "Cầu Tân Vũ – Lạch Huyện";
  });
  ASSERT_NE(bridge, links.end());
  EXPECT_EQ(bridge->pairs_cut, 3);
  EXPECT_LT(bridge - links.begin(), 10);
}

TEST_F(SampleAnalyses, ServiceAreasGrowWithTime) {
  AnalysisContext ctx(project, "main", "container_truck");
  const auto origin = ctx.add_places(places({"dinh-vu-port"}));
  ctx.build();
  const auto areas = service_areas(ctx, origin, {15 * 60, 30 * 60, 60 * 60});
  ASSERT_EQ(areas.size(), 3u);
  EXPECT_LT(areas[0].reached_km, areas[1].reached_km);
  EXPECT_LT(areas[1].reached_km, areas[2].reached_km);
  EXPECT_TRUE(areas[1].polygon && !areas[1].polygon->IsEmpty());
}

TEST_F(SampleAnalyses, LaneAuditAndTheSampleScenario) {
  routing::AuditOptions o;
  const auto base = routing::lane_audit(project, o);
  // 2 placeable ports x 3 logistics centres x 3 vehicle classes.
  ASSERT_EQ(base.pairs.size(), 18u);
  EXPECT_EQ(base.fully_separated(), 0);
  EXPECT_EQ(base.reachable(), 18);
  EXPECT_NEAR(base.mixed_km(), 370.66, 0.01);
  ASSERT_GE(base.segments.size(), 5u);
  EXPECT_EQ(base.segments[0].name, "Đường Phạm Văn Đồng – Đồ Sơn");
  EXPECT_EQ(base.segments[0].paths, 9);
  o.scenario = sample::load_haiphong_scenario(project);
  const auto after = routing::lane_audit(project, o);
  // Lạch Huyện → its own and the Nam Đình Vũ centre, for motorbikes and rudimentary vehicles.
  EXPECT_EQ(after.fully_separated(), 4);
  EXPECT_NEAR(after.mixed_km(), 227.78, 0.01);
  EXPECT_LT(after.segments.size(), base.segments.size());
  // The base network is untouched by the scenario.
  const auto again = routing::lane_audit(project, routing::AuditOptions{});
  EXPECT_NEAR(again.mixed_km(), base.mixed_km(), 1e-9);
}
