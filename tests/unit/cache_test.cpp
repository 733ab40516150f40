// The binary caches of networks and routing graphs (issue 15): a cache gives
// back exactly what the project's tables hold, and a stale, damaged, foreign or
// outdated file is noticed and rebuilt, never trusted. Routes over a cached base
// graph with places cut into its edges equal routes on the hand-checked map.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "cache/cache_file.hpp"
#include "cache/graph_cache.hpp"
#include "cache/hierarchy_cache.hpp"
#include "cache/network_cache.hpp"
#include "core/error.hpp"
#include "network/build.hpp"
#include "routing/route.hpp"
#include "support/ascii_map.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using test::AsciiWay;

namespace {
// Lengths by `geod -I +ellps=WGS84`, as in routing_test.cpp.
constexpr double kRow0 = 416.433080, kRow2 = 416.438569, kCol = 221.428851;

//  a---b---c      restriction:hgv = no_right_turn from a-b via b onto b-d
//      |   |
//      d---e
const char* kMap = "a---b---c\n    |   |\n    d---e\n";

struct Cache : ::testing::Test {
  test::TempDir dir;
  std::filesystem::path path = dir / "hp.sqlite";
  project::Project project = project::Project::create(path);

  void build() {
    test::write_file(dir / "map.osm",
                     test::ascii_osm(kMap,
                                     {{"ab", {{"name", "Đường Tân Vũ"}, {"lanes", "2"}, {"lanes:forward", "1"}}},
                                      {"bc", {{"oneway", "yes"}, {"maxweight", "10"}}},
                                      {"bd", {{"ref", "QL5"}, {"bridge", "yes"}, {"layer", "1"}}},
                                      {"de", {}},
                                      {"ce", {{"hgv", "no"}}}},
                                     {{{{"restriction:hgv", "no_right_turn"}}, 0, 'b', 2}}));
    network::BuildOptions o;
    o.overwrite = true;
    o.sources.push_back(network::SourceSpec{(dir / "map.osm").string(), {network::Mode::road}, {}, {}, {}, false});
    network::build_network(project, o);
  }
  std::filesystem::path network_file() const {
    for (const auto& e : std::filesystem::directory_iterator(cache::cache_dir(path))) {
      if (e.path().filename().string().rfind("network-", 0) == 0) return e.path();
    }
    return {};
  }
  static void poke(const std::filesystem::path& file, std::streamoff at, char byte) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(at);
    f.put(byte);
  }
  static std::uintmax_t size_of(const std::filesystem::path& file) { return std::filesystem::file_size(file); }
  routing::Place at(char node) const {
    const auto [lon, lat] = test::ascii_position(kMap, node);
    return routing::Place{std::string(1, node), std::nullopt, "point", {lon, lat}};
  }
  routing::Place between(char a, char b) const {
    const auto pa = at(a).position, pb = at(b).position;
    return routing::Place{std::string{a, b}, std::nullopt, "point", {(pa.lon + pb.lon) / 2, (pa.lat + pb.lat) / 2}};
  }
};

