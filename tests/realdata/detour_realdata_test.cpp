// Critical links' detour search (A* aimed by the open graph's exact costs to
// the target, routing/detour_search) against the plain search with the same
// states banned, which stays the reference. On every real extract in
// ../shared/data/osm, for a car by time, a truck (restriction:hgv) by distance
// and a motorbike keeping to its lanes: random places cut into their edges,
// each trip's best path found by the plain search, then edges of that path
// closed one at a time (the trip's own first and last edge, which can cut it
// off, and two between). Costs must be equal, cut-offs must agree, and the aimed search must
// settle fewer states than the plain one over the whole run. Yen's spur paths (a
// state to the target, states and a move banned) likewise.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <unordered_set>

#include "cache/graph_cache.hpp"
#include "cache/network_cache.hpp"
#include "routing/detour_search.hpp"
#include "routing/routing_graph.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using routing::Metric;

namespace {
class RealDataDetours : public ::testing::TestWithParam<std::string> {};
}  // namespace

TEST_P(RealDataDetours, CostWhatThePlainSearchCostsWithTheSameStatesClosed) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "p.sqlite");
  test::build_road_network(project, shared / "data/osm" / GetParam());
  const auto opened = cache::open_network(project.db(), "main");
  const auto& net = opened.net;
  std::mt19937 rng(1717);
  int compared = 0, cut = 0, spurs = 0;
  std::size_t aimed_settled = 0, plain_settled = 0;
  struct Config {
    const char* profile;
    const char* lanes;
    Metric metric;
  };
  for (const auto& [profile_name, lanes_name, metric] :
       {Config{"car", "ignore", Metric::time}, Config{"truck", "ignore", Metric::distance},
        Config{"motorbike", "strict", Metric::time}}) {
    const auto profile = routing::Profile::load(profile_name);
    const auto lanes = routing::parse_lane_options(lanes_name, 5);
    const auto base = cache::open_base_graph(project.db(), opened.info, net, profile, lanes).graph;
    if (base->arcs.empty()) continue;  // no dedicated lane for strict motorbikes on this extract
    std::vector<routing::Anchor> anchors;
    std::uniform_real_distribution<double> fraction(0.02, 0.98);
    // Each closure's reference is a plain search: fewer places on the large extracts keep the test short.
    const std::size_t place_count = base->arcs.size() > 60000 ? 6 : 10;
    while (anchors.size() < place_count) {
      const auto& arc = base->arcs[std::uniform_int_distribution<std::size_t>(0, base->arcs.size() - 1)(rng)];
      anchors.push_back({arc.edge, anchors.size() % 4 == 3 ? 0.0 : fraction(rng)});
    }
    const routing::RoutingGraph g(base, net, profile, anchors);
    const routing::ReverseMoves reverse(g);
    routing::DetourSearch aimed(g, &reverse);
    std::vector<double> to_target;
    for (std::size_t b = 0; b < anchors.size(); ++b) {
      const auto target = g.anchor_node(b);
      routing::costs_to(g, reverse, target, metric, to_target);
      for (std::size_t a = 0; a < anchors.size(); ++a) {
        const auto origin = g.anchor_node(a);
        if (a == b || origin == target) continue;
        routing::SearchOptions so;
        so.metric = metric;
        so.targets = {target};
        const auto open = routing::search(g, origin, so);
        // The open graph's cost, from the reverse search, is the plain search's.
        const double open_cost = open.to_node(g, target);
        const auto none = aimed.cost(origin, target, {}, to_target, metric);
        ASSERT_EQ(none.has_value(), open.reached(g, target));
        if (!none) continue;
        EXPECT_NEAR(*none, open_cost, 1e-6 * std::max(1.0, open_cost));
        // A spur as Yen's algorithm makes one: from a state half-way along the path, the
        // path's next move and the states before it banned. Same cost as the plain search
        // from that state, along a chain of the graph's moves that avoids them all.
        const auto states = routing::path_states(g, open, target);
        if (states.size() > 3) {
          const std::size_t i = states.size() / 2;
          const std::unordered_set<std::size_t> banned_states(states.begin(), states.begin() + static_cast<std::ptrdiff_t>(i));
          const std::unordered_set<std::uint64_t> banned_moves{routing::move_key(states[i], states[i + 1])};
          routing::SearchOptions spur_options = so;
          spur_options.banned_states = &banned_states;
          spur_options.banned_moves = &banned_moves;
          const auto plain_spur = routing::search_from_state(g, states[i], spur_options);
          const auto spur = aimed.path_from_state(states[i], target, banned_states, banned_moves, to_target, metric);
          ++spurs;
          ASSERT_EQ(spur.empty(), !plain_spur.reached(g, target)) << GetParam() << ": spur from state " << states[i];
          if (!spur.empty()) {
            double sum = 0;
            for (std::size_t j = 1; j < spur.size(); ++j) {
              bool is_move = false;
              g.for_each_move(spur[j - 1], [&](std::size_t t) { is_move = is_move || t == spur[j]; });
              EXPECT_TRUE(is_move && !banned_states.count(spur[j]) && !banned_moves.count(routing::move_key(spur[j - 1], spur[j])))
                  << GetParam() << ": spur step " << j;
              sum += routing::state_cost(g, spur[j], metric);
            }
            const double want = plain_spur.to_node(g, target);
            EXPECT_NEAR(sum, want, 1e-6 * std::max(1.0, want)) << GetParam() << ": spur from state " << states[i];
          }
        }
        // Close edges of the path: its first and last, and up to two between.
        const auto path = routing::path_arcs(g, open, target);
        std::vector<std::int64_t> edges;
        for (auto arc : path) {
          if (g.arcs()[arc].edge >= 0 && (edges.empty() || edges.back() != g.arcs()[arc].edge)) edges.push_back(g.arcs()[arc].edge);
        }
        std::vector<std::int64_t> closures;
        if (!edges.empty()) closures = {edges.front(), edges.back()};
        for (int k = 0; k < 2 && edges.size() > 2; ++k) {
          closures.push_back(edges[std::uniform_int_distribution<std::size_t>(1, edges.size() - 2)(rng)]);
        }
        for (const auto edge : closures) {
          std::vector<std::size_t> closed;
          for (std::size_t s = 0; s < g.arcs().size(); ++s) {
            if (g.arcs()[s].edge == edge) closed.push_back(s);
          }
          const std::unordered_set<std::size_t> banned(closed.begin(), closed.end());
          so.banned_states = &banned;
          const auto reference = routing::search(g, origin, so);
          const auto ours = aimed.cost(origin, target, closed, to_target, metric);
          ++compared;
          if (ours) {  // what each search did for a trip still connected
            for (double d : reference.dist) plain_settled += d < std::numeric_limits<double>::infinity();
            aimed_settled += aimed.settled();
          }
          // A string, not a lambda: clang 14 cannot capture the structured bindings.
          const std::string where = GetParam() + " " + profile_name + " " + lanes_name + ": place " + std::to_string(a) +
                                    " to " + std::to_string(b) + ", edge " + std::to_string(edge) + " closed";
          ASSERT_EQ(ours.has_value(), reference.reached(g, target)) << where;
          if (!ours) {
            ++cut;
            continue;
          }
          const double want = reference.to_node(g, target);
          EXPECT_NEAR(*ours, want, 1e-6 * std::max(1.0, want)) << where;
          EXPECT_GE(*ours, open_cost - 1e-6 * std::max(1.0, open_cost)) << where;  // a closure never helps
        }
      }
    }
  }
  EXPECT_GE(compared, 100) << "too few closures to prove anything";
  EXPECT_GE(spurs, 10) << "too few spur paths to prove anything";
  EXPECT_LT(cut, compared) << "every closure cut its trip off: nothing was compared";
  EXPECT_LT(aimed_settled, plain_settled) << "the aimed search should settle fewer states than the plain one reaches";
  std::printf("%s: %d closures, %d cut off; for the others, states settled by the aimed search %zu, reached by the plain one %zu\n",
              GetParam().c_str(), compared, cut, aimed_settled, plain_settled);
}

INSTANTIATE_TEST_SUITE_P(Extracts, RealDataDetours, ::testing::ValuesIn(test::osm_extracts()),
                         [](const auto& info) { return test::extract_test_name(info.param); });
