#include "flows/network_links.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"

namespace logiplan::flows {

namespace {

double metres(network::LonLat a, network::LonLat b) {
  constexpr double r = 6371008.8, rad = M_PI / 180;
  const double dp = (b.lat - a.lat) * rad, dl = (b.lon - a.lon) * rad;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * r * std::asin(std::sqrt(std::min(1.0, h)));
}

constexpr double kConnectorKmh = 20;  // access from a zone's point to the road: slow, and never congested

}  // namespace

std::vector<char> LinkedNetwork::allowed(const network::Network& net, const routing::Profile& p) const {
  std::vector<char> out(links.size(), 1);
  for (std::size_t a = 0; a < links.size(); ++a) {
    if (edge[a] >= 0) out[a] = p.may_travel(net.edges[static_cast<std::size_t>(edge[a])], forward[a]);
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
  const int zc = static_cast<int>(ln.zones.size());
  auto& l = ln.links;
  l.zones = zc;
  l.first_thru_node = zc;  // centroids are never passed through
  l.nodes = zc + static_cast<int>(net.nodes.size());
  auto add = [&](int from, int to, double t0, double cap, double b, double len, std::int64_t edge, bool fwd, double lanes) {
    l.add(from, to, t0, cap, b, settings.bpr_beta, len, edge);
    ln.edge.push_back(edge), ln.forward.push_back(fwd), ln.lanes.push_back(lanes);
  };
  for (int z = 0; z < zc; ++z) {
    const int node = zc + static_cast<int>(joins[static_cast<std::size_t>(z)]);
    const double t0 = join_m[static_cast<std::size_t>(z)] / (kConnectorKmh / 3.6);
    add(z, node, t0, 1e12, 0, join_m[static_cast<std::size_t>(z)], -1, true, 0);
    add(node, z, t0, 1e12, 0, join_m[static_cast<std::size_t>(z)], -1, false, 0);
  }
  for (const auto& [e, fwd] : dirs) {
    const auto& edge = net.edges[e];
    const auto& d = fwd ? edge.forward : edge.backward;
    const double lanes = d.lanes.count() > 0 ? static_cast<double>(d.lanes.count()) : settings.lanes_of(edge.road_class);
    const double cap = lanes * settings.capacity_of(edge.road_class);
    const int from = zc + static_cast<int>(fwd ? edge.from : edge.to), to = zc + static_cast<int>(fwd ? edge.to : edge.from);
    add(from, to, edge.length_m / (d.speed_kmh / 3.6), cap, settings.bpr_alpha, edge.length_m, static_cast<std::int64_t>(e), fwd,
        lanes);
  }
  return ln;
}

}  // namespace logiplan::flows