void expect_same(const network::Network& a, const network::Network& b) {
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    EXPECT_EQ(a.nodes[i].position, b.nodes[i].position);
    EXPECT_EQ(a.nodes[i].osm_id, b.nodes[i].osm_id);
  }
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (std::size_t i = 0; i < a.edges.size(); ++i) {
    const auto &x = a.edges[i], &y = b.edges[i];
    EXPECT_EQ(x.from, y.from);
    EXPECT_EQ(x.to, y.to);
    EXPECT_EQ(x.mode, y.mode);
    EXPECT_EQ(x.road_class, y.road_class);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.ref, y.ref);
    EXPECT_EQ(x.length_m, y.length_m);
    EXPECT_EQ(x.forward.allowed, y.forward.allowed);
    EXPECT_EQ(x.backward.allowed, y.backward.allowed);
    EXPECT_EQ(x.forward.speed_kmh, y.forward.speed_kmh);
    EXPECT_EQ(x.backward.speed_kmh, y.backward.speed_kmh);
    EXPECT_EQ(x.forward.lanes, y.forward.lanes);
    EXPECT_EQ(x.backward.lanes, y.backward.lanes);
    EXPECT_EQ(x.speed_source, y.speed_source);
    EXPECT_EQ(x.access, y.access);
    EXPECT_EQ(x.hgv, y.hgv);
    EXPECT_EQ(x.maxweight_t, y.maxweight_t);
    EXPECT_EQ(x.maxheight_m, y.maxheight_m);
    EXPECT_EQ(x.bridge, y.bridge);
    EXPECT_EQ(x.tunnel, y.tunnel);
    EXPECT_EQ(x.layer, y.layer);
    EXPECT_EQ(x.source_id, y.source_id);
    EXPECT_EQ(x.geometry, y.geometry);
  }
  ASSERT_EQ(a.restrictions.size(), b.restrictions.size());
  for (std::size_t i = 0; i < a.restrictions.size(); ++i) {
    EXPECT_EQ(a.restrictions[i].kind, b.restrictions[i].kind);
    EXPECT_EQ(a.restrictions[i].from_edge, b.restrictions[i].from_edge);
    EXPECT_EQ(a.restrictions[i].via_node, b.restrictions[i].via_node);
    EXPECT_EQ(a.restrictions[i].to_edge, b.restrictions[i].to_edge);
    EXPECT_EQ(a.restrictions[i].vehicles, b.restrictions[i].vehicles);
    EXPECT_EQ(a.restrictions[i].except, b.restrictions[i].except);
    EXPECT_EQ(a.restrictions[i].source_id, b.restrictions[i].source_id);
  }
}
}  // namespace

TEST_F(Cache, NetworkComesBackFieldForField) {
  build();
  const auto tables = network::load_network(project.db(), "main");
  const auto first = cache::open_network(project.db(), "main");
  EXPECT_FALSE(first.from_cache);
  EXPECT_EQ(first.miss, "absent");
  const auto second = cache::open_network(project.db(), "main");
  EXPECT_TRUE(second.from_cache) << second.miss;
  expect_same(second.net, tables);
  EXPECT_EQ(second.net.edges[0].name, "Đường Tân Vũ");  // the fixture really has the fields compared
  EXPECT_EQ(tables.restrictions.size(), 1u);
}

TEST_F(Cache, FlippedByteIsCaughtAndTheFileRewritten) {
  build();
  cache::open_network(project.db(), "main");
  const auto file = network_file();
  ASSERT_FALSE(file.empty());
  poke(file, static_cast<std::streamoff>(size_of(file) / 2), '\x5a');
  const auto damaged = cache::open_network(project.db(), "main");
  EXPECT_FALSE(damaged.from_cache);
  EXPECT_NE(damaged.miss.find("checksum"), std::string::npos) << damaged.miss;
  expect_same(damaged.net, network::load_network(project.db(), "main"));
  EXPECT_TRUE(cache::open_network(project.db(), "main").from_cache);  // rewritten
}

TEST(CachePayload, AnEdgeRecordOutOfRangeIsRefusedWhenItsEdgeIsRead) {
  // A record that passed the checksum but points outside the payload (a writer's fault) must not be read
  // past: its edge refuses to decode, naming it; the others decode.
  network::Network net;
  for (int i = 0; i < 3; ++i) net.nodes.push_back({{106.0 + i * 1e-3, 20.8}, std::nullopt});
  for (int i = 0; i < 2; ++i) {
    network::Edge e;
    e.from = i;
    e.to = i + 1;
    e.length_m = i == 1 ? 1234.5678 : 10;
    e.geometry = {net.nodes[i].position, net.nodes[i + 1].position};
    net.edges.push_back(e);
  }
  auto bytes = cache::encode_network(net);
  const double marker = 1234.5678;
  const auto at = bytes.find(std::string(reinterpret_cast<const char*>(&marker), sizeof marker));
  ASSERT_NE(at, std::string::npos);
  const std::int64_t far = 1'000'000'000;
  std::memcpy(bytes.data() + at - 8, &far, sizeof far);  // edge 1's "to" node (the record: from, to, length, ...)
  const auto back = cache::decode_network(std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()));
  EXPECT_EQ(back.edges[0].length_m, 10);
  try {
    (void)back.edges[1];
    ADD_FAILURE() << "edge 1 decoded";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("edge 1"), std::string::npos) << e.what();
  }
}

