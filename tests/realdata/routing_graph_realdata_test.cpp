// The routing graph a command searches — a cached base graph with the command's
// places cut into their edges and the turns there worked out again — against a
// second construction: the same places made real nodes by splitting the edges in
// the network itself (restrictions moved onto the pieces) and the graph built
// whole from it. On every real extract in ../shared/data/osm, for a car, a truck
// (restriction:hgv), and a motorbike with lanes strict and preferred, the costs
// between random places inside edges must be equal. (The search itself is checked
// against networkx and the assignment's node-split graph elsewhere.)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "cache/graph_cache.hpp"
#include "cache/network_cache.hpp"
#include "network/build.hpp"
#include "routing/routing_graph.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
// The spatial indexes a build packs on its second thread (project/bulk_spatial_index)
// against the ones SpatiaLite builds itself from the stored rows: sound
// (rtreecheck, CheckSpatialIndex), the same entries with the same float boxes,
// and the same rows found by window queries through each tree.
void expect_spatialite_builds_the_same_indexes(db::Database& db) {
  std::mt19937 rng(7);
  for (const std::string table : {"network_nodes", "network_edges"}) {
    const std::string idx = "idx_" + table + "_geom";
    EXPECT_EQ(db.query_text("SELECT rtreecheck('" + idx + "')"), "ok") << idx;
    EXPECT_EQ(db.query_int("SELECT CheckSpatialIndex('" + table + "', 'geom')"), 1) << table;
    const auto extent = [&](const char* f) { return std::stod(*db.query_text(fmt::format("SELECT {} FROM {}", f, idx))); };
    const double x0 = extent("min(xmin)"), x1 = extent("max(xmax)"), y0 = extent("min(ymin)"), y1 = extent("max(ymax)");
    std::vector<std::string> windows;
    std::uniform_real_distribution<double> u(0, 1);
    for (int i = 0; i < 20; ++i) {
      const double x = x0 + u(rng) * (x1 - x0), y = y0 + u(rng) * (y1 - y0), w = (x1 - x0) * 0.05, h = (y1 - y0) * 0.05;
      windows.push_back(fmt::format("SELECT group_concat(pkid) FROM (SELECT pkid FROM {} WHERE xmax >= {:.17g} AND xmin <= {:.17g}"
                                    " AND ymax >= {:.17g} AND ymin <= {:.17g} ORDER BY pkid)",
                                    idx, x, x + w, y, y + h));
    }
    std::vector<std::string> ours;
    for (const auto& q : windows) ours.push_back(db.query_text(q).value_or(""));
    db.exec("CREATE TEMP TABLE ours AS SELECT * FROM " + idx);
    db.exec("SELECT DisableSpatialIndex('" + table + "', 'geom')");
    db.exec("DROP TABLE " + idx);
    db.exec("SELECT CreateSpatialIndex('" + table + "', 'geom')");
    EXPECT_EQ(db.query_int("SELECT count(*) FROM ours"), db.query_int("SELECT count(*) FROM " + idx)) << idx;
    EXPECT_EQ(db.query_int("SELECT count(*) FROM (SELECT * FROM ours EXCEPT SELECT * FROM " + idx + ")"), 0) << idx;
    for (std::size_t i = 0; i < windows.size(); ++i) EXPECT_EQ(db.query_text(windows[i]).value_or(""), ours[i]) << windows[i];
    db.exec("DROP TABLE ours");
  }
}

// The network with edge `e` cut at the given fractions, in order: the first piece
// keeps the edge's index, the others are appended; new nodes are appended.
// Returns, per anchor, the node it became.
std::vector<std::int32_t> split_at_anchors(network::Network& net, const std::vector<routing::Anchor>& anchors) {
  std::vector<std::int32_t> node_of(anchors.size(), -1);
  std::map<std::int64_t, std::vector<std::pair<double, std::size_t>>> cuts;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const auto& e = net.edges[static_cast<std::size_t>(anchors[i].edge)];
    if (anchors[i].fraction <= 1e-9) node_of[i] = static_cast<std::int32_t>(e.from);
    else if (anchors[i].fraction >= 1 - 1e-9) node_of[i] = static_cast<std::int32_t>(e.to);
    else cuts[anchors[i].edge].emplace_back(anchors[i].fraction, i);
  }
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> first_last;  // edge -> (piece at from, piece at to)
  for (auto& [ei, list] : cuts) {
    std::sort(list.begin(), list.end());
    const network::Edge original = net.edges[static_cast<std::size_t>(ei)];
    std::vector<std::pair<double, std::int64_t>> points{{0.0, original.from}};
    for (const auto& [f, anchor] : list) {
      if (std::abs(f - points.back().first) < 1e-12) {
        node_of[anchor] = static_cast<std::int32_t>(points.back().second);
        continue;
      }
      net.nodes.push_back({{0, 0}, std::nullopt});
      points.emplace_back(f, static_cast<std::int64_t>(net.nodes.size() - 1));
      node_of[anchor] = static_cast<std::int32_t>(points.back().second);
    }
    points.emplace_back(1.0, original.to);
    std::int64_t first = ei, last = ei;
    for (std::size_t k = 1; k < points.size(); ++k) {
      network::Edge piece = original;
      piece.from = points[k - 1].second;
      piece.to = points[k].second;
      piece.length_m = (points[k].first - points[k - 1].first) * original.length_m;
      if (k == 1) {
        net.edges[static_cast<std::size_t>(ei)] = piece;
      } else {
        net.edges.push_back(piece);
        last = static_cast<std::int64_t>(net.edges.size() - 1);
      }
    }
    first_last[ei] = {first, last};
  }
  for (auto& r : net.restrictions) {
    if (auto it = first_last.find(r.from_edge); it != first_last.end()) {
      r.from_edge = net.edges[static_cast<std::size_t>(it->second.second)].to == r.via_node ? it->second.second : it->second.first;
    }
    if (auto it = first_last.find(r.to_edge); it != first_last.end()) {
      r.to_edge = net.edges[static_cast<std::size_t>(it->second.first)].from == r.via_node ? it->second.first : it->second.second;
    }
  }
  return node_of;
}

