// Routing figures on a built network (printed, not asserted): one-to-one query
// time (median over 1,000 random node pairs), a 100 x 100 matrix, a 30-minute
// service area, and critical links among 20 places; the contraction hierarchy
// (build time, one-to-one, 100 x 100 against the plain matrix, 1000 x 1000). Run by scripts/bench-routing.sh.
//   routing_bench PROJECT.sqlite [PROFILE]
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>

#include "routing/analyses.hpp"
#include "routing/route.hpp"

using namespace logiplan;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures as they come, also into a file
  if (argc < 2) {
    fmt::print(stderr, "usage: routing_bench PROJECT.sqlite [PROFILE]\n");
    return 2;
  }
  const std::string profile = argc > 2 ? argv[2] : "car";
  auto project = project::Project::open(argv[1]);
  auto t0 = Clock::now();
  routing::AnalysisContext ctx(project, "main", profile, 1.0);
  // Random places on nodes the profile can leave and reach.
  std::mt19937 rng(20261123);
  const auto& net = ctx.network();
  std::vector<std::size_t> candidates;
  {
    std::vector<int> out(net.nodes.size()), in(net.nodes.size());
    for (const auto& e : net.edges) {
      if (ctx.profile().may_travel(e, true)) ++out[static_cast<std::size_t>(e.from)], ++in[static_cast<std::size_t>(e.to)];
      if (ctx.profile().may_travel(e, false)) ++out[static_cast<std::size_t>(e.to)], ++in[static_cast<std::size_t>(e.from)];
    }
    for (std::size_t n = 0; n < net.nodes.size(); ++n) {
      if (out[n] && in[n]) candidates.push_back(n);
    }
  }
  std::shuffle(candidates.begin(), candidates.end(), rng);
  candidates.resize(std::min<std::size_t>(2000, candidates.size()));
  std::vector<routing::Place> places;
  for (auto n : candidates) places.push_back({fmt::format("node {}", n), std::nullopt, "point", net.nodes[n].position});
  const auto ids = ctx.add_places(places);
  ctx.build();
  const double setup_ms = ms_since(t0);
  fmt::print("network: {} nodes, {} edges; profile {}; routing graph {} arcs, {} states; set-up {:.0f} ms\n",
             net.nodes.size(), net.edges.size(), profile, ctx.graph().arcs().size(),
             ctx.graph().state_count(), setup_ms);

  std::vector<double> times;
  int reached = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto a = ids[static_cast<std::size_t>(2 * i) % ids.size()], b = ids[static_cast<std::size_t>(2 * i + 1) % ids.size()];
    t0 = Clock::now();
    reached += !routing::routes(ctx, a, b, routing::Metric::time).empty();
    times.push_back(ms_since(t0));
  }
  std::sort(times.begin(), times.end());
  fmt::print("one-to-one, 1000 random pairs: median {:.2f} ms, 90th percentile {:.2f} ms ({} reachable)\n", times[500],
             times[900], reached);

  std::vector<std::size_t> o(ids.begin(), ids.begin() + 100), d(ids.begin() + 100, ids.begin() + 200);
  setenv("LOGIPLAN_HIERARCHY", "off", 1);
  t0 = Clock::now();
  const auto plain = routing::od_matrix(ctx, o, d, routing::Metric::time);
  fmt::print("matrix 100 x 100, plain Dijkstra: {:.0f} ms ({} cells)\n", ms_since(t0), plain.size());
  unsetenv("LOGIPLAN_HIERARCHY");

  // The contraction hierarchy: built from scratch here (a command builds it once and caches it).
  t0 = Clock::now();
  const auto built = routing::Hierarchy::build(ctx.graph().base(), routing::Metric::time);
  fmt::print("hierarchy build: {:.0f} ms ({} up and {} down moves over {} states)\n", ms_since(t0), built->up.size(),
             built->down.size(), built->state_count());
  t0 = Clock::now();
  const auto h = ctx.hierarchy(routing::Metric::time, 1000);  // from the cache, or built and written
  fmt::print("hierarchy open (cache or build + write): {:.0f} ms\n", ms_since(t0));
  std::vector<double> ch_times;
  for (int i = 0; i < 1000; ++i) {
    const auto a = ids[static_cast<std::size_t>(2 * i) % ids.size()], b = ids[static_cast<std::size_t>(2 * i + 1) % ids.size()];
    const auto from = ctx.endpoint(a, routing::Metric::time, true), to = ctx.endpoint(b, routing::Metric::time, false);
    t0 = Clock::now();
    const auto c = routing::hierarchy_query(*h, ctx.graph().base(), from, to);
    ch_times.push_back(ms_since(t0));
    (void)c;
  }
  std::sort(ch_times.begin(), ch_times.end());
  fmt::print("one-to-one cost on the hierarchy, 1000 pairs: median {:.3f} ms, 90th percentile {:.3f} ms\n", ch_times[500],
             ch_times[900]);
  t0 = Clock::now();
  const auto cells = routing::od_matrix(ctx, o, d, routing::Metric::time);
  fmt::print("matrix 100 x 100 on the hierarchy: {:.1f} ms ({} cells)\n", ms_since(t0), cells.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].time_s.has_value() != plain[i].time_s.has_value() ||
        (cells[i].time_s && std::abs(*cells[i].time_s - *plain[i].time_s) > 1e-6 * std::max(1.0, *plain[i].time_s))) {
      ++differ;
    }
  }
  fmt::print("  cells that differ from the plain matrix: {}\n", differ);
  if (ids.size() >= 2000) {
    std::vector<std::size_t> o1(ids.begin(), ids.begin() + 1000), d1(ids.begin() + 1000, ids.begin() + 2000);
    t0 = Clock::now();
    const auto big = routing::od_matrix(ctx, o1, d1, routing::Metric::time);
    fmt::print("matrix 1000 x 1000 on the hierarchy: {:.0f} ms ({} cells)\n", ms_since(t0), big.size());
  }

  t0 = Clock::now();
  const auto areas = routing::service_areas(ctx, {ids[0]}, {30 * 60});
  fmt::print("service area, 30 min from one place: {:.0f} ms ({:.1f} km reached, polygon included)\n", ms_since(t0),
             areas[0].reached_km);

  // Each closure re-runs the affected origins: the cost grows with links x origins, so
  // the figure is for the 100 links most of the 380 paths use (--max-links 100).
  std::vector<std::size_t> twenty(ids.begin(), ids.begin() + 20);
  t0 = Clock::now();
  const auto links = routing::critical_links(ctx, twenty, twenty, routing::Metric::time, 100);
  const double critical_ms = ms_since(t0);
  double extra = 0;
  int cut = 0;
  for (const auto& l : links) extra += l.extra, cut += l.pairs_cut;
  fmt::print("critical links among 20 places (380 pairs), 100 most-used links: {:.0f} ms ({:.0f} ms per link); "
             "pairs cut {}, detours summed {:.3f} s\n",
             critical_ms, critical_ms / static_cast<double>(std::max<std::size_t>(1, links.size())), cut, extra);
  return 0;
}
