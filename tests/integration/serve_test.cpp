// logiplan serve's answers (serve::Requests, without the socket) on the sample:
// the same figures as a one-shot analysis, a scenario request leaves the shared
// network as it was, and bad requests are UsageErrors that name the field.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "routing/analyses.hpp"
#include "routing/route.hpp"
#include "sample/haiphong_sample.hpp"
#include "serve/requests.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
struct Serve : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  std::string scenario;
  std::unique_ptr<serve::Requests> requests;
  void SetUp() override {
    sample::load_haiphong_sample(project);
    sample::build_haiphong_network(project);
    scenario = sample::load_haiphong_scenario(project);
    requests = std::make_unique<serve::Requests>(
        project, std::make_shared<routing::NetworkSession>(project.db(), "main"), serve::Defaults{"truck", std::nullopt});
  }
  // The reference: a one-shot context, as `logiplan route` makes.
  routing::Route one_shot(const std::string& profile, const std::string& from, const std::string& to,
                          const std::optional<std::string>& scen = std::nullopt, const std::string& lanes = "ignore") {
    routing::AnalysisContext ctx(project, "main", profile, std::nullopt, scen);
    ctx.add_places(routing::resolve_places(project.db(), std::vector<std::string>{from, to}));
    ctx.build(routing::parse_lane_options(lanes, 5));
    auto r = routing::routes(ctx, 0, 1, routing::Metric::time);
    EXPECT_EQ(r.size(), 1u);
    return r.at(0);
  }
};
}  // namespace

TEST_F(Serve, RouteEqualsTheOneShotRouteForEachProfileAndScenario) {
  for (const std::string profile : {"truck", "motorbike", "container_truck"}) {
    const auto answer = requests->route({{"from", "lach-huyen-port"}, {"to", "nam-dinh-vu-logistics-centre"}, {"profile", profile}});
    const auto reference = one_shot(profile, "lach-huyen-port", "nam-dinh-vu-logistics-centre");
    ASSERT_TRUE(answer["reachable"].get<bool>()) << profile;
    EXPECT_NEAR(answer["routes"][0]["time_s"].get<double>(), reference.time_s, 1e-9) << profile;
    EXPECT_NEAR(answer["routes"][0]["length_m"].get<double>(), reference.length_m, 1e-9) << profile;
    EXPECT_EQ(answer["profile"], profile);
  }
  // A scenario request, then the base again: the session's network is not changed by the scenario.
  const auto before = requests->route({{"from", "lach-huyen-port"}, {"to", "nam-dinh-vu-logistics-centre"}, {"profile", "motorbike"}, {"lanes", "strict"}});
  const auto with = requests->route({{"from", "lach-huyen-port"}, {"to", "nam-dinh-vu-logistics-centre"}, {"profile", "motorbike"},
                                     {"lanes", "strict"}, {"scenario", scenario}});
  const auto after = requests->route({{"from", "lach-huyen-port"}, {"to", "nam-dinh-vu-logistics-centre"}, {"profile", "motorbike"}, {"lanes", "strict"}});
  EXPECT_FALSE(before["reachable"].get<bool>());  // no dedicated lanes in the base network
  ASSERT_TRUE(with["reachable"].get<bool>());     // the scenario builds them
  EXPECT_NEAR(with["routes"][0]["length_m"].get<double>(),
              one_shot("motorbike", "lach-huyen-port", "nam-dinh-vu-logistics-centre", scenario, "strict").length_m, 1e-9);
  EXPECT_EQ(before, after);
}

TEST_F(Serve, MatrixEqualsOneShotMatrix) {
  const auto answer = requests->matrix({{"origins", "kind:port"}, {"destinations", "kind:logistics_centre"}, {"metric", "shortest"}});
  routing::AnalysisContext ctx(project, "main", "truck");
  const auto o = ctx.add_places(routing::resolve_places(project.db(), "kind:port"), true);
  const auto d = ctx.add_places(routing::resolve_places(project.db(), "kind:logistics_centre"), true);
  ctx.build();
  const auto cells = routing::od_matrix(ctx, o, d, routing::Metric::distance);
  ASSERT_EQ(answer["km"].size(), o.size());
  ASSERT_GT(o.size() * d.size(), 3u);
  for (std::size_t i = 0; i < o.size(); ++i) {
    for (std::size_t j = 0; j < d.size(); ++j) {
      const auto& c = cells[i * d.size() + j];
      const auto& km = answer["km"][i][j];
      if (!c.length_m) EXPECT_TRUE(km.is_null());
      else EXPECT_NEAR(km.get<double>(), *c.length_m / 1000, 1e-9);
    }
  }
}

TEST_F(Serve, ServiceAreaIsGeoJsonWithOneFeaturePerCutoff) {
  const auto answer = requests->service_area({{"from", "dinh-vu-port"}, {"minutes", {10, 20}}});
  EXPECT_EQ(answer["type"], "FeatureCollection");
  ASSERT_EQ(answer["features"].size(), 2u);
  EXPECT_LT(answer["features"][0]["properties"]["reached_km"].get<double>(),
            answer["features"][1]["properties"]["reached_km"].get<double>());
  EXPECT_EQ(answer["features"][1]["geometry"]["type"], "Polygon");
}

TEST_F(Serve, BadRequestsNameTheField) {
  const auto message = [&](const nlohmann::json& r) {
    try {
      requests->route(r);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"from", "dinh-vu-port"}}).find("\"to\" is missing"), std::string::npos);
  EXPECT_NE(message({{"from", "dinh-vu-port"}, {"to", "cat-bi-airport"}, {"metric", "quickest"}}).find("fastest or shortest"), std::string::npos);
  EXPECT_NE(message({{"from", "dinh-vu-port"}, {"to", "cat-bi-airport"}, {"profile", "tractor"}}).find("unknown profile"), std::string::npos);
  EXPECT_NE(message({{"from", 5}, {"to", "cat-bi-airport"}}).find("\"from\""), std::string::npos);
  EXPECT_THROW(requests->service_area({{"from", "dinh-vu-port"}, {"minutes", {-5}}}), UsageError);
  EXPECT_EQ(requests->health()["network"], "main");
}
