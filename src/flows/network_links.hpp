#pragma once
// The assignment network of a project: zone centroids (the demand's places)
// first, then the network's road nodes; a link per road edge and direction
// that some vehicle class may use, with its free-flow time, its capacity from
// the lanes (or the class's default lanes) × capacity per lane, and BPR
// parameters; zones join their nearest road node by uncongested connectors.
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

struct LinkedNetwork {
  RoadLinks links;
  std::vector<std::int64_t> edge;  // per link: network edge index; -1 for a connector
  std::vector<char> forward;       // per link: along the edge's drawing direction
  std::vector<double> lanes;       // per link; 0 for a connector
  std::vector<Zone> zones;         // zone z is node z
  std::vector<std::pair<std::string, std::string>> left_out;  // zones no road reaches, and why
  std::vector<int> zone_of;        // per input zone: its index in `zones`, or -1
  // Per vehicle class: the links it may use (connectors always).
  std::vector<char> allowed(const network::Network& net, const routing::Profile& p) const;
};

// Zones farther than `max_snap_m` from a road node any class may use are left out.
LinkedNetwork link_network(const network::Network& net, const std::vector<Zone>& zones,
                           const std::vector<routing::Profile>& classes, const FlowSettings& settings, double max_snap_m);

}  // namespace logiplan::flows
