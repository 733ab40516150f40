#pragma once
// A contraction hierarchy over a base graph's states, for fast costs between
// places (matrices, and everything built on them: siting, assignment, skims).
//
// The states contracted are the base graph's own (arcs, "arrived at node",
// "leave node"), so turn restrictions and lane modes hold exactly as in the
// plain search: a ban is a move the base graph does not have, a strict lane
// mode an arc it does not have, a lane penalty part of an arc's cost. The plain
// Dijkstra over RoutingGraph stays the reference; tests compare the two.
//
// Places are not cut into the hierarchy (it is built once per network version,
// profile, lane options and metric, and cached): a place in the middle of an
// edge enters the search as "seeds", the states after the rest of its arc
// with the cost of that rest, as OSRM does with its phantom nodes.
//
// Costs: a move s -> t costs what travelling s costs (an arc's cost; 0 for the
// node states), so a label is "cost until state s begins"; every seed's label is
// then >= 0 and the bidirectional search may stop as usual.
//
// A plain CH, not a customisable one: an edited network (a scenario) is routed
// by the plain search. Building the hierarchy of Porto takes seconds (README).
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include "network/model.hpp"
#include "routing/routing_graph.hpp"

namespace logiplan::routing {

// What a path costs in the metric searched, and the time and length along it.
struct PathCost {
  double cost = 0, time_s = 0, length_m = 0;
  PathCost operator+(const PathCost& o) const { return {cost + o.cost, time_s + o.time_s, length_m + o.length_m}; }
};

inline constexpr std::uint32_t kNoMiddle = std::numeric_limits<std::uint32_t>::max();

// A move of the hierarchy: an original move of the base graph, or a shortcut
// over `middle` (a state contracted before both ends).
struct HierarchyEdge {
  std::uint32_t other = 0;  // up: the head; down: the tail
  std::uint32_t middle = kNoMiddle;
  PathCost cost;
};
static_assert(sizeof(HierarchyEdge) == 32 && std::is_trivially_copyable_v<HierarchyEdge>);

struct Hierarchy {
  std::shared_ptr<const void> keep;  // owned vectors or a memory map
  Metric metric = Metric::time;
  // up[s]: moves s -> t with t ranked above s. down[s]: moves t -> s with t ranked above s.
  std::span<const std::uint64_t> up_offsets, down_offsets;
  std::span<const HierarchyEdge> up, down;
  std::size_t state_count() const { return up_offsets.empty() ? 0 : up_offsets.size() - 1; }
  std::span<const HierarchyEdge> up_of(std::size_t s) const { return up.subspan(up_offsets[s], up_offsets[s + 1] - up_offsets[s]); }
  std::span<const HierarchyEdge> down_of(std::size_t s) const {
    return down.subspan(down_offsets[s], down_offsets[s + 1] - down_offsets[s]);
  }

  // `progress` (0..1) is called now and then: Porto's edge-based graph takes seconds.
  static std::shared_ptr<const Hierarchy> build(const BaseGraph& g, Metric metric,
                                                const std::function<void(double)>& progress = {});
};

// Where paths start or end, in the base graph's states.
struct Seed {
  std::uint32_t state = 0;
  PathCost at;  // source: cost until the state begins; target: cost from the state's start to the place
};
struct Endpoint {
  std::vector<Seed> seeds;
  // A place inside an arc: the arc and how far along it (0..1 in the arc's
  // direction), for the path that stays on that arc.
  std::vector<std::pair<std::uint32_t, double>> on_arcs;
  // Where the place is, so that a path from a place to itself costs 0: its node,
  // or (node -1) its edge and fraction.
  std::int64_t node = -1, edge = -1;
  double fraction = 0;
};

// The endpoint of a place at `fraction` along edge `edge` (ends within 1e-9 are
// the node, as RoutingGraph does). Base graph numbering; `metric` picks the cost.
Endpoint place_endpoint(const BaseGraph& g, const network::Network& net, std::int64_t edge, double fraction,
                        Metric metric, bool as_source);

// Cheapest path from `from` to `to`, or none.
std::optional<PathCost> hierarchy_query(const Hierarchy& h, const BaseGraph& g, const Endpoint& from, const Endpoint& to);
// The same, with the base states the path passes through, shortcuts unpacked (for tests and routes).
std::optional<PathCost> hierarchy_query(const Hierarchy& h, const BaseGraph& g, const Endpoint& from, const Endpoint& to,
                                        std::vector<std::uint32_t>* states);
// Every source to every target (bucket many-to-many), row by row, the sources
// shared out over the cores.
std::vector<std::optional<PathCost>> hierarchy_matrix(const Hierarchy& h, const BaseGraph& g,
                                                      const std::vector<Endpoint>& sources,
                                                      const std::vector<Endpoint>& targets);

}  // namespace logiplan::routing
