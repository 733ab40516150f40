// Routing on hand-drawn maps. Every letter is a node: columns are 0.001° of
// longitude, rows 0.001° of latitude, near 106.70 E, 20.80 N. Lengths come from
// `geod -I +ellps=WGS84` (PROJ's CLI):
//   4 columns on row 0 (20.800 N) = 416.433080 m     4 columns on row 2 (20.798 N) = 416.438569 m
//   2 rows                          = 221.428851 m     8 columns on row 0            = 832.866160 m
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "network/build.hpp"
#include "routing/analyses.hpp"
#include "routing/route.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::routing;
using test::AsciiWay;

namespace {
constexpr double kRow0 = 416.433080, kRow2 = 416.438569, kCol = 221.428851, kRow0x2 = 832.866160;

struct Map : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  std::string map;

  void build(const std::string& m, const std::vector<AsciiWay>& ways, const std::vector<test::AsciiRestriction>& rs = {}) {
    map = m;
    test::write_file(dir / "map.osm", test::ascii_osm(m, ways, rs));
    network::BuildOptions o;
    o.overwrite = true;
    o.sources.push_back(network::SourceSpec{(dir / "map.osm").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
  }
  Place at(char node) {
    const auto [lon, lat] = test::ascii_position(map, node);
    return Place{std::string(1, node), std::nullopt, "point", {lon, lat}};
  }
  std::unique_ptr<AnalysisContext> context(const std::string& profile, const std::string& nodes) {
    auto ctx = std::make_unique<AnalysisContext>(project, "main", profile);
    std::vector<Place> places;
    for (char c : nodes) places.push_back(at(c));
    ctx->add_places(places);
    ctx->build();
    return ctx;
  }
  // The names of the nodes a route passes, e.g. "abdc".
  std::string nodes_of(const AnalysisContext& ctx, const Route& r) {
    std::string out;
    auto name = [&](network::LonLat p) {
      for (char c = 'a'; c <= 'z'; ++c) {
        if (map.find(c) == std::string::npos) continue;
        const auto [lon, lat] = test::ascii_position(map, c);
        if (std::abs(lon - p.lon) < 1e-9 && std::abs(lat - p.lat) < 1e-9) return c;
      }
      return '?';
    };
    for (auto a : r.arcs) {
      const auto& arc = ctx.graph().arcs()[a];
      if (out.empty()) out += name(ctx.graph().node_position(arc.tail));
      out += name(ctx.graph().node_position(arc.head));
    }
    return out;
  }
};
}  // namespace

TEST_F(Map, OneWayStreetForcesTheLongWayRound) {
  //  a-->b      a->b is one-way; b->a must go b, d, c, a
  //  |   |
  //  c---d
  build("a---b\n|   |\nc---d\n", {{"ab", {{"oneway", "yes"}}}, {"bd", {}}, {"dc", {}}, {"ca", {}}});
  auto ctx = context("car", "ab");
  const auto fwd = routes(*ctx, 0, 1, Metric::distance);
  ASSERT_EQ(fwd.size(), 1u);
  EXPECT_EQ(nodes_of(*ctx, fwd[0]), "ab");
  EXPECT_NEAR(fwd[0].length_m, kRow0, 1e-3);
  const auto back = routes(*ctx, 1, 0, Metric::distance);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(nodes_of(*ctx, back[0]), "bdca");
  EXPECT_NEAR(back[0].length_m, kCol + kRow2 + kCol, 1e-3);
  // Fastest: primary at the class default of 50 km/h.
  EXPECT_NEAR(back[0].time_s, (kCol + kRow2 + kCol) / (50 / 3.6), 1e-3);
}

TEST_F(Map, UnreachablePairIsAValueNotAnError) {
  build("a---b\n\nc---d\n", {{"ab", {}}, {"cd", {}}});
  auto ctx = context("car", "ac");
  EXPECT_TRUE(routes(*ctx, 0, 1, Metric::time).empty());
  const auto cells = od_matrix(*ctx, {0}, {1}, Metric::time);
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_FALSE(cells[0].time_s.has_value());
  const auto c = connectivity(*ctx, {0}, {1});
  EXPECT_EQ(c.weak_sizes, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(c.unreachable.size(), 1u);
}

TEST_F(Map, TieBetweenTwoEqualPathsHasTheTiedCost) {
  //  a---b        a->d: a,b,d or a,c,d: both 4 columns + 2 rows
  //  |   |
  //  c---d
  build("a---b\n|   |\nc---d\n", {{"ab", {}}, {"bd", {}}, {"ac", {}}, {"cd", {}}});
  auto ctx = context("car", "ad");
  const auto r = routes(*ctx, 0, 1, Metric::distance, 2);
  ASSERT_EQ(r.size(), 2u);
  // abd = 416.433080 + 221.428851; acd = 221.428851 + 416.438569: a 5 mm difference decides.
  EXPECT_EQ(nodes_of(*ctx, r[0]), "abd");
  EXPECT_EQ(nodes_of(*ctx, r[1]), "acd");
  EXPECT_NEAR(r[0].length_m, kRow0 + kCol, 1e-3);
  EXPECT_NEAR(r[1].length_m, kCol + kRow2, 1e-3);
}

TEST_F(Map, KAlternativesInOrder) {
  //  a---b---c      a->c: a,b,c (8 cols); a,b,e,c? no: b-e is absent.
  //  |   |   |      paths: abc = 2 x kRow0; adbc? d-b exists: a,d,e,c and a,b,... (see below)
  //  d---e---f
  build("a---b---c\n|   |   |\nd---e---f\n",
        {{"ab", {}}, {"bc", {}}, {"ad", {}}, {"be", {}}, {"cf", {}}, {"de", {}}, {"ef", {}}});
  auto ctx = context("car", "ac");
  const auto r = routes(*ctx, 0, 1, Metric::distance, 3);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(nodes_of(*ctx, r[0]), "abc");
  EXPECT_NEAR(r[0].length_m, 2 * kRow0, 1e-3);
  // Second: a,b,e,f,c = kRow0 + kCol + kRow2 + kCol; third: a,d,e,b,c = kCol + kRow2 + kCol + kRow0 (equal: ties
  // broken by state order) or a,d,e,f,c = kCol + 2 kRow2 + kCol.
  EXPECT_NEAR(r[1].length_m, kRow0 + kCol + kRow2 + kCol, 1e-3);
  EXPECT_NEAR(r[2].length_m, kRow0 + kCol + kRow2 + kCol, 1e-3);
  EXPECT_NE(nodes_of(*ctx, r[1]), nodes_of(*ctx, r[2]));
  EXPECT_THROW(routes(*ctx, 0, 1, Metric::distance, 0), UsageError);
}

TEST_F(Map, ServiceAreaCutsTheLastEdge) {
  //  a---b---c---d   primary, 50 km/h: a-b takes 416.433 / 13.889 = 29.98 s
  build("a---b---c---d\n", {{"abcd", {}}});
  auto ctx = context("car", "a");
  const double ab_s = kRow0 / (50 / 3.6);
  // 1.5 edges' worth of time: all of a-b, half of b-c.
  const auto areas = service_areas(*ctx, {0}, {1.5 * ab_s});
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_NEAR(areas[0].reached_km, 1.5 * kRow0 / 1000, 1e-3);
  ASSERT_TRUE(areas[0].polygon);
  EXPECT_FALSE(areas[0].polygon->IsEmpty());
}

TEST_F(Map, BridgesAndArticulationPoints) {
  //  a       d        two triangles joined by the single edge c-e:
  //  |\     /|        c-e is the bridge; c and e the articulation points
  //  b-c---e-f
  build("a       d\n|       |\nb-c---e-f\n",
        {{"ab", {}}, {"bc", {}}, {"ca", {}}, {"ce", {}}, {"ef", {}}, {"fd", {}}, {"de", {}}});
  auto ctx = context("car", "af");
  const auto c = connectivity(*ctx, {0}, {1});
  EXPECT_EQ(c.weak_sizes, (std::vector<std::int64_t>{6}));
  ASSERT_EQ(c.bridge_edges.size(), 1u);
  EXPECT_EQ(ctx->network().edges[static_cast<std::size_t>(c.bridge_edges[0])].source_id, "osm:way/103");
  ASSERT_EQ(c.articulation_nodes.size(), 2u);
  const auto& e = ctx->network().edges[static_cast<std::size_t>(c.bridge_edges[0])];
  EXPECT_EQ(c.articulation_nodes, (std::vector<std::int64_t>{std::min(e.from, e.to), std::max(e.from, e.to)}));
}

TEST_F(Map, ParallelEdgesAreACycleNotABridge) {
  //  a---b      two ways between a and b (a-b and a,c,b where c joins nothing else): no bridge there
  //  |   |
  //  c---+
  build("a---b---d\n|   |\nc---e\n", {{"ab", {}}, {"aceb", {}}, {"bd", {}}});
  auto ctx = context("car", "ad");
  const auto c = connectivity(*ctx, {0}, {1});
  ASSERT_EQ(c.bridge_edges.size(), 1u);
  EXPECT_EQ(ctx->network().edges[static_cast<std::size_t>(c.bridge_edges[0])].source_id, "osm:way/102");
}

TEST_F(Map, TruckOnlyTurnRestrictionForcesADetourForTrucksNotCars) {
  //  a---b---c      restriction:hgv = no_right_turn from a-b via b onto b-d
  //      |   |      car a->d: a,b,d; truck a->d: a,b,c,e,d
  //      d---e
  build("a---b---c\n    |   |\n    d---e\n", {{"ab", {}}, {"bc", {}}, {"bd", {}}, {"de", {}}, {"ce", {}}},
        {{{{"restriction:hgv", "no_right_turn"}}, 0, 'b', 2}});
  auto car = context("car", "ad");
  const auto rc = routes(*car, 0, 1, Metric::distance);
  ASSERT_EQ(rc.size(), 1u);
  EXPECT_EQ(nodes_of(*car, rc[0]), "abd");
  EXPECT_NEAR(rc[0].length_m, kRow0 + kCol, 1e-3);
  auto truck = context("truck", "ad");
  const auto rt = routes(*truck, 0, 1, Metric::distance);
  ASSERT_EQ(rt.size(), 1u);
  EXPECT_EQ(nodes_of(*truck, rt[0]), "abced");
  EXPECT_NEAR(rt[0].length_m, kRow0 + kRow0 + kCol + kRow2, 1e-3);
}

TEST_F(Map, HierarchyMatrixKeepsTheTurnRestrictionAndPlacesInsideEdges) {
  //  a---b-x-c      restriction:hgv = no_right_turn from a-b via b onto b-d
  //      |   |      trucks a->d: a,b,c,e,d; the matrix runs on the contraction hierarchy
  //      d---e      x: a place halfway along b-c, inside the edge
  build("a---b-x-c\n    |   |\n    d---e\n", {{"ab", {}}, {"bxc", {}}, {"bd", {}}, {"de", {}}, {"ce", {}}},
        {{{{"restriction:hgv", "no_right_turn"}}, 0, 'b', 2}});
  setenv("LOGIPLAN_HIERARCHY", "on", 1);
  auto truck = context("truck", "adx");
  ASSERT_NE(truck->hierarchy(Metric::distance, 1), nullptr);
  const auto cells = od_matrix(*truck, {0, 2}, {1, 2, 0}, Metric::distance);
  unsetenv("LOGIPLAN_HIERARCHY");
  ASSERT_EQ(cells.size(), 6u);
  ASSERT_TRUE(cells[0].length_m && cells[1].length_m && cells[2].length_m && cells[3].length_m && cells[4].length_m);
  EXPECT_NEAR(*cells[0].length_m, kRow0 + kRow0 + kCol + kRow2, 1e-3);    // a -> d, the detour
  EXPECT_NEAR(*cells[1].length_m, kRow0 + kRow0 / 2, 1e-3);              // a -> x
  EXPECT_NEAR(*cells[2].length_m, 0, 1e-9);                                // a -> a
  EXPECT_NEAR(*cells[3].length_m, kRow0 / 2 + kCol, 1e-3);                // x -> d: x, b, d (only a-b is barred)
  EXPECT_NEAR(*cells[4].length_m, 0, 1e-9);                                // x -> x
  EXPECT_NEAR(*cells[5].length_m, kRow0 / 2 + kRow0, 1e-3);               // x -> a
  // The same matrix by the plain search.
  setenv("LOGIPLAN_HIERARCHY", "off", 1);
  const auto plain = od_matrix(*truck, {0, 2}, {1, 2, 0}, Metric::distance);
  EXPECT_EQ(truck->hierarchy(Metric::distance, 1000), nullptr);
  unsetenv("LOGIPLAN_HIERARCHY");
  for (std::size_t i = 0; i < plain.size(); ++i) EXPECT_NEAR(*plain[i].length_m, *cells[i].length_m, 1e-6) << i;
}

TEST_F(Map, AnEditedNetworkGetsAHierarchyOfItsOwnInMemory) {
  //  a---b-x-c      as above; the edit closes c-e, the trucks' only way from a to d
  //      |   |
  //      d---e
  build("a---b-x-c\n    |   |\n    d---e\n", {{"ab", {}}, {"bxc", {}}, {"bd", {}}, {"de", {}}, {"ce", {}}},
        {{{{"restriction:hgv", "no_right_turn"}}, 0, 'b', 2}});
  const auto open_edited = [&] {
    auto ctx = std::make_unique<AnalysisContext>(project, "main", "truck");
    ctx->add_places({at('a'), at('d'), at('x')});
    ctx->edit_network([](network::Network& net, const network::NetworkInfo&) {
      for (auto& e : net.edges) {
        if (e.source_id == "osm:way/104") e.forward.allowed = e.backward.allowed = false;
      }
    });
    ctx->build();
    return ctx;
  };
  const auto cache_files = [&] {
    std::set<std::string> names;
    const std::filesystem::path dir = project.path().string() + "-cache";
    if (std::filesystem::exists(dir)) {
      for (const auto& f : std::filesystem::directory_iterator(dir)) {
        if (f.path().filename().string().rfind("hierarchy", 0) == 0) names.insert(f.path().filename().string());
      }
    }
    return names;
  };
  const auto files_before = cache_files();
  auto edited = open_edited();
  EXPECT_EQ(edited->hierarchy(Metric::distance, AnalysisContext::kEditedHierarchyFrom - 1), nullptr);  // not worth it
  ASSERT_NE(edited->hierarchy(Metric::distance, AnalysisContext::kEditedHierarchyFrom), nullptr);
  const auto on_hierarchy = od_matrix(*edited, {0, 2}, {1, 2, 0}, Metric::distance);
  setenv("LOGIPLAN_HIERARCHY", "off", 1);
  const auto plain = od_matrix(*open_edited(), {0, 2}, {1, 2, 0}, Metric::distance);
  unsetenv("LOGIPLAN_HIERARCHY");
  ASSERT_EQ(on_hierarchy.size(), 6u);
  ASSERT_TRUE(on_hierarchy[0].length_m);  // a -> d: the detour closed, the right turn banned: on to c and back
  EXPECT_NEAR(*on_hierarchy[0].length_m, 3 * kRow0 + kCol, 1e-3) << *on_hierarchy[0].length_m;
  EXPECT_NEAR(*on_hierarchy[3].length_m, kRow0 / 2 + kCol, 1e-3);  // x -> d: x, b, d
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].length_m.has_value(), on_hierarchy[i].length_m.has_value()) << i;
    if (plain[i].length_m) EXPECT_NEAR(*plain[i].length_m, *on_hierarchy[i].length_m, 1e-6) << i;
  }
  EXPECT_EQ(cache_files(), files_before);  // no hierarchy file for it
}

