// Traffic assignment against answers known independently: the Braess network's
// equilibrium (worked by hand: each of the three paths carries 2 and costs 92),
// the published best-known user-equilibrium flows of Sioux Falls and Anaheim
// (tests/data/tntp), a hand-drawn network where a zone must not be passed
// through, and bad TNTP files.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/error.hpp"
#include "flows/equilibrium.hpp"
#include "flows/network_links.hpp"
#include "flows/skim.hpp"
#include "routing/profile.hpp"
#include "flows/tntp.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::flows;

namespace {

std::string tntp(const std::string& name) { return std::string(LOGIPLAN_SOURCE_DIR) + "/tests/data/tntp/" + name; }

// Largest difference from the published volumes, as a share of the largest published volume.
double worst_difference(const RoadLinks& links, const AssignmentResult& r, const std::string& published) {
  std::map<std::pair<int, int>, double> volume;
  for (std::size_t a = 0; a < links.size(); ++a) volume[{links.from[a] + 1, links.to[a] + 1}] = r.volume[a];
  double worst = 0, largest = 0;
  const auto flows = read_tntp_flows(published);
  EXPECT_EQ(flows.size(), links.size());
  for (const auto& f : flows) {
    worst = std::max(worst, std::abs(volume.at({f.from, f.to}) - f.volume));
    largest = std::max(largest, f.volume);
  }
  return worst / largest;
}

}  // namespace