TEST(CacheFile, LargePayloadIsSummedInHalvesAndAFlipInEitherIsCaught) {
  // From 8 MiB a payload's checksum is taken in two halves on two threads (header
  // word "scheme" 1), reading the file (not through the map).
  test::TempDir dir;
  const auto path = dir / "big.bin";
  std::string payload;
  for (const std::size_t mib : {9, 65}) {
    payload.assign(std::size_t{mib} << 20, '\0');
    for (std::size_t i = 0; i < payload.size(); i += 4096) payload[i] = static_cast<char>(i / 4096 % 251);
    ASSERT_TRUE(cache::write(path, "key", payload));
    {
      const auto opened = cache::open(path, "key");
      ASSERT_TRUE(std::holds_alternative<cache::Opened>(opened)) << std::get<cache::Miss>(opened).reason;
      EXPECT_EQ(std::get<cache::Opened>(opened).payload.size(), payload.size());
    }
    const auto offset = static_cast<std::streamoff>(std::filesystem::file_size(path) - payload.size());
    for (const std::size_t at : {std::size_t{17}, payload.size() - 5}) {  // first half, then second half
      ASSERT_TRUE(cache::write(path, "key", payload));
      {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(offset + static_cast<std::streamoff>(at));
        f.put('\x5a');
      }
      const auto damaged = cache::open(path, "key");
      ASSERT_TRUE(std::holds_alternative<cache::Miss>(damaged)) << mib << " MiB, byte " << at;
      EXPECT_NE(std::get<cache::Miss>(damaged).reason.find("checksum"), std::string::npos);
    }
  }
  // The scheme word itself damaged: an unknown scheme, not trusted.
  ASSERT_TRUE(cache::write(path, "key", payload));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(48);  // Header::reserved[0]
    f.put('\x07');
  }
  const auto unknown = cache::open(path, "key");
  ASSERT_TRUE(std::holds_alternative<cache::Miss>(unknown));
  EXPECT_NE(std::get<cache::Miss>(unknown).reason.find("scheme 7"), std::string::npos);
}

// A file checked whole is recorded beside it (NAME.checked) and trusted while it
// is the same file; a byte written into it changes its change time, and the
// next open checks it whole again and finds the damage. A file written less
// than a second before its check gets no record (timestamps are coarse).
TEST(CacheFile, AFileCheckedWholeIsTrustedUntilItChanges) {
  test::TempDir dir;
  const auto path = dir / "graph.bin", record = dir / "graph.bin.checked";
  const std::string payload(64 << 10, 'x');
  const auto open = [&] {
    auto o = cache::open(path, "key");
    if (auto* m = std::get_if<cache::Miss>(&o)) return std::string("miss: ") + m->reason;
    return std::string(std::get<cache::Opened>(o).checked_whole ? "checked" : "trusted");
  };
  ASSERT_TRUE(cache::write(path, "key", payload));
  EXPECT_EQ(open(), "checked");
  EXPECT_FALSE(std::filesystem::exists(record));  // written just now: no record yet
  EXPECT_EQ(open(), "checked");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(open(), "checked");
  EXPECT_TRUE(std::filesystem::exists(record));
  EXPECT_EQ(open(), "trusted");
  EXPECT_EQ(open(), "trusted");
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-10, std::ios::end);
    f.put('y');
  }
  const auto damaged = open();
  EXPECT_NE(damaged.find("miss: checksum"), std::string::npos) << damaged;
  // A record that is not one (cut short, or of another file) is no reason to trust.
  ASSERT_TRUE(cache::write(path, "key", payload));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  test::write_file(record, "LPCHECK\nnot a record");
  EXPECT_EQ(open(), "checked");
  EXPECT_EQ(open(), "trusted");  // the first open wrote a real one
  std::filesystem::copy_file(record, dir / "saved.checked");
  ASSERT_TRUE(cache::write(path, "key", payload));  // the same bytes, another file (inode, times)
  std::filesystem::copy_file(dir / "saved.checked", record, std::filesystem::copy_options::overwrite_existing);
  EXPECT_EQ(open(), "checked");
}

