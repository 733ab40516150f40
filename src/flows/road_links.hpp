#pragma once
// The network an assignment runs on: directed links between numbered nodes,
// each with a BPR volume-delay function t = t0 (1 + b (v / c)^power). Nodes
// below `first_thru_node` are zone centroids: paths start and end there but
// never pass through (TNTP's FIRST THRU NODE).
#include <cstdint>
#include <string>
#include <vector>

namespace logiplan::flows {

struct RoadLinks {
  int nodes = 0;            // node ids 0 .. nodes-1
  int zones = 0;            // zones are nodes 0 .. zones-1
  int first_thru_node = 0;  // nodes below it are never passed through
  std::vector<int> from, to;
  std::vector<double> free_time, capacity, b, power, length;
  std::vector<std::int64_t> id;  // the source's link id (an edge id, a TNTP row)

  std::size_t size() const { return from.size(); }
  void add(int f, int t, double t0, double cap, double bb, double pw, double len, std::int64_t link_id) {
    from.push_back(f), to.push_back(t), free_time.push_back(t0), capacity.push_back(cap), b.push_back(bb);
    power.push_back(pw), length.push_back(len), id.push_back(link_id);
  }
  // Link cost at `volume` (BPR), its derivative, and its integral from 0 (the Beckmann objective's term).
  double cost(std::size_t a, double volume) const;
  double derivative(std::size_t a, double volume) const;
  double integral(std::size_t a, double volume) const;
  // DataError naming the link for a negative time, a non-positive capacity
  // where b > 0, or a negative b or power.
  void check(const std::string& source) const;
};

}  // namespace logiplan::flows