// The lane audit runs its routes on all cores, and each route asks the context
// for a hierarchy. The project's connection is one thread's at a time (SQLite,
// opened without its mutex): the first route asks it, once, and the others wait
// for that answer. Counted with SQLite's statement trace: as many statements as
// one lookup takes, not one lookup per route. Without the lock this test spun
// on a corrupted connection, and CI's demo (its lane audit) crashed now and then.
TEST_F(Map, RoutesOnManyThreadsAskTheProjectForAHierarchyOnce) {
  build("a---b-x-c\n    |   |\n    d---e\n", {{"ab", {}}, {"bxc", {}}, {"bd", {}}, {"de", {}}, {"ce", {}}});
  std::atomic<int> statements{0};
  const auto count = [](unsigned, void* n, void*, void*) {
    ++*static_cast<std::atomic<int>*>(n);
    return 0;
  };
  const auto statements_of = [&](const std::function<void()>& work) {
    statements = 0;
    sqlite3_trace_v2(project.db().handle(), SQLITE_TRACE_STMT, count, &statements);
    work();
    sqlite3_trace_v2(project.db().handle(), 0, nullptr, nullptr);
    return statements.load();
  };
  const auto alone = context("car", "ad");
  const int one_lookup = statements_of([&] { EXPECT_EQ(alone->hierarchy(Metric::distance, 1), nullptr); });
  ASSERT_GT(one_lookup, 0);
  auto ctx = context("car", "ad");
  constexpr int kThreads = 8, kRoutes = 100;
  std::atomic<int> right{0};
  const int during = statements_of([&] {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kRoutes; ++i) {
          const auto r = routes(*ctx, 0, 1, Metric::distance, 1);
          if (r.size() == 1 && std::abs(r[0].length_m - (kRow0 + kCol)) < 1e-3) ++right;
        }
      });
    }
  });
  EXPECT_EQ(right.load(), kThreads * kRoutes);  // a, b, d
  EXPECT_EQ(during, one_lookup);
}

