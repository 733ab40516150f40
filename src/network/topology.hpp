#pragma once
// Turns raw lines into a routable network: a junction wherever lines share a
// vertex id (and only there: a bridge crossing a road shares none), edges
// between junctions, zero-length and duplicate edges removed and counted,
// lengths measured geodesically, restrictions mapped to edges.
#include <vector>

#include "network/model.hpp"
#include "network/raw_lines.hpp"

namespace logiplan::network {

Network build_topology(std::vector<RawNetwork> sources);

}  // namespace logiplan::network
