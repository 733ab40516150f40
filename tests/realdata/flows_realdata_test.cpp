// The assignment network against the router on a real extract with turn
// restrictions (ru-moscow-restrictions: 106 restriction relations): free-flow
// zone-to-zone times of the assignment's node-split graph must equal the
// edge-based router's, pair by pair, for zones on the restrictions' from and to
// edges, and the restrictions must change some of those times (else the test
// would prove nothing).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "flows/network_links.hpp"
#include "flows/skim.hpp"
#include "network/build.hpp"
#include "network/network_store.hpp"
#include "routing/analyses.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

TEST(RealDataFlows, MoscowTurnRestrictionsHoldInTheAssignmentAsInTheRouter) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "msk.sqlite");
  test::build_road_network(project, shared / "data/osm/ru-moscow-restrictions.osm.gz");
  const auto net = network::load_network(project.db(), "main");
  const auto car = routing::Profile::load("car");
  // Zones at the far ends of the restrictions' from and to edges: the trips that would make the banned turns.
  std::set<std::int64_t> nodes;
  for (const auto& r : net.restrictions) {
    if (!car.bound_by(r)) continue;
    const auto& f = net.edges[static_cast<std::size_t>(r.from_edge)];
    const auto& t = net.edges[static_cast<std::size_t>(r.to_edge)];
    nodes.insert(f.from == r.via_node ? f.to : f.from);
    nodes.insert(t.from == r.via_node ? t.to : t.from);
    if (nodes.size() >= 40) break;
  }
  ASSERT_GE(nodes.size(), 10u);
  std::vector<flows::Zone> zones;
  for (const auto n : nodes) zones.push_back({std::to_string(n), std::to_string(n), net.nodes[static_cast<std::size_t>(n)].position});
  const auto settings = flows::FlowSettings::load();
  const auto ln = flows::link_network(net, zones, {car}, settings, 0.5);
  ASSERT_GT(ln.split_nodes, 0u);
  ASSERT_GE(ln.zones.size(), 10u);
  std::vector<double> free(ln.links.size());
  for (std::size_t a = 0; a < free.size(); ++a) free[a] = ln.links.cost(a, 0);
  const auto skim = flows::skim(ln.links, free, ln.allowed(net, car));
  // The same without restrictions, to show they matter here.
  auto open = net;
  open.restrictions.clear();
  const auto ln_open = flows::link_network(open, zones, {car}, settings, 0.5);
  std::vector<double> free_open(ln_open.links.size());
  for (std::size_t a = 0; a < free_open.size(); ++a) free_open[a] = ln_open.links.cost(a, 0);
  const auto skim_open = flows::skim(ln_open.links, free_open, ln_open.allowed(open, car));

  routing::AnalysisContext ctx(project, "main", "car", 0.5);
  std::vector<routing::Place> places;
  for (const auto& z : ln.zones) places.push_back({z.name, std::nullopt, "point", z.at});
  const auto idx = ctx.add_places(places);
  ctx.build();
  const auto cells = routing::od_matrix(ctx, idx, idx, routing::Metric::time);
  int compared = 0, changed = 0;
  for (const auto& c : cells) {
    const int a = static_cast<int>(c.origin), b = static_cast<int>(c.destination);
    if (a == b) continue;
    const double t = skim.minutes.at(a, b) * 60;
    ASSERT_EQ(c.time_s.has_value(), std::isfinite(t)) << ln.zones[c.origin].id << " → " << ln.zones[c.destination].id;
    if (!c.time_s) continue;
    EXPECT_NEAR(t, *c.time_s, 1e-6 * *c.time_s + 1e-6) << ln.zones[c.origin].id << " → " << ln.zones[c.destination].id;
    ++compared;
    changed += t > skim_open.minutes.at(a, b) * 60 + 1e-6;
  }
  EXPECT_GT(compared, 50);
  EXPECT_GT(changed, 0) << "no pair's time depends on a restriction: the comparison proves nothing";
  std::printf("compared %d pairs; %d of them longer because of a turn restriction; %zu nodes split\n", compared, changed,
              ln.split_nodes);
}
