// logiplan's side of scripts/bench-peers.sh, in one process: the same OD pairs
// and matrix points the peers get (lon,lat of OSM nodes both networks share),
// their shortest distances (for the agreement check) and the time per one-to-one
// query and per 100 x 100 matrix, by the plain search and by the contraction
// hierarchy (with how many answers of the two agree). Prints JSON; asserts nothing.
//   peer_queries PROJECT.sqlite PROFILE CANDIDATES.txt CHOSEN.txt
// CANDIDATES.txt: "P M" on the first line, then one "lon lat" per line, in a
// random order. The first 2P + M candidates within 1 m of an edge the profile
// may use are taken (written to CHOSEN.txt, so the peers get the same points):
// P pairs (origin, destination), then M matrix points.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "routing/analyses.hpp"
#include "routing/route.hpp"

using namespace logiplan;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    fmt::print(stderr, "usage: peer_queries PROJECT.sqlite PROFILE CANDIDATES.txt CHOSEN.txt\n");
    return 2;
  }
  std::ifstream in(argv[3]);
  std::size_t pairs = 0, matrix = 0;
  in >> pairs >> matrix;
  std::vector<routing::Place> places;
  for (std::string lon, lat; in >> lon >> lat;) {
    places.push_back({lon + " " + lat, std::nullopt, "point", {std::stod(lon), std::stod(lat)}});  // the label: the line as given
  }
  auto project = project::Project::open(argv[1], false);
  const auto t_open = Clock::now();
  routing::AnalysisContext ctx(project, "main", argv[2], 1.0);
  auto ids = ctx.add_places(places, true);
  ctx.build();
  const double open_ms = ms_since(t_open);
  if (ids.size() < 2 * pairs + matrix) {
    fmt::print(stderr, "peer_queries: only {} of {} candidates within 1 m of a usable edge\n", ids.size(), places.size());
    return 1;
  }
  ids.resize(2 * pairs + matrix);
  {
    std::ofstream chosen(argv[4]);
    for (auto i : ids) chosen << ctx.place(i).place.label << "\n";
  }
  nlohmann::json out;
  out["open_and_place_ms"] = open_ms;
  out["candidates"] = places.size();
  std::vector<double> query_ms;
  nlohmann::json lengths = nlohmann::json::array();
  const auto& g = ctx.graph();
  for (std::size_t p = 0; p < pairs; ++p) {
    routing::SearchOptions o;
    o.metric = routing::Metric::distance;
    o.targets = {ctx.place(ids[2 * p + 1]).node};
    const auto t0 = Clock::now();
    const auto tree = routing::search(g, ctx.place(ids[2 * p]).node, o);
    const double len = tree.reached(g, o.targets[0]) ? tree.to_node(g, o.targets[0]) : -1;
    query_ms.push_back(ms_since(t0));
    lengths.push_back(len);
  }
  out["pair_length_m"] = lengths;
  out["query_plain_median_ms"] = median(query_ms);
  // The contraction hierarchy (built and cached by the first run, opened by the second).
  auto t_h = Clock::now();
  const auto h = ctx.hierarchy(routing::Metric::distance, 1000);
  out["hierarchy_open_ms"] = ms_since(t_h);
  query_ms.clear();
  int equal = 0;
  for (std::size_t p = 0; p < pairs; ++p) {
    const auto from = ctx.endpoint(ids[2 * p], routing::Metric::distance, true);
    const auto to = ctx.endpoint(ids[2 * p + 1], routing::Metric::distance, false);
    const auto t0 = Clock::now();
    const auto c = routing::hierarchy_query(*h, g.base(), from, to);
    query_ms.push_back(ms_since(t0));
    const double plain = lengths[p].get<double>();
    if ((c ? c->cost : -1.0) == plain || (c && plain >= 0 && std::abs(c->cost - plain) <= 1e-6 * std::max(1.0, plain))) ++equal;
  }
  out["query_median_ms"] = median(query_ms);
  out["hierarchy_pairs_equal"] = equal;
  std::vector<std::size_t> points;
  for (std::size_t i = 0; i < matrix; ++i) points.push_back(ids[2 * pairs + i]);
  setenv("LOGIPLAN_HIERARCHY", "off", 1);
  auto t0 = Clock::now();
  const auto plain_cells = routing::od_matrix(ctx, points, points, routing::Metric::distance);
  out["matrix_plain_ms"] = ms_since(t0);
  unsetenv("LOGIPLAN_HIERARCHY");
  t0 = Clock::now();
  const auto cells = routing::od_matrix(ctx, points, points, routing::Metric::distance);
  out["matrix_ms"] = ms_since(t0);
  int cells_equal = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& a = cells[i].length_m;
    const auto& b = plain_cells[i].length_m;
    if (a.has_value() == b.has_value() && (!a || std::abs(*a - *b) <= 1e-6 * std::max(1.0, *b))) ++cells_equal;
  }
  out["matrix_cells_equal_plain"] = cells_equal;
  out["matrix_cells"] = cells.size();
  double sum = 0;
  std::size_t reached = 0;
  for (const auto& c : cells) {
    if (c.length_m) sum += *c.length_m, ++reached;
  }
  out["matrix_reached"] = reached;
  out["matrix_sum_m"] = sum;
  out["states"] = g.state_count();
  fmt::print("{}\n", out.dump());
}
