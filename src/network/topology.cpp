#include "network/topology.hpp"

#include <algorithm>
#include <map>
#include <cstring>
#include <unordered_map>

#include "geom/measure.hpp"

namespace logiplan::network {

namespace {

// The same sum as geom::geodesic_length_m of the line, without building one.
double geodesic_length(const std::vector<LonLat>& coords) {
  double total = 0;
  for (std::size_t i = 1; i < coords.size(); ++i) {
    total += geom::geodesic_distance_m(coords[i - 1].lon, coords[i - 1].lat, coords[i].lon, coords[i].lat);
  }
  return total;
}

// Duplicate edges: the same mode, the same end nodes (either way round) and the
// same vertices. Found through a hash of that canonical form and confirmed
// vertex by vertex against the edge kept, rather than through an ordered set of
// keys holding every geometry a second time (a national build's largest
// structure: gigabytes, and a tree walk comparing vertex lists per edge).
bool flipped(const Edge& e) {
  const auto key = [](const LonLat& p) { return std::pair{p.lon, p.lat}; };
  return e.from > e.to || (e.from == e.to && key(e.geometry.front()) > key(e.geometry.back()));
}

std::uint64_t duplicate_hash(const Edge& e) {
  const auto bits = [](double v) {
    std::uint64_t u = 0;
    if (v != 0) std::memcpy(&u, &v, sizeof u);  // 0.0 and -0.0 compare equal: one hash
    return u;
  };
  const bool flip = flipped(e);
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(e.mode);
  const auto add = [&h](std::uint64_t w) { h = (h ^ w) * 0x100000001B3ull + (h >> 29); };
  add(static_cast<std::uint64_t>(flip ? e.to : e.from));
  add(static_cast<std::uint64_t>(flip ? e.from : e.to));
  const auto n = e.geometry.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = e.geometry[flip ? n - 1 - i : i];
    add(bits(p.lon));
    add(bits(p.lat));
  }
  return h;
}

bool duplicates(const Edge& a, const Edge& b) {
  if (a.mode != b.mode || a.geometry.size() != b.geometry.size()) return false;
  const bool fa = flipped(a), fb = flipped(b);
  if ((fa ? a.to : a.from) != (fb ? b.to : b.from) || (fa ? a.from : a.to) != (fb ? b.from : b.to)) return false;
  const auto n = a.geometry.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!(a.geometry[fa ? n - 1 - i : i] == b.geometry[fb ? n - 1 - i : i])) return false;
  }
  return true;
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

  std::unordered_multimap<std::uint64_t, std::int64_t> kept_by_hash;  // duplicate_hash -> edge kept
  const auto is_duplicate = [&](const Edge& e) {
    const auto h = duplicate_hash(e);
    const auto [first, last] = kept_by_hash.equal_range(h);
    for (auto it = first; it != last; ++it) {
      if (duplicates(net.edges[static_cast<std::size_t>(it->second)], e)) return true;
    }
    kept_by_hash.emplace(h, static_cast<std::int64_t>(net.edges.size()));
    return false;
  };
  std::size_t pieces = 0;  // an upper bound of the edges, so they are never moved
  for (const auto& src : sources) {
    for (const auto& line : src.lines) {
      for (std::size_t i = 1; i < line.node_ids.size(); ++i) pieces += i + 1 == line.node_ids.size() || uses[line.node_ids[i]] > 1;
    }
  }
  net.edges.reserve(pieces);
  kept_by_hash.reserve(pieces);
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
        if (is_duplicate(e)) {
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
