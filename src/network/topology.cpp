#include "network/topology.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "geom/measure.hpp"

namespace logiplan::network {

namespace {

double geodesic_length(const std::vector<LonLat>& coords) {
  OGRLineString line;
  for (const auto& c : coords) line.addPoint(c.lon, c.lat);
  return geom::geodesic_length_m(line);
}

// Key of an edge for duplicate detection: same mode, same end nodes (either
// way round) and the same vertices.
using DuplicateKey = std::tuple<int, std::int64_t, std::int64_t, std::vector<std::pair<double, double>>>;
DuplicateKey duplicate_key(const Edge& e) {
  std::vector<std::pair<double, double>> pts;
  for (const auto& c : e.geometry) pts.emplace_back(c.lon, c.lat);
  std::int64_t a = e.from, b = e.to;
  if (a > b || (a == b && pts.front() > pts.back())) {
    std::swap(a, b);
    std::reverse(pts.begin(), pts.end());
  }
  return {static_cast<int>(e.mode), a, b, std::move(pts)};
}

}  // namespace

Network build_topology(std::vector<RawNetwork> sources) {
  Network net;
  // Junctions: vertex ids used more than once (by several lines, or twice by one) and line ends.
  std::unordered_map<std::int64_t, int> uses;
  for (const auto& src : sources) {
    for (const auto& line : src.lines) {
      for (auto id : line.node_ids) ++uses[id];
    }
  }
  std::unordered_map<std::int64_t, std::int64_t> node_index;
  auto node_of = [&](std::int64_t id, const LonLat& pos) {
    auto [it, inserted] = node_index.emplace(id, static_cast<std::int64_t>(net.nodes.size()));
    if (inserted) net.nodes.push_back(Node{pos, id > 0 ? std::optional<std::int64_t>(id) : std::nullopt});
    return it->second;
  };

  std::set<DuplicateKey> seen;
  for (auto& src : sources) {
    std::map<std::int64_t, std::vector<std::int64_t>> edges_of_line;  // this source's line id -> edges
    const auto& s = src.stats;
    net.stats.source_lines += s.source_lines;
    net.stats.incomplete_lines += s.incomplete_lines;
    net.stats.incomplete_lines_skipped += s.incomplete_lines_skipped;
    for (const auto id : s.incomplete_line_ids) {
      if (net.stats.incomplete_line_ids.size() < BuildStats::kMaxListedIds) net.stats.incomplete_line_ids.push_back(id);
    }
    net.stats.snapped_endpoints += s.snapped_endpoints;
    net.stats.restrictions_read += s.restrictions_read;
    net.stats.restrictions_unsupported += s.restrictions_unsupported;
    for (auto& line : src.lines) {
      std::size_t start = 0;
      for (std::size_t i = 1; i < line.node_ids.size(); ++i) {
        const bool junction = i + 1 == line.node_ids.size() || uses[line.node_ids[i]] > 1;
        if (!junction) continue;
        Edge e = line.attributes;
        e.geometry.assign(line.coords.begin() + static_cast<std::ptrdiff_t>(start),
                          line.coords.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        e.length_m = geodesic_length(e.geometry);
        const auto from_id = line.node_ids[start];
        const auto to_id = line.node_ids[i];
        start = i;
        if (e.length_m <= 0) {
          ++net.stats.zero_length_removed;
          continue;
        }
        e.from = node_of(from_id, e.geometry.front());
        e.to = node_of(to_id, e.geometry.back());
        if (!seen.insert(duplicate_key(e)).second) {
          ++net.stats.duplicates_removed;
          continue;
        }
        edges_of_line[line.line_id].push_back(static_cast<std::int64_t>(net.edges.size()));
        net.edges.push_back(std::move(e));
      }
    }
    // Restrictions: the edges of the from/to lines that touch the via node.
    for (const auto& r : src.restrictions) {
      const auto via = node_index.find(r.via_node);
      const auto from_edges = edges_of_line.find(r.from_line);
      const auto to_edges = edges_of_line.find(r.to_line);
      if (via == node_index.end() || from_edges == edges_of_line.end() || to_edges == edges_of_line.end()) {
        ++net.stats.restrictions_unsupported;
        continue;
      }
      auto touches = [&](std::int64_t e) { return net.edges[e].from == via->second || net.edges[e].to == via->second; };
      bool mapped = false;
      for (auto fe : from_edges->second) {
        if (!touches(fe)) continue;
        for (auto te : to_edges->second) {
          if (!touches(te)) continue;
          if (fe == te && r.from_line != r.to_line) continue;
          net.restrictions.push_back(TurnRestriction{r.kind, fe, via->second, te, r.vehicles, r.except, r.source_id});
          mapped = true;
        }
      }
      if (!mapped) ++net.stats.restrictions_unsupported;
    }
  }
  return net;
}

}  // namespace logiplan::network
