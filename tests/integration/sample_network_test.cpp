// The sample corridor network (samples/haiphong/network.geojson) in the demo.
#include <gtest/gtest.h>

#include "network/check.hpp"
#include "network/network_store.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
struct SampleNetwork : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  network::BuildReport built;
  void SetUp() override {
    sample::load_haiphong_sample(project);
    built = sample::build_haiphong_network(project);
  }
};
}  // namespace

TEST_F(SampleNetwork, EveryModeIsOnePieceAndThePortsAttach) {
  const auto net = network::load_network(project.db(), "main");
  // 40 drawn segments; the Tân Vũ–Lạch Huyện approach passes the Nam Đình Vũ junction: 41 edges.
  EXPECT_EQ(net.edges.size(), 41u);
  const auto r = network::check_network(net, built.attachments, 10.0);
  for (const auto& [mode, n] : r.components_by_mode) EXPECT_EQ(n, 1) << mode;
  EXPECT_EQ(r.near_misses, 0);
  EXPECT_EQ(r.no_speed, 0);
  // Every Hải Phòng port, logistics centre and the airport reaches the road network.
  for (const char* id : {"lach-huyen-berths-1-2", "lach-huyen-berths-11-12", "tan-vu-terminal", "nam-dinh-vu-port-2",
                         "nam-do-son-port", "nam-dinh-vu-logistics-centre", "lach-huyen-logistics-centre",
                         "cat-bi-airport", "hoang-dieu-terminal"}) {
    const auto a = std::find_if(built.attachments.begin(), built.attachments.end(), [&](const network::Attachment& x) {
      return x.feature_id == id && x.mode == network::Mode::road;
    });
    ASSERT_NE(a, built.attachments.end()) << id;
    EXPECT_TRUE(a->edge.has_value()) << id << " is " << a->distance_m.value_or(-1) << " m away";
  }
  // Far-away places are reported, not silently dropped (the Lào Cai gate, station and ICD now reach CT.05 and the railway).
  EXPECT_EQ(r.unattached, 5);
}

TEST_F(SampleNetwork, LaneConfigurationOfTheLachHuyenRoad) {
  const auto net = network::load_network(project.db(), "main");
  int bridge = 0;
  for (const auto& e : net.edges) {
    if (e.name == "Cầu Tân Vũ – Lạch Huyện") {
      ++bridge;
      EXPECT_TRUE(e.bridge);
      EXPECT_EQ(e.forward.lanes.str(), "general|general");
    }
    if (e.name == "Đường Tân Vũ – Lạch Huyện") {
      EXPECT_EQ(e.forward.lanes.str(), "general|general|rudimentary");
    }
  }
  EXPECT_EQ(bridge, 1);
}
