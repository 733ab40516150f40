#pragma once
// The assignment network of a project: zone centroids (the demand's places)
// first, then the network's road nodes; a link per road edge and direction
// that some vehicle class may use, with its free-flow time, its capacity from
// the lanes (or the class's default lanes) × capacity per lane, and BPR
// parameters; zones join their nearest road node by uncongested connectors.
// Turn restrictions hold as in routing: when one binds a class, each node is
// split into an entry per link arriving and an exit per link leaving, joined by
// a free turn link per move; a class may not take the turns its restrictions ban,
// nor turn back except at a dead end (the router's rules, checked against it on
// a real extract).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flows/flow_settings.hpp"
#include "flows/road_links.hpp"
#include "network/model.hpp"
#include "routing/profile.hpp"

namespace logiplan::flows {

struct Zone {
  std::string id, name;
  network::LonLat at;
};

enum class LinkKind : char { road, connector, turn };

struct LinkedNetwork {
  RoadLinks links;
  std::vector<LinkKind> kind;      // per link
  std::vector<std::int64_t> edge;  // per link: network edge index; -1 for a connector or a turn
  std::vector<std::size_t> turn_from, turn_to;  // per link: for a turn, the road links it joins (else kNoTurn)
  std::size_t split_nodes = 0;     // road nodes split into entries and exits (all, when restrictions bind)
  std::vector<char> forward;       // per link: along the edge's drawing direction
  std::vector<double> lanes;       // per link; 0 for a connector
  std::vector<Zone> zones;         // zone z is node z
  std::vector<std::pair<std::string, std::string>> left_out;  // zones no road reaches, and why
  std::vector<int> zone_of;        // per input zone: its index in `zones`, or -1
  static constexpr std::size_t kNoTurn = SIZE_MAX;
  // Per vehicle class: the links it may use (connectors always; turns unless a
  // restriction that binds the class bans them).
  std::vector<char> allowed(const network::Network& net, const routing::Profile& p) const;
};

// Zones farther than `max_snap_m` from a road node any class may use are left out.
LinkedNetwork link_network(const network::Network& net, const std::vector<Zone>& zones,
                           const std::vector<routing::Profile>& classes, const FlowSettings& settings, double max_snap_m);

}  // namespace logiplan::flows
