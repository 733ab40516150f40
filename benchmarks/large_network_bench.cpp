// The figures issue 15 asks of a national network (at least 5 M edges), printed,
// not asserted: opening it and routing once from a cold start, building (or
// opening) the contraction hierarchy, a 1000 x 1000 matrix on it, and the peak
// memory. Run on a tiled network (scripts/tile_extract.py), never a country:
//   large_network_bench PROJECT.sqlite [PROFILE]
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "routing/analyses.hpp"
#include "routing/route.hpp"

using namespace logiplan;
using Clock = std::chrono::steady_clock;

namespace {
double s_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
double peak_gb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / (1024.0 * 1024.0);
}
}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 2) {
    fmt::print(stderr, "usage: large_network_bench PROJECT.sqlite [PROFILE]\n");
    return 2;
  }
  const std::string profile = argc > 2 ? argv[2] : "car";
  auto project = project::Project::open(argv[1]);
  auto t0 = Clock::now();
  routing::AnalysisContext one(project, "main", profile, 50.0);
  const auto& net = one.network();
  std::mt19937 rng(15);
  std::vector<routing::Place> places;
  while (places.size() < 2002) {
    const auto& e = net.edges[std::uniform_int_distribution<std::size_t>(0, net.edges.size() - 1)(rng)];
    if (!one.profile().may_travel(e, true) || !one.profile().may_travel(e, false)) continue;
    places.push_back({fmt::format("p{}", places.size()), std::nullopt, "point", e.geometry[e.geometry.size() / 2]});
  }
  one.add_places({places[0], places[1]});
  one.build();
  const auto r = routing::routes(one, 0, 1, routing::Metric::time);
  fmt::print("open + place + one route: {:.2f} s ({} nodes, {} edges; route {} min); peak {:.2f} GB\n", s_since(t0),
             net.nodes.size(), net.edges.size(), r.empty() ? -1.0 : r[0].time_s / 60, peak_gb());

  t0 = Clock::now();
  routing::AnalysisContext ctx(project, "main", profile, 50.0);
  std::vector<routing::Place> many(places.begin() + 2, places.end());
  const auto ids = ctx.add_places(many);
  ctx.build();
  fmt::print("2000 places snapped, graph ready: {:.2f} s ({} states); peak {:.2f} GB\n", s_since(t0),
             ctx.graph().state_count(), peak_gb());
  t0 = Clock::now();
  const auto h = ctx.hierarchy(routing::Metric::time, 1000);
  fmt::print("hierarchy (cache or build + write): {:.1f} s ({} up moves); peak {:.2f} GB\n", s_since(t0), h->up.size(),
             peak_gb());
  std::vector<std::size_t> o(ids.begin(), ids.begin() + 1000), d(ids.begin() + 1000, ids.begin() + 2000);
  t0 = Clock::now();
  const auto cells = routing::od_matrix(ctx, o, d, routing::Metric::time);
  const auto reached = std::count_if(cells.begin(), cells.end(), [](const auto& c) { return c.time_s.has_value(); });
  fmt::print("matrix 1000 x 1000 on the hierarchy: {:.2f} s ({} of {} cells reached); peak {:.2f} GB\n", s_since(t0),
             reached, cells.size(), peak_gb());
  // A check of a few cells against the plain search.
  setenv("LOGIPLAN_HIERARCHY", "off", 1);
  t0 = Clock::now();
  const auto plain = routing::od_matrix(ctx, {o[0], o[1]}, d, routing::Metric::time);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const auto& a = plain[i].time_s;
    const auto& b = cells[i].time_s;
    if (a.has_value() != b.has_value() || (a && std::abs(*a - *b) > 1e-6 * std::max(1.0, *a))) ++differ;
  }
  fmt::print("plain search, 2 origins x 1000: {:.1f} s; cells that differ from the hierarchy's: {}\n", s_since(t0), differ);
  return 0;
}
