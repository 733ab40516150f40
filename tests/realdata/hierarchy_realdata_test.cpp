// The contraction hierarchy against the plain search it accelerates. On every
// real extract in ../shared/data/osm, for a car, a truck (restriction:hgv), and a
// motorbike with lanes strict and preferred, by time and by distance (two of
// these on the five largest extracts): random
// places (inside edges, at nodes, and on the edges of turn restrictions that bind
// the profile) are cut into a RoutingGraph and searched with Dijkstra; the same
// places as hierarchy endpoints must cost the same, one pair at a time and as a
// many-to-many matrix. An unpacked hierarchy path must be a chain of the base
// graph's own moves whose costs add up to the answer. The route command's best
// route, taken from the hierarchy and mapped back onto the places' graph, is a
// connected chain of that graph's arcs from place to place costing what the
// plain route costs.
#include <gtest/gtest.h>

#include <random>

#include "cache/graph_cache.hpp"
#include "cache/hierarchy_cache.hpp"
#include "cache/network_cache.hpp"
#include "routing/context.hpp"
#include "routing/hierarchy.hpp"
#include "routing/route.hpp"
#include "routing/routing_graph.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using routing::Metric;

namespace {

double arc_cost(const routing::BaseGraph& g, std::uint32_t s, Metric m) {
  if (s >= g.arcs.size()) return 0;
  return m == Metric::time ? g.arcs[s].cost_time : g.arcs[s].cost_length;
}

bool is_move(const routing::BaseGraph& g, std::uint32_t from, std::uint32_t to) {
  for (auto i = g.offsets[from]; i < g.offsets[from + 1]; ++i) {
    if (g.targets[i] == to) return true;
  }
  return false;
}

class RealDataHierarchy : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(RealDataHierarchy, CostsWhatThePlainSearchCostsWithTurnsAndLanes) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "p.sqlite");
  test::build_road_network(project, shared / "data/osm" / GetParam());
  const auto opened = cache::open_network(project.db(), "main");
  const auto& net = opened.net;
  std::mt19937 rng(1515);
  int compared = 0, reached = 0, unpacked = 0;
  struct Config {
    const char* profile;
    const char* lanes;
    Metric metric;
  };
  for (const auto& [profile_name, lanes_name, metric] :
       {Config{"car", "ignore", Metric::time}, Config{"car", "ignore", Metric::distance},
        Config{"truck", "ignore", Metric::time}, Config{"motorbike", "strict", Metric::time},
        Config{"motorbike", "prefer", Metric::distance}}) {
    const auto profile = routing::Profile::load(profile_name);
    const auto lanes = routing::parse_lane_options(lanes_name, 5);
    const auto base = cache::open_base_graph(project.db(), opened.info, net, profile, lanes).graph;
    if (base->arcs.empty()) continue;  // no dedicated lane for strict motorbikes on this extract
    // The hierarchies of the large extracts take seconds each to build: two configurations there
    // (a car by time, a motorbike preferring its lanes by distance); all five on the others.
    const bool large = base->arcs.size() > 60000;
    if (large && !(std::string(profile_name) == "car" && metric == Metric::time) && std::string(lanes_name) != "prefer") continue;
    // Built, then read back from its cache file: the test runs on what a command opens.
    cache::open_hierarchy(project.db(), opened.info, *base, profile, metric);
    const auto cached = cache::open_hierarchy(project.db(), opened.info, *base, profile, metric);
    ASSERT_TRUE(cached.from_cache) << cached.miss;
    const auto& h = *cached.hierarchy;

    std::vector<routing::Anchor> anchors;
    std::uniform_real_distribution<double> fraction(0.02, 0.98);
    for (const auto& r : net.restrictions) {
      if (anchors.size() >= 10) break;
      if (!profile.bound_by(r)) continue;
      anchors.push_back({r.from_edge, fraction(rng)});
      anchors.push_back({r.to_edge, fraction(rng)});
    }
    while (anchors.size() < 30) {
      const auto i = anchors.size();
      const auto& arc = base->arcs[std::uniform_int_distribution<std::size_t>(0, base->arcs.size() - 1)(rng)];
      anchors.push_back({arc.edge, i % 7 == 3 ? 0.0 : i % 7 == 5 ? 1.0 : fraction(rng)});
    }
    anchors.push_back(anchors[4]);  // two places at one point
    anchors.push_back({anchors[6].edge, std::min(0.99, anchors[6].fraction + 0.005)});  // and just behind another
    const routing::RoutingGraph g(base, net, profile, anchors);
    std::vector<routing::Endpoint> sources, targets;
    for (const auto& a : anchors) {
      sources.push_back(routing::place_endpoint(*base, net, a.edge, a.fraction, metric, true));
      targets.push_back(routing::place_endpoint(*base, net, a.edge, a.fraction, metric, false));
    }
    const auto matrix = routing::hierarchy_matrix(h, *base, sources, targets);
    routing::SearchOptions so;
    so.metric = metric;
    for (std::size_t a = 0; a < anchors.size(); ++a) {
      const auto tree = routing::search(g, g.anchor_node(a), so);
      for (std::size_t b = 0; b < anchors.size(); ++b) {
        const auto node = g.anchor_node(b);
        const std::string what = GetParam() + " " + profile_name + " lanes " + lanes_name +
                                 (metric == Metric::time ? " time" : " distance") + ": place " + std::to_string(a) +
                                 " (edge " + std::to_string(anchors[a].edge) + " at " + std::to_string(anchors[a].fraction) +
                                 ") to " + std::to_string(b) + " (edge " + std::to_string(anchors[b].edge) + " at " +
                                 std::to_string(anchors[b].fraction) + ")";
        const auto& cell = matrix[a * anchors.size() + b];
        ++compared;
        if (!tree.reached(g, node)) {
          EXPECT_FALSE(cell.has_value()) << what << ": the plain search finds no path";
          continue;
        }
        ++reached;
        const double reference = tree.to_node(g, node);
        ASSERT_TRUE(cell.has_value()) << what << ": the plain search costs " << reference;
        EXPECT_NEAR(cell->cost, reference, 1e-6 * std::max(1.0, reference)) << what;
        if ((a + b) % 5 != 0) continue;
        // One pair at a time, with the path unpacked.
        std::vector<std::uint32_t> states;
        const auto one = routing::hierarchy_query(h, *base, sources[a], targets[b], &states);
        ASSERT_TRUE(one.has_value()) << what;
        EXPECT_NEAR(one->cost, reference, 1e-6 * std::max(1.0, reference)) << what;
        if (states.empty()) continue;  // along one arc, or staying put
        ++unpacked;
        double along = 0;
        for (std::size_t k = 0; k + 1 < states.size(); ++k) {
          ASSERT_TRUE(is_move(*base, states[k], states[k + 1])) << what << ": step " << k << " is not a move";
          along += arc_cost(*base, states[k], metric);
        }
        // The answer is the moves plus what a source seed costs to its first state and a target seed from its last.
        bool adds_up = false;
        for (const auto& s : sources[a].seeds) {
          for (const auto& t : targets[b].seeds) {
            if (s.state == states.front() && t.state == states.back() &&
                std::abs(s.at.cost + along + t.at.cost - one->cost) <= 1e-6 * std::max(1.0, one->cost)) {
              adds_up = true;
            }
          }
        }
        EXPECT_TRUE(adds_up) << what << ": the unpacked path does not add up to " << one->cost;
      }
    }
  }
  EXPECT_GE(compared, 1000);
  EXPECT_GT(reached, compared / 4) << "too few reachable pairs to prove anything";
  EXPECT_GT(unpacked, 50);

  // Routes as `logiplan route` finds them: on the car-by-time hierarchy cached above, against the plain search.
  routing::AnalysisContext ctx(project, "main", "car", 30.0);
  std::vector<routing::Place> places;
  while (places.size() < 16) {
    const auto& e = net.edges[std::uniform_int_distribution<std::size_t>(0, net.edges.size() - 1)(rng)];
    if (!ctx.profile().may_travel(e, true) && !ctx.profile().may_travel(e, false)) continue;
    // Mostly inside edges, some at junctions, slightly off the road as real places are.
    const auto p = places.size() % 4 == 1 ? e.geometry.front() : e.geometry[e.geometry.size() / 2];
    const double off = places.size() % 4 == 1 ? 0 : 2e-5;
    places.push_back({"p" + std::to_string(places.size()), std::nullopt, "point", {p.lon + off, p.lat + off / 2}});
  }
  ctx.add_places(places);
  ctx.build();
  ASSERT_NE(ctx.hierarchy(Metric::time, 1), nullptr) << "the car hierarchy was cached above";
  int routed = 0;
  for (std::size_t a = 0; a < places.size(); ++a) {
    for (std::size_t b = 0; b < places.size(); ++b) {
      if (a == b) continue;
      const std::string what = GetParam() + " route " + places[a].label + " -> " + places[b].label;
      const auto arcs = routing::hierarchy_route(ctx, a, b, Metric::time);
      ::setenv("LOGIPLAN_HIERARCHY", "off", 1);
      const auto plain = routing::routes(ctx, a, b, Metric::time);
      ::unsetenv("LOGIPLAN_HIERARCHY");
      const auto& pa = ctx.place(a);
      const auto& pb = ctx.place(b);
      if (pa.node == pb.node || (pa.edge == pb.edge && pa.edge >= 0)) continue;  // the plain search answers these
      ASSERT_TRUE(arcs.has_value()) << what << ": the hierarchy did not answer";
      if (plain.empty()) {
        EXPECT_TRUE(arcs->empty()) << what << ": no plain route";
        continue;
      }
      ASSERT_FALSE(arcs->empty()) << what << ": the plain route costs " << plain[0].time_s;
      ++routed;
      const auto& g = ctx.graph();
      EXPECT_EQ(g.arcs()[arcs->front()].tail, pa.node) << what;
      EXPECT_EQ(g.arcs()[arcs->back()].head, pb.node) << what;
      for (std::size_t k = 0; k + 1 < arcs->size(); ++k) {
        ASSERT_EQ(g.arcs()[(*arcs)[k]].head, g.arcs()[(*arcs)[k + 1]].tail) << what << ": arc " << k << " does not meet the next";
      }
      const auto r = routing::describe(g, *arcs);
      EXPECT_NEAR(r.time_s, plain[0].time_s, 1e-6 * std::max(1.0, plain[0].time_s)) << what;
      ASSERT_FALSE(r.geometry.empty());
      EXPECT_NEAR(r.geometry.front().lon, plain[0].geometry.front().lon, 1e-9) << what;
      EXPECT_NEAR(r.geometry.back().lat, plain[0].geometry.back().lat, 1e-9) << what;
      // routes() answers from the hierarchy the same.
      const auto via = routing::routes(ctx, a, b, Metric::time);
      ASSERT_EQ(via.size(), 1u);
      EXPECT_EQ(via[0].arcs, *arcs) << what;
    }
  }
  EXPECT_GT(routed, 20) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Extracts, RealDataHierarchy, ::testing::ValuesIn(test::osm_extracts()),
                         [](const auto& info) { return test::extract_test_name(info.param); });
