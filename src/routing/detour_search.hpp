#pragma once
// The cost of a trip once some states are closed (critical links close one
// link at a time), found by A* aimed at the trip's target with, as its
// potential, the exact cost of every state to that target on the open graph.
// Closing states only removes moves, so costs only grow: that potential stays a
// lower bound and stays consistent (h(s) <= cost(t) + h(t) for every move that
// is left), and the search settles only the states whose detour is no worse
// than the answer's, a band round the old path, instead of every state cheaper
// than the target as Dijkstra does. One reverse search per target pays for it,
// shared by every closure of every trip ending there. The plain search with
// banned states (routing_graph's search) stays the reference;
// tests/realdata/detour_realdata_test.cpp holds the two equal on every extract.
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_set>
#include <vector>

#include "routing/routing_graph.hpp"

namespace logiplan::routing {

// The graph's moves turned round: for each state, the states that move into it.
class ReverseMoves {
 public:
  explicit ReverseMoves(const RoutingGraph& g);
  template <class Visit>
  void for_each_into(std::size_t s, Visit&& visit) const {
    for (auto i = offsets_[s]; i < offsets_[s + 1]; ++i) visit(static_cast<std::size_t>(sources_[i]));
  }

 private:
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> sources_;
};

// The cost from every state to "arrived at `target`" on the open graph
// (infinity where there is no way); fills `out`, sized to the graph's states.
void costs_to(const RoutingGraph& g, const ReverseMoves& reverse, std::int32_t target, Metric metric,
              std::vector<double>& out);

// One per thread: its work arrays are reused from trip to trip and reset sparsely.
class DetourSearch {
 public:
  // With `reverse`, a target whose every way in is closed is known cut off at once.
  explicit DetourSearch(const RoutingGraph& g, const ReverseMoves* reverse = nullptr);
  // The cheapest cost from `origin` to `target` avoiding the `closed` states
  // (sorted), given `to_target` from costs_to for the same target and metric;
  // nullopt when the closure cuts the target off.
  std::optional<double> cost(std::int32_t origin, std::int32_t target, std::span<const std::size_t> closed,
                             const std::vector<double>& to_target, Metric metric);
  // Yen's spur paths: the states from `source` to "arrived at `target`", never
  // entering a banned state nor making a banned move (keys as move_key); empty
  // when there is no such path.
  std::vector<std::size_t> path_from_state(std::size_t source, std::int32_t target,
                                           const std::unordered_set<std::size_t>& banned_states,
                                           const std::unordered_set<std::uint64_t>& banned_moves,
                                           const std::vector<double>& to_target, Metric metric);
  // States settled by the last call (for benchmarks and tests).
  std::size_t settled() const { return settled_; }

 private:
  struct Item {
    double key, dist;
    std::uint32_t state;
  };
  // A* from `source` until `goal` is settled; blocked(from, to) bars a move.
  template <class Blocked>
  std::optional<double> aimed(std::size_t source, std::size_t goal, const std::vector<double>& to_target, Metric metric,
                              const Blocked& blocked);
  const RoutingGraph& g_;
  const ReverseMoves* reverse_;
  std::vector<double> dist_;  // infinity outside the current search
  std::vector<std::uint32_t> pred_;  // valid where dist_ is finite
  std::vector<std::uint32_t> touched_;
  std::vector<Item> heap_;
  std::size_t settled_ = 0;
};

}  // namespace logiplan::routing
