#pragma once
// The TNTP formats (Bar-Gera's transportation network test problems): the
// network file (metadata, then init_node term_node capacity length
// free_flow_time b power speed toll link_type ;), the trips file (Origin N,
// then "dest : flow;" pairs) and the flow file (From To Volume Cost), so
// assignments can be compared with published solutions.
#include <string>
#include <vector>

#include "flows/od_matrix.hpp"
#include "flows/road_links.hpp"

namespace logiplan::flows {

// DataError naming the file and line for a missing metadata tag, a short or
// non-numeric link row, or a node outside NUMBER OF NODES.
RoadLinks read_tntp_network(const std::string& path);
// DataError naming the file and line for a zone outside NUMBER OF ZONES or a
// flow that is not a non-negative number.
OdMatrix read_tntp_trips(const std::string& path, int zones);
// From To Volume Cost, one line per link, TNTP node numbers.
void write_tntp_flows(const std::string& path, const RoadLinks& links, const std::vector<double>& volume,
                      const std::vector<double>& cost);

struct PublishedFlow {
  int from = 0, to = 0;  // TNTP node numbers
  double volume = 0, cost = 0;
};
std::vector<PublishedFlow> read_tntp_flows(const std::string& path);

}  // namespace logiplan::flows