double cost(const routing::RoutingGraph& g, std::int32_t from, std::int32_t to) {
  routing::SearchOptions o;
  o.metric = routing::Metric::time;
  o.targets = {to};
  const auto tree = routing::search(g, from, o);
  return tree.reached(g, to) ? tree.to_node(g, to) : -1;
}

class RealDataRoutingGraph : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(RealDataRoutingGraph, PlacesCutIntoACachedGraphCostWhatTheSplitNetworkCosts) {
  const auto shared = test::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  test::TempDir dir;
  auto project = project::Project::create(dir / "p.sqlite");
  test::build_road_network(project, shared / "data/osm" / GetParam());
  expect_spatialite_builds_the_same_indexes(project.db());
  const auto opened = cache::open_network(project.db(), "main");
  const auto& net = opened.net;
  std::mt19937 rng(15);
  int compared = 0, reached = 0;
  struct Config {
    const char* profile;
    const char* lanes;
  };
  for (const auto& [profile_name, lanes_name] : {Config{"car", "ignore"}, Config{"truck", "ignore"},
                                                 Config{"motorbike", "strict"}, Config{"motorbike", "prefer"}}) {
    const auto profile = routing::Profile::load(profile_name);
    const auto lanes = routing::parse_lane_options(lanes_name, 5);
    // Through the cache, as a command opens it (the second open reads the file).
    cache::open_base_graph(project.db(), opened.info, net, profile, lanes);
    const auto base = cache::open_base_graph(project.db(), opened.info, net, profile, lanes);
    ASSERT_TRUE(base.from_cache) << base.miss;
    // Places inside usable edges (some at an end), on edges of the base graph's arcs.
    std::vector<routing::Anchor> anchors;
    std::uniform_real_distribution<double> fraction(0.02, 0.98);
    if (base.graph->arcs.empty()) continue;  // no dedicated lane for strict motorbikes on this extract
    // First on the edges of restrictions that bind this profile (the turns the overlay must work out
    // again), then anywhere.
    for (const auto& r : net.restrictions) {
      if (anchors.size() >= 12) break;
      if (!profile.bound_by(r)) continue;
      anchors.push_back({r.from_edge, fraction(rng)});
      anchors.push_back({r.to_edge, fraction(rng)});
    }
    while (anchors.size() < 24) {
      const auto i = anchors.size();
      const auto& arc = base.graph->arcs[std::uniform_int_distribution<std::size_t>(0, base.graph->arcs.size() - 1)(rng)];
      anchors.push_back({arc.edge, i % 6 == 5 ? 0.0 : fraction(rng)});
    }
    const routing::RoutingGraph g(base.graph, net, profile, anchors);
    auto split = net;
    const auto nodes = split_at_anchors(split, anchors);
    const routing::RoutingGraph whole(split, profile, {}, {}, lanes);
    for (std::size_t i = 0; i + 1 < anchors.size(); i += 2) {
      for (const auto& [a, b] : {std::pair{i, i + 1}, std::pair{i + 1, i}}) {
        const double ours = cost(g, g.anchor_node(a), g.anchor_node(b));
        const double reference = cost(whole, nodes[a], nodes[b]);
        ++compared;
        if (ours >= 0) ++reached;
        EXPECT_NEAR(ours, reference, 1e-6 * std::max(1.0, reference))
            << GetParam() << " " << profile_name << " lanes " << lanes_name << ": anchor " << a << " (edge "
            << anchors[a].edge << " at " << anchors[a].fraction << ") to " << b << " (edge " << anchors[b].edge << " at "
            << anchors[b].fraction << ")";
      }
    }
  }
  EXPECT_GE(compared, 36);
  EXPECT_GT(reached, compared / 4) << "too few reachable pairs to prove anything";
}

INSTANTIATE_TEST_SUITE_P(Extracts, RealDataRoutingGraph, ::testing::ValuesIn(test::osm_extracts()),
                         [](const auto& info) { return test::extract_test_name(info.param); });