TEST_F(Cache, OtherFormatVersionCutShortOrNotACacheIsRebuilt) {
  build();
  cache::open_network(project.db(), "main");
  const auto file = network_file();
  poke(file, 8, '\x7f');  // the format version field
  EXPECT_NE(cache::open_network(project.db(), "main").miss.find("format version 127"), std::string::npos);
  std::filesystem::resize_file(file, size_of(file) - 3);
  EXPECT_NE(cache::open_network(project.db(), "main").miss.find("size differs"), std::string::npos);
  poke(file, 0, 'X');
  EXPECT_EQ(cache::open_network(project.db(), "main").miss, "not a logiplan cache file");
  std::filesystem::resize_file(file, 10);
  EXPECT_EQ(cache::open_network(project.db(), "main").miss, "shorter than its header");
  EXPECT_TRUE(cache::open_network(project.db(), "main").from_cache);
}

TEST_F(Cache, NewRestrictionOrRebuildMakesItStale) {
  build();
  cache::open_network(project.db(), "main");
  network::add_restriction(project.db(), "main", network::TurnRestriction{"no_u_turn", 0, 1, 0, "all", "", "planner"});
  const auto after = cache::open_network(project.db(), "main");
  EXPECT_FALSE(after.from_cache);
  EXPECT_EQ(after.net.restrictions.size(), 2u);
  const auto old_file = network_file();
  build();  // a new version of "main"
  const auto rebuilt = cache::open_network(project.db(), "main");
  EXPECT_EQ(rebuilt.miss, "absent");
  EXPECT_FALSE(std::filesystem::exists(old_file)) << "the old version's file is removed";
}

TEST_F(Cache, FileOfAnotherProjectIsNotTrusted) {
  build();
  cache::open_network(project.db(), "main");
  test::TempDir other_dir;
  auto other = project::Project::create(other_dir / "hp.sqlite");
  test::write_file(other_dir / "map.osm", test::ascii_osm("a---b\n", {{"ab", {}}}));
  network::BuildOptions o;
  o.sources.push_back(network::SourceSpec{(other_dir / "map.osm").string(), {network::Mode::road}, {}, {}, {}, false});
  network::build_network(other, o);
  const auto theirs = cache::cache_dir(other_dir / "hp.sqlite");
  std::filesystem::create_directories(theirs);
  std::filesystem::copy_file(network_file(), theirs / network_file().filename(), std::filesystem::copy_options::overwrite_existing);
  const auto opened = cache::open_network(other.db(), "main");
  EXPECT_FALSE(opened.from_cache);
  EXPECT_EQ(opened.net.edges.size(), 1u);
}

TEST_F(Cache, GraphCacheGivesTheSameArraysAndIsKeyedOnTheProfile) {
  build();
  const auto opened = cache::open_network(project.db(), "main");
  const auto truck = routing::Profile::load("truck");
  const auto built = routing::BaseGraph::build(opened.net, truck, {});
  const auto first = cache::open_base_graph(project.db(), opened.info, opened.net, truck, {});
  EXPECT_FALSE(first.from_cache);
  const auto second = cache::open_base_graph(project.db(), opened.info, opened.net, truck, {});
  ASSERT_TRUE(second.from_cache) << second.miss;
  EXPECT_EQ(cache::encode_base_graph(*second.graph), cache::encode_base_graph(*built));
  EXPECT_FALSE(cache::open_base_graph(project.db(), opened.info, opened.net, routing::Profile::load("car"), {}).from_cache);
  routing::LaneOptions strict;
  strict.mode = routing::LaneMode::strict;
  EXPECT_FALSE(cache::open_base_graph(project.db(), opened.info, opened.net, truck, strict).from_cache);
  EXPECT_EQ(routing::BaseGraph::build(opened.net, truck, strict)->arcs.size(), 0u);  // no lane is dedicated to trucks here
}