TEST_F(Map, CriticalLinksRankDetoursAndCuts) {
  //  a---b---c---f     a->c: a,b,c; closing a-b or b-c detours by a,d,e,c (+ 2 kCol + kRow2x2 - 2 kRow0)
  //  |       |         a->f: closing c-f cuts the pair off
  //  d-------e
  build("a---b---c---f\n|       |\nd-------e\n", {{"abc", {}}, {"cf", {}}, {"ad", {}}, {"de", {}}, {"ec", {}}});
  auto ctx = context("car", "acf");
  const auto links = critical_links(*ctx, {0}, {1, 2}, Metric::distance);
  ASSERT_FALSE(links.empty());
  const auto& first = links.front();
  EXPECT_EQ(ctx->network().edges[static_cast<std::size_t>(first.edge)].source_id, "osm:way/101");  // c-f
  EXPECT_EQ(first.pairs_cut, 1);
  const double detour = kCol + 832.877138 + kCol - kRow0x2;
  // a-b and b-c are one edge each (b is no junction: only way "abc" uses it): edge a..c is used by both pairs.
  const auto abc = std::find_if(links.begin(), links.end(), [&](const CriticalLink& l) {
    return ctx->network().edges[static_cast<std::size_t>(l.edge)].source_id == "osm:way/100";
  });
  ASSERT_NE(abc, links.end());
  EXPECT_EQ(abc->pairs_affected, 2);
  EXPECT_EQ(abc->pairs_cut, 0);
  EXPECT_NEAR(abc->extra, 2 * detour, 1e-3);
}

