// The lane audit searches once per origin (to all its destinations) and graph;
// each of its pairs must be the route a search for that pair alone finds
// (routes() on the strict graph, then on the prefer graph when no separated
// path exists): the same verdict, time and path, point for point. On the real
// extracts with Vietnamese lane tags (motorbike lanes), for
// motorbikes and rudimentary vehicles, between random nodes of the network and
// the ends of arcs with a lane dedicated to motorbikes.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "cache/graph_cache.hpp"
#include "cache/network_cache.hpp"
#include "routing/context.hpp"
#include "routing/lane_audit.hpp"
#include "routing/places.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
class RealDataLaneAudit : public ::testing::TestWithParam<std::string> {};
}  // namespace

TEST_P(RealDataLaneAudit, EachPairIsTheRouteOfItsOwnSearch) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "p.sqlite");
  test::build_road_network(project, shared / "data/osm" / GetParam());
  std::vector<std::string> nodes;
  {
    auto st = project.db().prepare("SELECT X(geom), Y(geom) FROM network_nodes ORDER BY node");
    while (st.step()) nodes.push_back(fmt::format("{:.7f},{:.7f}", st.column_double(0), st.column_double(1)));
  }
  std::mt19937 rng(2026);
  std::shuffle(nodes.begin(), nodes.end(), rng);
  routing::AuditOptions audit;
  audit.profiles = {"motorbike", "rudimentary"};
  audit.from.assign(nodes.begin(), nodes.begin() + 3);
  audit.to.assign(nodes.begin() + 3, nodes.begin() + 7);
  // And both ends of arcs with a lane dedicated to motorbikes, so that some pairs have a separated path.
  const auto opened = cache::open_network(project.db(), "main");
  const auto strict_base = cache::open_base_graph(project.db(), opened.info, opened.net, routing::Profile::load("motorbike"),
                                                  routing::LaneOptions{routing::LaneMode::strict, 1.0})
                               .graph;
  const auto at = [&](std::int32_t n) { return fmt::format("{:.7f},{:.7f}", strict_base->nodes[n].lon, strict_base->nodes[n].lat); };
  for (std::size_t i = 0; i < 4 && !strict_base->arcs.empty(); ++i) {
    const auto& arc = strict_base->arcs[std::uniform_int_distribution<std::size_t>(0, strict_base->arcs.size() - 1)(rng)];
    audit.from.push_back(at(arc.tail));
    audit.to.push_back(at(arc.head));
  }
  const auto result = routing::lane_audit(project, audit);

  int compared = 0, separated = 0, reachable = 0;
  std::size_t k = 0;
  for (const auto& profile : audit.profiles) {
    routing::AnalysisContext ctx(project, audit.network, profile);
    const auto origins = ctx.add_places(routing::resolve_places(project.db(), audit.from), true);
    const auto destinations = ctx.add_places(routing::resolve_places(project.db(), audit.to), true);
    ctx.build(routing::LaneOptions{routing::LaneMode::prefer, audit.mixed_penalty});
    const auto& strict = ctx.graph(routing::LaneOptions{routing::LaneMode::strict, 1.0});
    for (const auto from : origins) {
      for (const auto to : destinations) {
        ASSERT_LT(k, result.pairs.size());
        const auto& pair = result.pairs[k++];
        auto want = routing::routes(ctx, strict, from, to, routing::Metric::time);
        const bool fully_separated = !want.empty();
        if (want.empty()) want = routing::routes(ctx, ctx.graph(), from, to, routing::Metric::time);
        const auto where = GetParam() + " " + profile + ": " + pair.origin + " to " + pair.destination;
        EXPECT_EQ(pair.profile, profile) << where;
        EXPECT_EQ(pair.fully_separated, fully_separated) << where;
        ASSERT_EQ(pair.reachable, !want.empty()) << where;
        ++compared;
        if (want.empty()) continue;
        ++reachable;
        separated += fully_separated;
        EXPECT_NEAR(pair.time_s, want[0].time_s, 1e-9) << where;
        EXPECT_NEAR(pair.mixed_m, want[0].mixed_m, 1e-9) << where;
        ASSERT_EQ(pair.geometry.size(), want[0].geometry.size()) << where;
        for (std::size_t i = 0; i < pair.geometry.size(); ++i) {
          EXPECT_EQ(pair.geometry[i].lon, want[0].geometry[i].lon) << where;
          EXPECT_EQ(pair.geometry[i].lat, want[0].geometry[i].lat) << where;
        }
      }
    }
  }
  EXPECT_EQ(k, result.pairs.size());
  EXPECT_GE(compared, 40);
  EXPECT_GT(reachable, 0) << "no pair reachable: nothing compared";
  EXPECT_GT(separated, 0) << "no fully separated pair: the strict search was not compared";
  std::printf("%s: %d pairs, %d reachable, %d fully separated\n", GetParam().c_str(), compared, reachable, separated);
}

// The extracts whose lane tags give motorbikes or rudimentary vehicles lanes of their own.
INSTANTIATE_TEST_SUITE_P(Extracts, RealDataLaneAudit,
                         ::testing::Values("vn-hanoi-dongda-vanmieu.osm", "vn-hcmc-district3.osm", "vn-hcmc-district5.osm",
                                           "vn-hanoi-inner-drive-2025.osm.pbf"),
                         [](const auto& info) { return test::extract_test_name(info.param); });