TEST_F(Cache, HierarchyIsKeyedOnItsGraphAndMetricAndAFlippedByteRebuildsIt) {
  build();
  const auto opened = cache::open_network(project.db(), "main");
  const auto truck = routing::Profile::load("truck");
  const auto base = cache::open_base_graph(project.db(), opened.info, opened.net, truck, {}).graph;
  // Not built when the caller would rather search plainly.
  EXPECT_EQ(cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::time, false).hierarchy, nullptr);
  const auto first = cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::time);
  EXPECT_FALSE(first.from_cache);
  const auto second = cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::time);
  ASSERT_TRUE(second.from_cache) << second.miss;
  EXPECT_EQ(cache::encode_hierarchy(*second.hierarchy), cache::encode_hierarchy(*first.hierarchy));
  EXPECT_FALSE(cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::distance).from_cache);
  std::filesystem::path file;
  for (const auto& e : std::filesystem::directory_iterator(cache::cache_dir(project.db().path()))) {
    if (e.path().filename().string().starts_with("hierarchy-v1-truck-time-")) file = e.path();
  }
  ASSERT_FALSE(file.empty());
  poke(file, static_cast<std::streamoff>(size_of(file) - 5), '\x5a');
  const auto damaged = cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::time);
  EXPECT_FALSE(damaged.from_cache);
  EXPECT_NE(damaged.miss.find("checksum"), std::string::npos) << damaged.miss;
  EXPECT_EQ(cache::encode_hierarchy(*damaged.hierarchy), cache::encode_hierarchy(*first.hierarchy));
  EXPECT_TRUE(cache::open_hierarchy(project.db(), opened.info, *base, truck, routing::Metric::time).from_cache);
  // A new restriction changes the graph's key, so the hierarchy's.
  network::add_restriction(project.db(), "main", network::TurnRestriction{"no_u_turn", 0, 1, 0, "all", "", "planner"});
  const auto reopened = cache::open_network(project.db(), "main");
  const auto base2 = cache::open_base_graph(project.db(), reopened.info, reopened.net, truck, {}).graph;
  EXPECT_FALSE(cache::open_hierarchy(project.db(), reopened.info, *base2, truck, routing::Metric::time).from_cache);
}

TEST_F(Cache, PlacesInsideEdgesAtARestrictedJunction) {
  // Both places cut an edge next to b, where trucks may not turn right from a-b onto b-d.
  // Car: half a-b, then half b-d. Truck: half a-b, b-c (one-way, 10 t allowed), c-e is hgv=no... so the
  // truck has no way round: unreachable. Both runs go through the cache (the second one reads it).
  build();
  for (int run = 0; run < 2; ++run) {
    routing::AnalysisContext car(project, "main", "car");
    car.add_places({between('a', 'b'), between('b', 'd')});
    car.build();
    const auto rc = routing::routes(car, 0, 1, routing::Metric::distance);
    ASSERT_EQ(rc.size(), 1u);
    EXPECT_NEAR(rc[0].length_m, kRow0 / 2 + kCol / 2, 0.01);
    routing::AnalysisContext truck(project, "main", "truck");
    truck.add_places({between('a', 'b'), between('b', 'd'), at('a')});
    truck.build();
    EXPECT_TRUE(routing::routes(truck, 0, 1, routing::Metric::distance).empty());
    // The other way, d-b then b-a is a left turn, allowed: half b-d + half a-b.
    const auto back = routing::routes(truck, 1, 0, routing::Metric::distance);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_NEAR(back[0].length_m, kCol / 2 + kRow0 / 2, 0.01);
    // Within one cut edge, forward and back (a U-turn on a-b is allowed only at the dead end a).
    const auto within = routing::routes(truck, 0, 2, routing::Metric::distance);
    ASSERT_EQ(within.size(), 1u);
    EXPECT_NEAR(within[0].length_m, kRow0 / 2, 0.01);
  }
  EXPECT_FALSE(network_file().empty());
}