TEST_F(Map, MotorbikesStayOffTheExpressway) {
  //  a-------b     a-b is a motorway (one-way) ; a,c,b the slow way round
  //   \     /
  //    --c--
  build("a-------b\n         \nc\n", {{"ab", {{"highway", "motorway"}}}, {"acb", {{"highway", "secondary"}}}});
  // c joins nothing else, so a,c,b is one secondary edge.
  auto car = context("car", "ab");
  const auto rc = routes(*car, 0, 1, Metric::distance);
  EXPECT_EQ(rc[0].steps.at(0).road_class, "motorway");
  EXPECT_NEAR(rc[0].length_m, kRow0x2, 1e-3);
  auto bike = context("motorbike", "ab");
  const auto rb = routes(*bike, 0, 1, Metric::distance);
  EXPECT_EQ(rb[0].steps.at(0).road_class, "secondary");
  EXPECT_GT(rb[0].length_m, kCol + kRow0x2);
}

TEST_F(Map, BadInput) {
  build("a---b\n", {{"ab", {}}});
  EXPECT_THROW(AnalysisContext(project, "main", "hovercraft"), UsageError);
  EXPECT_THROW(AnalysisContext(project, "other", "car"), DataError);
  AnalysisContext ctx(project, "main", "car");
  try {
    ctx.add_places({Place{"far", std::nullopt, "point", {107.5, 21.5}}});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("place 'far' is too far from the network 'main' for profile car"), std::string::npos)
        << e.what();
  }
}
