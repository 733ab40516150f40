#include "flows/network_links.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"
#include "geom/measure.hpp"

namespace logiplan::flows {

namespace {

double metres(network::LonLat a, network::LonLat b) { return geom::geodesic_distance_m(a.lon, a.lat, b.lon, b.lat); }

constexpr double kConnectorKmh = 20;  // access from a zone's point to the road: slow, and never congested

}  // namespace

std::vector<char> LinkedNetwork::allowed(const network::Network& net, const routing::Profile& p) const {
  std::vector<char> out(links.size(), 1);
  // The restrictions that bind this class, by (from edge, via node): banned
  // targets, and the only targets allowed.
  std::map<std::pair<std::int64_t, std::int64_t>, std::set<std::int64_t>> banned, only;
  for (const auto& r : net.restrictions) {
    if (!p.bound_by(r)) continue;
    if (r.is_only()) {
      // As the router reads it: an only-turn onto an edge the class cannot take
      // away from the via node (mapped against a one-way) bans nothing.
      const auto& to = net.edges[static_cast<std::size_t>(r.to_edge)];
      const bool can_leave = (to.from == r.via_node && p.may_travel(to, true)) || (to.to == r.via_node && p.may_travel(to, false));
      if (can_leave) only[{r.from_edge, r.via_node}].insert(r.to_edge);
    } else {
      banned[{r.from_edge, r.via_node}].insert(r.to_edge);
    }
  }
  // Dead ends for this class (one edge it may use at the node): the only places it may turn back.
  std::vector<int> edges_at;
  if (split_nodes > 0) {
    edges_at.assign(net.nodes.size(), 0);
    for (const auto& e : net.edges) {
      if (e.from == e.to || !(p.may_travel(e, true) || p.may_travel(e, false))) continue;
      ++edges_at[static_cast<std::size_t>(e.from)], ++edges_at[static_cast<std::size_t>(e.to)];
    }
  }
  for (std::size_t a = 0; a < links.size(); ++a) {
    if (kind[a] == LinkKind::road) {
      out[a] = p.may_travel(net.edges[static_cast<std::size_t>(edge[a])], forward[a]);
    } else if (kind[a] == LinkKind::turn) {
      const auto in = edge[turn_from[a]], to = edge[turn_to[a]];
      const auto& e = net.edges[static_cast<std::size_t>(in)];
      const std::int64_t via = forward[turn_from[a]] ? e.to : e.from;
      const auto b = banned.find({in, via});
      const auto o = only.find({in, via});
      const bool u_turn = in == to && edges_at[static_cast<std::size_t>(via)] > 1;
      out[a] = !u_turn && !(b != banned.end() && b->second.count(to)) && !(o != only.end() && !o->second.count(to));
    }
  }
  return out;
}

LinkedNetwork link_network(const network::Network& net, const std::vector<Zone>& zones,
                           const std::vector<routing::Profile>& classes, const FlowSettings& settings, double max_snap_m) {
  LinkedNetwork ln;
  // Road edges some class may use; their end nodes are the ones zones may join.
  std::vector<char> usable_node(net.nodes.size(), 0);
  struct Dir {
    std::size_t e;
    bool fwd;
  };
  std::vector<Dir> dirs;
  for (std::size_t e = 0; e < net.edges.size(); ++e) {
    const auto& edge = net.edges[e];
    if (edge.mode != network::Mode::road) continue;
    for (const bool fwd : {true, false}) {
      const auto& d = fwd ? edge.forward : edge.backward;
      if (!d.allowed || !(d.speed_kmh > 0)) continue;
      bool any = false;
      for (const auto& p : classes) any = any || p.may_travel(edge, fwd);
      if (!any) continue;
      dirs.push_back({e, fwd});
      usable_node[static_cast<std::size_t>(edge.from)] = usable_node[static_cast<std::size_t>(edge.to)] = 1;
    }
  }
  // Zones: each joins its nearest usable node.
  std::vector<std::size_t> joins;
  std::vector<double> join_m;
  ln.zone_of.assign(zones.size(), -1);
  for (std::size_t z = 0; z < zones.size(); ++z) {
    double best = INFINITY;
    std::size_t node = SIZE_MAX;
    for (std::size_t n = 0; n < net.nodes.size(); ++n) {
      if (!usable_node[n]) continue;
      const double d = metres(zones[z].at, net.nodes[n].position);
      if (d < best) best = d, node = n;
    }
    if (node == SIZE_MAX || best > max_snap_m) {
      ln.left_out.emplace_back(zones[z].id, node == SIZE_MAX ? std::string("the network has no road these vehicles may use")
                                                             : fmt::format("the nearest road node is {:.0f} m away (maximum "
                                                                           "{:.0f} m; change it with --max-snap)",
                                                                           best, max_snap_m));
      continue;
    }
    ln.zone_of[z] = static_cast<int>(ln.zones.size());
    ln.zones.push_back(zones[z]);
    joins.push_back(node);
    join_m.push_back(best);
  }
  if (ln.zones.empty()) throw DataError("no zone of the demand is near a road these vehicles may use");
  // When a restriction binds some class, every node is split, as the router's
  // edge-based graph does: splitting only the restricted ones would let a path
  // U-turn at a neighbour and come back through another entry, a move the router
  // forbids (it allows U-turns at dead ends only).
  bool binds = false;
  for (const auto& r : net.restrictions) for (const auto& p : classes) binds = binds || p.bound_by(r);
  std::vector<char> split(net.nodes.size(), binds ? 1 : 0);
  const int zc = static_cast<int>(ln.zones.size());
  auto& l = ln.links;
  l.zones = zc;
  l.first_thru_node = zc;  // centroids are never passed through
  int next_node = zc + static_cast<int>(net.nodes.size());
  // A split node's entry for each arriving direction and exit for each leaving one.
  std::vector<int> head(dirs.size()), tail(dirs.size());
  std::vector<std::vector<std::size_t>> arriving(net.nodes.size()), leaving(net.nodes.size());
  for (std::size_t k = 0; k < dirs.size(); ++k) {
    const auto& edge = net.edges[dirs[k].e];
    const auto from = static_cast<std::size_t>(dirs[k].fwd ? edge.from : edge.to);
    const auto to = static_cast<std::size_t>(dirs[k].fwd ? edge.to : edge.from);
    tail[k] = split[from] ? next_node++ : zc + static_cast<int>(from);
    head[k] = split[to] ? next_node++ : zc + static_cast<int>(to);
    if (split[to]) arriving[to].push_back(k);
    if (split[from]) leaving[from].push_back(k);
  }
  for (std::size_t n = 0; n < split.size(); ++n) ln.split_nodes += split[n];
  l.nodes = next_node;
  auto add = [&](int from, int to, double t0, double cap, double b, double len, std::int64_t edge, bool fwd, double lanes,
                 LinkKind kind) {
    l.add(from, to, t0, cap, b, settings.bpr_beta, len, edge);
    ln.edge.push_back(edge), ln.forward.push_back(fwd), ln.lanes.push_back(lanes), ln.kind.push_back(kind);
    ln.turn_from.push_back(LinkedNetwork::kNoTurn), ln.turn_to.push_back(LinkedNetwork::kNoTurn);
  };
  for (int z = 0; z < zc; ++z) {
    const auto node = joins[static_cast<std::size_t>(z)];
    const double m = join_m[static_cast<std::size_t>(z)], t0 = m / (kConnectorKmh / 3.6);
    if (!split[node]) {
      add(z, zc + static_cast<int>(node), t0, 1e12, 0, m, -1, true, 0, LinkKind::connector);
      add(zc + static_cast<int>(node), z, t0, 1e12, 0, m, -1, false, 0, LinkKind::connector);
      continue;
    }
    // At a split node a zone leaves by every exit and arrives from every entry;
    // zones are never passed through, so no restricted turn is made through it.
    for (const auto k : leaving[node]) add(z, tail[k], t0, 1e12, 0, m, -1, true, 0, LinkKind::connector);
    for (const auto k : arriving[node]) add(head[k], z, t0, 1e12, 0, m, -1, false, 0, LinkKind::connector);
  }
  std::vector<std::size_t> road_link(dirs.size());
  for (std::size_t k = 0; k < dirs.size(); ++k) {
    const auto& [e, fwd] = dirs[k];
    const auto& edge = net.edges[e];
    const auto& d = fwd ? edge.forward : edge.backward;
    const double lanes = d.lanes.count() > 0 ? static_cast<double>(d.lanes.count()) : settings.lanes_of(edge.road_class);
    const double cap = lanes * settings.capacity_of(edge.road_class);
    road_link[k] = l.size();
    add(tail[k], head[k], edge.length_m / (d.speed_kmh / 3.6), cap, settings.bpr_alpha, edge.length_m,
        static_cast<std::int64_t>(e), fwd, lanes, LinkKind::road);
  }
  for (std::size_t n = 0; n < split.size(); ++n) {
    for (const auto a : arriving[n]) {
      for (const auto b : leaving[n]) {
        add(head[a], tail[b], 0, 1e12, 0, 0, -1, true, 0, LinkKind::turn);
        ln.turn_from.back() = road_link[a], ln.turn_to.back() = road_link[b];
      }
    }
  }
  return ln;
}

}  // namespace logiplan::flows