TEST_F(Cache, OffMeansNoFiles) {
  build();
  setenv("LOGIPLAN_CACHE", "off", 1);
  const auto opened = cache::open_network(project.db(), "main");
  unsetenv("LOGIPLAN_CACHE");
  EXPECT_EQ(opened.miss, "caching is off");
  EXPECT_FALSE(std::filesystem::exists(cache::cache_dir(path)));
}

TEST(CachePayload, LargeNetworkRoundTripsEdgeByEdgeOnDemand) {
  // The edges of a cached network are decoded when first read: every field must land on its edge,
  // from any thread, once.
  network::Network net;
  for (int i = 0; i < 30'001; ++i) net.nodes.push_back({{106.0 + i * 1e-5, 20.8}, i % 3 ? std::optional<std::int64_t>(1000 + i) : std::nullopt});
  for (int i = 0; i < 30'000; ++i) {
    network::Edge e;
    e.from = i;
    e.to = i + 1;
    e.mode = static_cast<network::Mode>(i % 4);
    e.road_class = i % 2 ? "primary" : "residential";
    e.name = i % 5 ? "Đường số " + std::to_string(i) + " – một cái tên dài hơn mười lăm byte" : "";
    e.ref = i % 7 ? "" : "QL" + std::to_string(i % 100);
    e.length_m = 1.1 * i;
    e.forward.allowed = i % 3 != 0;
    e.backward.speed_kmh = i % 90;
    if (i % 4 == 0) e.forward.lanes = network::parse_lanes("general|motorcycle");
    e.access = i % 11 ? "" : "destination";
    e.maxweight_t = i % 13 ? std::nullopt : std::optional<double>(10);
    e.bridge = i % 17 == 0;
    e.layer = i % 3 - 1;
    e.source_id = "osm:way/" + std::to_string(100000000 + i);
    for (int k = 0; k <= i % 4; ++k) e.geometry.push_back({106.0 + i * 1e-5 + k * 1e-7, 20.8 + k * 1e-7});
    net.edges.push_back(std::move(e));
  }
  net.restrictions.push_back({"only_straight_on", 5, 6, 6, "hgv", "psv", "osm:relation/9"});
  const auto bytes = cache::encode_network(net);
  const auto payload = std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size());
  const auto back = cache::decode_network(payload);
  ASSERT_TRUE(back.edges.lazy());
  EXPECT_EQ(back.edges.size(), 30'000u);
  EXPECT_EQ(back.edges.decoded(), 0u);
  EXPECT_EQ(back.edges[29'999].source_id, "osm:way/100029999");
  EXPECT_EQ(back.edges.decoded(), 1u);
  expect_same(back, net);
  EXPECT_EQ(back.edges.decoded(), 30'000u);
  // Two threads reading every edge of a fresh network get each edge decoded once, at one address.
  const auto fresh = cache::decode_network(payload);
  std::vector<const network::Edge*> seen_a(30'000), seen_b(30'000);
  std::thread other([&] {
    for (std::size_t i = 0; i < seen_b.size(); ++i) seen_b[seen_b.size() - 1 - i] = &fresh.edges[seen_b.size() - 1 - i];
  });
  for (std::size_t i = 0; i < seen_a.size(); ++i) seen_a[i] = &fresh.edges[i];
  other.join();
  EXPECT_EQ(seen_a, seen_b);
  expect_same(fresh, net);
  // A copy shares the file; changing it decodes it whole into its own edges and leaves the original alone.
  network::Network copy = back;
  EXPECT_TRUE(copy.edges.lazy());
  copy.edges[5].name = "Đường mới";
  EXPECT_FALSE(copy.edges.lazy());
  EXPECT_EQ(copy.edges.size(), 30'000u);
  EXPECT_EQ(copy.edges[5].name, "Đường mới");
  EXPECT_EQ(back.edges[5].name, net.edges[5].name);
  copy.edges[5].name = net.edges[5].name;
  expect_same(copy, net);
  // Cut short anywhere, it is refused rather than read past its end.
  for (std::size_t cut : {bytes.size() - 1, bytes.size() / 2, std::size_t{7}}) {
    EXPECT_THROW(cache::decode_network(std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes.data()), cut)), cache::Truncated);
  }
}
