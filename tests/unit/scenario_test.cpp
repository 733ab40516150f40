// Scenarios: edits over a base network that analyses see and the base never does.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/build.hpp"
#include "routing/route.hpp"
#include "scenario/scenario.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
const char* kMap = "a-------b\n";

struct Scenarios : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void SetUp() override {
    test::write_file(dir / "m.osm", test::ascii_osm(kMap, {{"ab", {{"lanes", "2"}, {"name", "Đường Đình Vũ"}}}}));
    network::BuildOptions o;
    o.sources.push_back(network::SourceSpec{(dir / "m.osm").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
    scenario::create_scenario(project.db(), "lanes", "main", "a motorbike lane");
  }
  std::vector<std::string> base_rows() {
    std::vector<std::string> out;
    auto st = project.db().prepare("SELECT edge, lane_use_fwd, lane_use_bwd, forward, backward FROM network_edges ORDER BY edge");
    while (st.step()) out.push_back(st.column_text(0) + st.column_text(1) + st.column_text(2) + st.column_text(3) + st.column_text(4));
    return out;
  }
  std::vector<routing::Route> motorbike_strict(const std::optional<std::string>& scenario) {
    routing::AnalysisContext ctx(project, "main", "motorbike", std::nullopt, scenario);
    std::vector<routing::Place> places;
    for (char c : std::string("ab")) {
      const auto [lon, lat] = test::ascii_position(kMap, c);
      places.push_back({std::string(1, c), std::nullopt, "point", {lon, lat}});
    }
    ctx.add_places(places);
    ctx.build(routing::LaneOptions{routing::LaneMode::strict, 1.0});
    return routing::routes(ctx, 0, 1, routing::Metric::distance);
  }
};
}  // namespace

TEST_F(Scenarios, SetLanesChangesStrictRoutingButNotTheBase) {
  const auto before = base_rows();
  EXPECT_TRUE(motorbike_strict(std::nullopt).empty());
  scenario::Edit e;
  e.kind = "set_lanes";
  e.target.name = "Duong Dinh Vu";  // diacritics optional
  e.lanes_forward = "general|motorcycle";
  e.lanes_backward = "general|motorcycle";
  scenario::add_edit(project.db(), "lanes", e);
  const auto r = motorbike_strict("lanes");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NEAR(r[0].mixed_m, 0, 1e-9);
  EXPECT_EQ(base_rows(), before);
  EXPECT_TRUE(motorbike_strict(std::nullopt).empty());
}

TEST_F(Scenarios, CloseAndAddLinks) {
  scenario::Edit close;
  close.kind = "close_link";
  close.target.source_id = "osm:way/100";
  scenario::add_edit(project.db(), "lanes", close);
  routing::AnalysisContext closed(project, "main", "car", std::nullopt, std::string("lanes"));
  EXPECT_FALSE(closed.network().edges[0].forward.allowed);
  scenario::Edit add;
  add.kind = "add_link";
  add.name = "Đường mới";
  add.road_class = "primary";
  const auto [alon, alat] = test::ascii_position(kMap, 'a');
  const auto [blon, blat] = test::ascii_position(kMap, 'b');
  add.geometry = {{alon, alat}, {(alon + blon) / 2, alat - 0.001}, {blon, blat}};
  add.lanes_forward = add.lanes_backward = "general|motorcycle";
  scenario::add_edit(project.db(), "lanes", add);
  const auto r = motorbike_strict("lanes");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].steps.at(0).name, "Đường mới");
  EXPECT_EQ(r[0].steps.at(0).source_ids.at(0), "scenario:lanes/2");
}

TEST_F(Scenarios, BadEditsAreRefused) {
  scenario::Edit e;
  e.kind = "set_lanes";
  e.target.source_id = "osm:way/999";
  e.lanes_forward = "general";
  try {
    scenario::add_edit(project.db(), "lanes", e);
    FAIL();
  } catch (const DataError& err) {
    EXPECT_STREQ(err.what(), "scenario 'lanes': no segment with source id 'osm:way/999' in network 'main'");
  }
  e.target.source_id = "osm:way/100";
  e.lanes_forward = "general|hovercraft";
  EXPECT_THROW(scenario::add_edit(project.db(), "lanes", e), UsageError);
  try {
    scenario::create_scenario(project.db(), "lanes", "main", "");
    FAIL();
  } catch (const DataError& err) {
    EXPECT_STREQ(err.what(), "scenario 'lanes' exists (delete it first, or choose another name)");
  }
  EXPECT_THROW(routing::AnalysisContext(project, "main", "car", std::nullopt, std::string("nope")), DataError);
  EXPECT_EQ(scenario::scenario_edits(project.db(), "lanes").size(), 0u);
}