TEST(FlowsAssignment, BraessByHand) {
  const auto links = read_tntp_network(tntp("Braess_net.tntp"));
  const auto trips = read_tntp_trips(tntp("Braess_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-10;
  const auto r = assign(links, trips, o);
  ASSERT_TRUE(r.converged);
  // Links 1-3, 1-4, 3-2, 3-4, 4-2: 4, 2, 2, 2, 4; every path costs 92.
  const double expected[] = {4, 2, 2, 2, 4};
  for (std::size_t a = 0; a < 5; ++a) EXPECT_NEAR(r.volume[a], expected[a], 1e-6) << "link " << a;
  EXPECT_NEAR(r.cost[0] + r.cost[2], 92, 1e-5);           // 1-3-2
  EXPECT_NEAR(r.cost[1] + r.cost[4], 92, 1e-5);           // 1-4-2
  EXPECT_NEAR(r.cost[0] + r.cost[3] + r.cost[4], 92, 1e-5);  // 1-3-4-2
}

TEST(FlowsAssignment, SiouxFallsMatchesThePublishedEquilibrium) {
  const auto links = read_tntp_network(tntp("SiouxFalls_net.tntp"));
  const auto trips = read_tntp_trips(tntp("SiouxFalls_trips.tntp"), links.zones);
  EXPECT_EQ(links.size(), 76u);
  EXPECT_NEAR(trips.total(), 360600, 1e-6);
  AssignmentOptions o;
  o.gap = 1e-6;
  o.max_iterations = 3000;
  const auto r = assign(links, trips, o);
  ASSERT_TRUE(r.converged) << r.gap;
  EXPECT_LT(worst_difference(links, r, tntp("SiouxFalls_flow.tntp")), 5e-4);
  // The gap is what it says: recomputed here from the link costs and a fresh all-or-nothing.
  const auto aon = all_or_nothing(links, trips, r.cost, 1);
  double total = 0;
  for (std::size_t a = 0; a < links.size(); ++a) total += r.volume[a] * r.cost[a];
  EXPECT_NEAR((total - aon.shortest_total) / total, r.gap, 1e-12);
  // Every trip is assigned: the volume leaving zone 1 is what zone 1 sends.
  double out_of_1 = 0, sent = 0;
  for (std::size_t a = 0; a < links.size(); ++a) if (links.from[a] == 0) out_of_1 += r.volume[a];
  for (std::size_t a = 0; a < links.size(); ++a) if (links.to[a] == 0) out_of_1 -= r.volume[a];
  for (int d = 0; d < trips.zones; ++d) sent += trips.at(0, d) - trips.at(d, 0);
  EXPECT_NEAR(out_of_1, sent, 1e-6 * trips.total());
}

TEST(FlowsAssignment, BiconjugateBeatsFrankWolfe) {
  const auto links = read_tntp_network(tntp("SiouxFalls_net.tntp"));
  const auto trips = read_tntp_trips(tntp("SiouxFalls_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-4;
  o.max_iterations = 3000;
  std::map<Algorithm, std::size_t> iterations;
  for (const auto a : {Algorithm::fw, Algorithm::cfw, Algorithm::bfw}) {
    o.algorithm = a;
    const auto r = assign(links, trips, o);
    EXPECT_TRUE(r.converged) << algorithm_name(a);
    iterations[a] = r.iterations.size();
  }
  EXPECT_LT(iterations[Algorithm::bfw], iterations[Algorithm::cfw]);
  EXPECT_LT(iterations[Algorithm::cfw], iterations[Algorithm::fw]);
  // The objective never rises along the way (the exact line search descends).
  o.algorithm = Algorithm::bfw;
  const auto r = assign(links, trips, o);
  for (std::size_t k = 1; k < r.iterations.size(); ++k) {
    EXPECT_LE(r.iterations[k].objective, r.iterations[k - 1].objective * (1 + 1e-12));
  }
}

// Anaheim: 38 zones are centroids (FIRST THRU NODE 39), 914 links.
TEST(FlowsAssignment, AnaheimMatchesThePublishedEquilibrium) {
  const auto links = read_tntp_network(tntp("Anaheim_net.tntp"));
  EXPECT_EQ(links.first_thru_node, 38);
  const auto trips = read_tntp_trips(tntp("Anaheim_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-7;
  o.max_iterations = 3000;
  const auto r = assign(links, trips, o);
  ASSERT_TRUE(r.converged) << r.gap;
  EXPECT_LT(worst_difference(links, r, tntp("Anaheim_flow.tntp")), 5e-3);
}

// Zones 1 and 2 joined by a slow road (10) and through zone 3 (1 + 1). With
// zones as centroids (first thru node 4) the trips must take the slow road.
TEST(FlowsAssignment, NeverThroughAZone) {
  RoadLinks l;
  l.nodes = 4, l.zones = 3, l.first_thru_node = 3;
  l.add(0, 1, 10, 1, 0, 1, 1, 1);  // 1 → 2, slow
  l.add(0, 2, 1, 1, 0, 1, 1, 2);   // 1 → 3
  l.add(2, 1, 1, 1, 0, 1, 1, 3);   // 3 → 2
  OdMatrix od(3);
  od.at(0, 1) = 5;
  auto r = assign(l, od);
  EXPECT_DOUBLE_EQ(r.volume[0], 5);
  EXPECT_DOUBLE_EQ(r.volume[1], 0);
  l.first_thru_node = 0;  // zones may be passed through
  r = assign(l, od);
  EXPECT_DOUBLE_EQ(r.volume[0], 0);
  EXPECT_DOUBLE_EQ(r.volume[2], 5);
  od.at(1, 0) = 2;  // no road back
  try {
    assign(l, od);
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), "zone 2 → zone 1 has 2 trips but no path");
  }
}

TEST(FlowsTntp, BadFilesNameTheLine) {
  test::TempDir dir;
  auto error = [&](const std::string& net, const std::string& trips = "") {
    test::write_file(dir / "n.tntp", net);
    try {
      const auto l = read_tntp_network((dir / "n.tntp").string());
      if (!trips.empty()) {
        test::write_file(dir / "t.tntp", trips);
        read_tntp_trips((dir / "t.tntp").string(), l.zones);
      }
    } catch (const DataError& e) {
      const std::string m = e.what();
      return m.substr(m.find_last_of('/') + 1);
    }
    return std::string("no error");
  };
  const std::string head = "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 1\n<END OF METADATA>\n";
  EXPECT_EQ(error(head + "~ init term\n1 2 100 1 1 0.15 4 0 0 1 ;\n"), "no error");
  EXPECT_EQ(error("1 2 3\n"), "n.tntp: no <END OF METADATA> line: not a TNTP file");
  EXPECT_EQ(error(head + "1 2 100 1 fast 0.15 4 ;\n"), "n.tntp, line 6: free_flow_time 'fast' is not a number");
  EXPECT_EQ(error(head + "1 3 100 1 1 0.15 4 ;\n"), "n.tntp, line 6: term_node 3 is not a node 1..2");
  EXPECT_EQ(error(head + "1 2 100 1 1 0.15 4 ;\n2 1 100 1 1 0.15 4 ;\n"), "n.tntp: 2 links, but <NUMBER OF LINKS> says 1");
  EXPECT_EQ(error(head + "1 2 0 1 1 0.15 4 ;\n"), "n.tntp: link 1 (1 → 2): capacity 0 must be positive");
  const std::string ok = head + "1 2 100 1 1 0.15 4 ;\n";
  EXPECT_EQ(error(ok, "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 3 : 5.0;\n"),
            "t.tntp, line 4: destination '3' is not a zone 1..2");
  EXPECT_EQ(error(ok, "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : -5.0;\n"),
            "t.tntp, line 4: trips '-5.0' is not a non-negative number");
  EXPECT_EQ(error(ok, "<NUMBER OF ZONES> 3\n<END OF METADATA>\n"), "t.tntp: 3 zones, but the network has 2");
}

// Braess with the 6 PCU split between cars (3 × 1 PCU) and trucks (1.5 × 2 PCU):
// the totals are Braess's; trucks barred from the middle link 3 → 4 use only
// the two outer paths, and every path each class uses costs the same.
TEST(FlowsAssignment, ClassesSharePcuCostsAndKeepTheirLinks) {
  const auto links = read_tntp_network(tntp("Braess_net.tntp"));
  OdMatrix cars(2), trucks(2);
  cars.at(0, 1) = 3;
  trucks.at(0, 1) = 1.5 * 2;
  AssignmentOptions o;
  o.gap = 1e-10;
  auto r = assign(links, {ClassDemand{"car", cars, 1, {}}, ClassDemand{"truck", trucks, 2, {}}}, o);
  const double expected[] = {4, 2, 2, 2, 4};
  for (std::size_t a = 0; a < 5; ++a) {
    EXPECT_NEAR(r.volume[a], expected[a], 1e-6);
    EXPECT_NEAR(r.class_volume[0][a] + r.class_volume[1][a], r.volume[a], 1e-9);
  }
  r = assign(links, {ClassDemand{"car", cars, 1, {}}, ClassDemand{"truck", trucks, 2, {1, 1, 1, 0, 1}}}, o);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.class_volume[1][3], 0);
  const double outer = r.cost[0] + r.cost[2], other = r.cost[1] + r.cost[4], middle = r.cost[0] + r.cost[3] + r.cost[4];
  EXPECT_NEAR(outer, other, 1e-6);                         // trucks use both outer paths at one cost
  if (r.class_volume[0][3] > 1e-9) EXPECT_NEAR(middle, outer, 1e-6);  // cars on the middle path: the same cost
  EXPECT_NEAR(r.class_volume[1][0] + r.class_volume[1][1], 3, 1e-9);  // every truck PCU leaves node 1
  try {
    assign(links, {ClassDemand{"truck", trucks, 2, {0, 0, 1, 1, 1}}});
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), "zone 1 → zone 2 has 3 trips but no path");
  }
}

// Zones 0, 1, 2 joined to road nodes 3, 4, 5 on a line 3 → 4 → 5 (100 s, 1 km
// each; connectors 10 s, 0 km): every pair has one path, so who uses a link is
// known by hand.
static RoadLinks line_network() {
  RoadLinks l;
  l.nodes = 6, l.zones = 3, l.first_thru_node = 3;
  for (int z = 0; z < 3; ++z) l.add(z, z + 3, 10, 1e9, 0, 1, 0, -1), l.add(z + 3, z, 10, 1e9, 0, 1, 0, -1);
  l.add(3, 4, 100, 1e9, 0, 1, 1000, 1);  // link 6
  l.add(4, 5, 100, 1e9, 0, 1, 1000, 2);  // link 7
  return l;
}

TEST(FlowsSelectLink, TracesThePairsThroughALinkByHand) {
  const auto l = line_network();
  OdMatrix od(3);
  od.at(0, 2) = 10, od.at(1, 2) = 5, od.at(0, 1) = 7;
  AssignmentOptions o;
  o.select_links = {7};
  const auto r = assign(l, od, o);
  ASSERT_EQ(r.select.size(), 1u);
  const auto& sl = r.select[0];
  EXPECT_EQ(sl.link, 7u);
  EXPECT_DOUBLE_EQ(sl.od[0].at(0, 2), 10);
  EXPECT_DOUBLE_EQ(sl.od[0].at(1, 2), 5);
  EXPECT_DOUBLE_EQ(sl.od[0].at(0, 1), 0);  // 0 → 1 stops before link 7
  EXPECT_DOUBLE_EQ(sl.volume[0][6], 10);   // only the trips from zone 0 came along 3 → 4
  EXPECT_DOUBLE_EQ(sl.volume[0][7], 15);
  EXPECT_DOUBLE_EQ(r.volume[6], 17);
}

TEST(FlowsSelectLink, BraessMiddleLinkCarriesOnePathOfTheEquilibrium) {
  const auto links = read_tntp_network(tntp("Braess_net.tntp"));
  const auto trips = read_tntp_trips(tntp("Braess_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-10;
  o.select_links = {3, 0};  // 3-4 (only path 1-3-4-2), and 1-3
  const auto r = assign(links, trips, o);
  ASSERT_TRUE(r.converged);
  // Path flows 2, 2, 2 (worked by hand): 3-4's users are path 1-3-4-2 alone.
  EXPECT_NEAR(r.select[0].od[0].at(0, 1), 2, 1e-6);
  const double through_34[] = {2, 0, 0, 2, 2};
  for (std::size_t a = 0; a < 5; ++a) EXPECT_NEAR(r.select[0].volume[0][a], through_34[a], 1e-6) << "link " << a;
  // 1-3 carries paths 1-3-2 and 1-3-4-2.
  EXPECT_NEAR(r.select[1].od[0].at(0, 1), 4, 1e-6);
  const double through_13[] = {4, 0, 2, 2, 2};
  for (std::size_t a = 0; a < 5; ++a) EXPECT_NEAR(r.select[1].volume[0][a], through_13[a], 1e-6) << "link " << a;
}

TEST(FlowsSelectLink, SiouxFallsPairsAddUpToTheLinkVolume) {
  const auto links = read_tntp_network(tntp("SiouxFalls_net.tntp"));
  const auto trips = read_tntp_trips(tntp("SiouxFalls_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-4;
  o.select_links = {10, 45};
  const auto r = assign(links, trips, o);
  for (const auto& sl : r.select) {
    double through = 0;
    for (int a = 0; a < trips.zones; ++a) {
      for (int b = 0; b < trips.zones; ++b) {
        EXPECT_LE(sl.od[0].at(a, b), trips.at(a, b) + 1e-9);
        through += sl.od[0].at(a, b);
      }
    }
    EXPECT_NEAR(through, r.volume[sl.link], 1e-6 * r.volume[sl.link]);
    EXPECT_NEAR(sl.volume[0][sl.link], r.volume[sl.link], 1e-6 * r.volume[sl.link]);
    // Part of the traffic: never more than the link carries.
    for (std::size_t a = 0; a < links.size(); ++a) EXPECT_LE(sl.volume[0][a], r.volume[a] + 1e-6);
  }
}

TEST(FlowsSkim, TimesAndLengthsOnTheLine) {
  const auto l = line_network();
  std::vector<double> cost(l.size());
  for (std::size_t a = 0; a < l.size(); ++a) cost[a] = l.cost(a, 0);
  const auto s = skim(l, cost);
  EXPECT_DOUBLE_EQ(s.minutes.at(0, 2), 220.0 / 60);
  EXPECT_DOUBLE_EQ(s.km.at(0, 2), 2);
  EXPECT_DOUBLE_EQ(s.minutes.at(1, 2), 120.0 / 60);
  EXPECT_DOUBLE_EQ(s.km.at(1, 1), 0);
  EXPECT_TRUE(std::isinf(s.minutes.at(2, 0)));  // one way
  std::vector<char> allowed(l.size(), 1);
  allowed[7] = 0;
  EXPECT_TRUE(std::isinf(skim(l, cost, allowed).minutes.at(0, 2)));
}

TEST(FlowsSkim, AgreesWithTheAllOrNothingTotalOnSiouxFalls) {
  // A second method: trips × skim summed over the pairs equals the all-or-nothing
  // loading's trips × shortest cost, at the equilibrium's costs.
  const auto links = read_tntp_network(tntp("SiouxFalls_net.tntp"));
  const auto trips = read_tntp_trips(tntp("SiouxFalls_trips.tntp"), links.zones);
  AssignmentOptions o;
  o.gap = 1e-3;
  const auto r = assign(links, trips, o);
  const auto s = skim(links, r.cost);
  double total = 0;
  for (int a = 0; a < trips.zones; ++a) for (int b = 0; b < trips.zones; ++b) if (a != b) total += trips.at(a, b) * s.minutes.at(a, b) * 60;
  const auto aon = all_or_nothing(links, trips, r.cost);
  EXPECT_NEAR(total, aon.shortest_total, 1e-9 * aon.shortest_total);
  // And the relative gap measured from it is the one the assignment reports at its end.
  double vc = 0;
  for (std::size_t a = 0; a < links.size(); ++a) vc += r.volume[a] * r.cost[a];
  EXPECT_NEAR((vc - total) / vc, r.gap, 1e-9);
}

// A hand-drawn crossing: A (node 0) to B (node 2) goes left at node 1 (edges 0
// then 1, 2.2 km), or around the block by 1 → 3 → 4 → 2 (edges 2, 3, 4: 3.3 km).
// A no-left-turn for lorries (restriction:hgv) from edge 0 to edge 1 at node 1
// sends the container trucks around the block and leaves the cars on the short
// way; an only-straight-on for everyone sends both around.
static network::Network crossing(const std::string& kind, const std::string& vehicles) {
  network::Network net;
  const network::LonLat at[] = {{106.70, 20.80}, {106.71, 20.80}, {106.71, 20.81}, {106.72, 20.80}, {106.72, 20.81}};
  for (const auto& p : at) net.nodes.push_back({p, std::nullopt});
  const std::pair<int, int> ends[] = {{0, 1}, {1, 2}, {1, 3}, {3, 4}, {4, 2}};
  for (const auto& [a, b] : ends) {
    network::Edge e;
    e.from = a, e.to = b, e.road_class = "primary", e.length_m = 1100;
    e.forward = {true, 50, {}}, e.backward = {true, 50, {}};
    e.geometry = {at[a], at[b]};
    net.edges.push_back(e);
  }
  net.restrictions.push_back({kind, 0, 1, kind.rfind("only_", 0) == 0 ? 2 : 1, vehicles, "", "test"});
  return net;
}

TEST(FlowsTurns, RestrictionsHoldPerClassAsInRouting) {
  const std::vector<routing::Profile> profiles{routing::Profile::load("car"), routing::Profile::load("container_truck")};
  const std::vector<Zone> zones{{"A", "A", {106.70, 20.80}}, {"B", "B", {106.71, 20.81}}};
  const auto settings = FlowSettings::load();
  const auto volume_on = [](const LinkedNetwork& ln, const AssignmentResult& r, std::size_t cls, std::int64_t edge) {
    double v = 0;
    for (std::size_t a = 0; a < ln.links.size(); ++a) if (ln.edge[a] == edge && ln.forward[a]) v += r.class_volume[cls][a];
    return v;
  };
  for (const auto& [kind, vehicles] : {std::pair<std::string, std::string>{"no_left_turn", "hgv"}, {"only_straight_on", "all"}}) {
    const auto net = crossing(kind, vehicles);
    const auto ln = link_network(net, zones, profiles, settings, 100);
    EXPECT_EQ(ln.split_nodes, 5u);  // every node, as the router
    std::vector<ClassDemand> classes;
    for (std::size_t c = 0; c < 2; ++c) {
      OdMatrix od(2);
      od.at(0, 1) = 10;
      classes.push_back({profiles[c].name, od, 1.0, ln.allowed(net, profiles[c])});
    }
    const auto r = assign(ln.links, classes);
    const bool cars_bound = vehicles == "all";
    EXPECT_DOUBLE_EQ(volume_on(ln, r, 0, 1), cars_bound ? 0 : 10) << kind;  // cars turn left unless bound
    EXPECT_DOUBLE_EQ(volume_on(ln, r, 0, 3), cars_bound ? 10 : 0) << kind;
    EXPECT_DOUBLE_EQ(volume_on(ln, r, 1, 1), 0) << kind;  // trucks never
    EXPECT_DOUBLE_EQ(volume_on(ln, r, 1, 3), 10) << kind;
    EXPECT_DOUBLE_EQ(volume_on(ln, r, 1, 0), 10) << kind;
    // The skim agrees: 3.3 km around the block for the trucks.
    EXPECT_NEAR(skim(ln.links, r.cost, classes[1].allowed).km.at(0, 1), 4.4, 1e-9) << kind;
  }
}

// Two parallel links between one origin and one destination, in closed form.
// Linear (BPR power 1): t1 = 10 + v1, t2 = 20 + v2, 16 trips: equal costs at
// v1 = 13, v2 = 3 (both 23). Power 4, the same free-flow time and b, capacities
// 2 : 1: equal costs where v1 / c1 = v2 / c2, so v1 = 16 × 2/3 whatever the power.
// Incremental loading in 4 parts of 4 worked by hand: link 1 takes the first three
// (its cost 14, 18, 22), link 2 the last (20 < 22): 12 and 4, not the equilibrium.
static RoadLinks two_links(double t1, double c1, double t2, double c2, double b, double power) {
  RoadLinks l;
  l.nodes = 2, l.zones = 2, l.first_thru_node = 0;
  l.add(0, 1, t1, c1, b, power, 1000, 1);
  l.add(0, 1, t2, c2, b, power, 1000, 2);
  return l;
}

TEST(FlowsAssignment, TwoParallelLinksInClosedForm) {
  OdMatrix od(2);
  od.at(0, 1) = 16;
  AssignmentOptions o;
  o.gap = 1e-10;
  auto l = two_links(10, 1, 20, 2, 0.1, 1);  // t1 = 10 (1 + 0.1 v / 1) = 10 + v; t2 = 20 (1 + 0.1 v / 2) = 20 + v
  auto r = assign(l, od, o);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.volume[0], 13, 1e-6);
  EXPECT_NEAR(r.volume[1], 3, 1e-6);
  EXPECT_NEAR(r.cost[0], 23, 1e-6);
  EXPECT_NEAR(r.cost[1], 23, 1e-6);
  // The relative gap at the equilibrium is 0 by its definition: every trip on a shortest path.
  EXPECT_LT(r.gap, 1e-10);
  l = two_links(10, 2, 10, 1, 0.15, 4);
  r = assign(l, od, o);
  EXPECT_NEAR(r.volume[0], 16.0 * 2 / 3, 1e-5);
  EXPECT_NEAR(r.cost[0], r.cost[1], 1e-6);
  // Incremental, 4 parts, on the linear pair.
  o.algorithm = Algorithm::incremental;
  o.increments = 4;
  r = assign(two_links(10, 1, 20, 2, 0.1, 1), od, o);
  EXPECT_DOUBLE_EQ(r.volume[0], 12);
  EXPECT_DOUBLE_EQ(r.volume[1], 4);
  // Its gap, as defined: (12 × 22 + 4 × 24 − 16 × 22) / (12 × 22 + 4 × 24).
  EXPECT_NEAR(r.gap, (12.0 * 22 + 4 * 24 - 16 * 22) / (12.0 * 22 + 4 * 24), 1e-12);
}
