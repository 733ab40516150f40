#pragma once
// The graph every routing command searches. Edges of the stored network are cut
// at anchors (facilities and coordinates snapped onto them), so places are
// nodes; each usable direction of each piece is an arc. The search runs over
// arcs, not nodes ("edge-based"), so that turn restrictions can ban moving from
// one arc to the next: a state is "just travelled arc a".
//
// Two layers, so that a command does not rebuild the graph of a whole network
// for the two or three places it asks about:
//   - BaseGraph: every edge whole, one piece, per network version, profile and
//     lane options; its arrays are plain data, so they are cached on disk and
//     used in place from a memory map (cache/graph_cache);
//   - RoutingGraph: the base plus the anchors of this command. An anchored edge's
//     base arcs are set aside and its pieces appended; the turns at the nodes they
//     touch are worked out again, every other state keeps the base's turns.
//
// State vertices: [0, A) arcs; [A, A+N) "arrived at node n"; [A+N, A+2N) "leave node n".
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "network/model.hpp"
#include "routing/profile.hpp"

namespace logiplan::routing {

struct Anchor {
  std::int64_t edge = 0;
  double fraction = 0;  // along the edge from its from node
};

// A mode change at a facility: between two anchors, in both directions.
struct Transfer {
  std::size_t anchor_a = 0, anchor_b = 0;
  double seconds = 0;
  std::string feature_id;
};

enum class Metric { time, distance };

// How lanes steer the search (issue: roads linking ports and logistics centres
// need lanes dedicated to motorbikes and rudimentary vehicles, no mixed lanes).
// A road arc is "dedicated" when its direction has a lane of a type the profile
// counts as dedicated to it; otherwise (mixed lanes, or lanes unknown) "mixed".
enum class LaneMode { ignore, strict, prefer };
struct LaneOptions {
  LaneMode mode = LaneMode::ignore;
  double mixed_penalty = 1.0;  // prefer: each mixed metre (or second) costs this many times more
};
LaneOptions parse_lane_options(const std::string& mode, double mixed_penalty);

// Plain data (cached byte for byte): no pointers, fixed layout.
struct Arc {
  std::int32_t tail = 0, head = 0;  // graph nodes
  std::int64_t edge = -1;           // original edge; -1 for a transfer
  double lo = 0, hi = 1;            // fraction range of the piece on the original edge
  double length_m = 0, time_s = 0;
  double cost_time = 0, cost_length = 0;  // what the search minimises (time and length, lane penalty applied)
  std::int64_t piece = -1;          // shared by both directions of a piece; -1 for transfers
  network::Mode mode = network::Mode::road;
  bool forward = true;              // along the original edge's digitised direction
  bool dedicated = true;            // road arcs: a lane dedicated to the profile; others: true
  std::uint8_t unused[5] = {};      // spelled out, so a cached arc has no uninitialised bytes
};
static_assert(sizeof(Arc) == 80 && std::is_trivially_copyable_v<Arc>);

// A turn restriction that binds the profile, by edges.
struct BoundTurn {
  std::int64_t via = 0, from_edge = 0, to_edge = 0;
  std::int64_t only = 0;  // 1: only_* (every other turn from from_edge is banned)
};

struct BaseGraph {
  std::shared_ptr<const void> keep;  // what the spans point into: owned vectors or a memory map
  bool file_mapped = false;          // a read-only file map (the graph cache): pages can be handed back
  LaneOptions lanes;
  std::span<const network::LonLat> nodes;
  std::span<const Arc> arcs;
  // Turns, in base state numbering: row s of (offsets, targets) lists the states
  // reachable from state s (an arc's own "arrived" state first).
  std::span<const std::uint64_t> offsets;
  std::span<const std::uint32_t> targets;
  // Arcs into and out of each node.
  std::span<const std::uint64_t> in_offsets, out_offsets;
  std::span<const std::uint32_t> in_arcs, out_arcs;
  std::span<const BoundTurn> turns;  // sorted by via

  // Every edge whole. Throws DataError when the network is too large for 32-bit state numbers.
  static std::shared_ptr<const BaseGraph> build(const network::Network& net, const Profile& profile, LaneOptions lanes);
};

// The arcs of a RoutingGraph: the base's, then the pieces of anchored edges and
// the transfers. Indexing covers them all (an arc's index is its state); a range
// for visits only the arcs in use (not the base arcs of anchored edges).
class ArcList {
 public:
  std::size_t size() const { return base_.size() + extra_->size(); }
  const Arc& operator[](std::size_t i) const { return i < base_.size() ? base_[i] : (*extra_)[i - base_.size()]; }
  bool in_use(std::size_t i) const;
  class iterator {
   public:
    iterator(const ArcList* list, std::size_t i) : list_(list), i_(i) { skip(); }
    const Arc& operator*() const { return (*list_)[i_]; }
    iterator& operator++() {
      ++i_;
      skip();
      return *this;
    }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    void skip() {
      while (i_ < list_->size() && !list_->in_use(i_)) ++i_;
    }
    const ArcList* list_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  friend class RoutingGraph;
  std::span<const Arc> base_;
  const std::vector<Arc>* extra_ = nullptr;
  const std::vector<std::uint32_t>* set_aside_ = nullptr;  // sorted
};

class RoutingGraph {
 public:
  using Arc = routing::Arc;

  // Over a base graph (cached or just built) of the same network and profile.
  RoutingGraph(std::shared_ptr<const BaseGraph> base, const network::Network& net, const Profile& profile,
               const std::vector<Anchor>& anchors, const std::vector<Transfer>& transfers = {});
  // Builds its own base graph.
  RoutingGraph(const network::Network& net, const Profile& profile, const std::vector<Anchor>& anchors,
               const std::vector<Transfer>& transfers = {}, LaneOptions lanes = {});
  const LaneOptions& lanes() const { return base_->lanes; }
  const BaseGraph& base() const { return *base_; }

  const network::Network& network() const { return *net_; }
  const Profile& profile() const { return *profile_; }
  std::int32_t anchor_node(std::size_t anchor) const { return anchor_nodes_.at(anchor); }
  std::size_t node_count() const { return base_->nodes.size() + new_nodes_.size(); }
  const network::LonLat& node_position(std::int32_t n) const {
    const auto i = static_cast<std::size_t>(n);
    return i < base_->nodes.size() ? base_->nodes[i] : new_nodes_.at(i - base_->nodes.size());
  }
  const ArcList& arcs() const { return arc_list_; }
  std::size_t state_count() const { return arc_count_ + 2 * node_count(); }
  std::size_t arc_state(std::size_t arc) const { return arc; }
  std::size_t arrive_state(std::int32_t node) const { return arc_count_ + static_cast<std::size_t>(node); }
  std::size_t leave_state(std::int32_t node) const { return arc_count_ + node_count() + static_cast<std::size_t>(node); }
  bool is_arc_state(std::size_t s) const { return s < arc_count_; }
  std::vector<network::LonLat> arc_geometry(std::size_t arc) const;

  // The states reachable from state `s` in one move, each passed to `visit`.
  template <class Visit>
  void for_each_move(std::size_t s, Visit&& visit) const;

 private:
  void add_anchors(const std::vector<Anchor>& anchors, const std::vector<Transfer>& transfers);
  std::shared_ptr<const BaseGraph> base_;
  const network::Network* net_;
  const Profile* profile_;
  std::vector<network::LonLat> new_nodes_;
  std::vector<Arc> new_arcs_;
  std::vector<std::uint32_t> set_aside_;  // base arcs of anchored edges, sorted
  ArcList arc_list_;
  std::size_t arc_count_ = 0;
  std::vector<std::int32_t> anchor_nodes_;
  // Turns worked out again at the nodes anchors touch: state -> [begin, end) in overlay_targets_.
  std::vector<std::uint64_t> overlaid_;  // bit per state
  std::unordered_map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> overlay_rows_;
  std::vector<std::uint32_t> overlay_targets_;
};

template <class Visit>
void RoutingGraph::for_each_move(std::size_t s, Visit&& visit) const {
  if (overlaid_[s >> 6] >> (s & 63) & 1) {
    const auto [b, e] = overlay_rows_.at(static_cast<std::uint32_t>(s));
    for (auto i = b; i < e; ++i) visit(static_cast<std::size_t>(overlay_targets_[i]));
    return;
  }
  const std::size_t a0 = base_->arcs.size(), n0 = base_->nodes.size();
  std::size_t row;
  if (s < a0) row = s;
  else if (s >= arc_count_ + node_count() && s - arc_count_ - node_count() < n0) row = a0 + n0 + (s - arc_count_ - node_count());
  else return;  // "arrived" states end a path
  for (auto i = base_->offsets[row]; i < base_->offsets[row + 1]; ++i) {
    const std::size_t t = base_->targets[i];
    visit(t < a0 ? t : arc_count_ + (t - a0));  // an arc, or "arrived at" a base node
  }
}

// One search from a node: distances (in the metric) and predecessors over states.
struct SearchTree {
  std::vector<double> dist;
  std::vector<std::size_t> pred;
  std::int32_t origin = -1;  // -1 when the search started from a state
  std::size_t source = 0;
  double to_node(const RoutingGraph& g, std::int32_t n) const { return dist[g.arrive_state(n)]; }
  bool reached(const RoutingGraph& g, std::int32_t n) const {
    return dist[g.arrive_state(n)] < std::numeric_limits<double>::infinity();
  }
};

struct SearchOptions {
  Metric metric = Metric::time;
  std::vector<std::int32_t> targets;  // stop once all are settled; empty: search everything
  double cutoff = std::numeric_limits<double>::infinity();  // stop beyond this cost
  const std::unordered_set<std::size_t>* banned_states = nullptr;  // Yen's algorithm and closures
  const std::unordered_set<std::uint64_t>* banned_moves = nullptr; // (from state << 32) | to state
};

SearchTree search(const RoutingGraph& g, std::int32_t origin, const SearchOptions& options);
// From any state; targets are nodes as above. (Yen's spur paths use the aimed search of routing/detour_search.)
SearchTree search_from_state(const RoutingGraph& g, std::size_t source_state, const SearchOptions& options);

// The arcs of the best path to `target`, in order; empty when unreachable or target == origin.
std::vector<std::size_t> path_arcs(const RoutingGraph& g, const SearchTree& tree, std::int32_t target);
// The states from the search's source to "arrived at target", inclusive; empty when unreachable.
std::vector<std::size_t> path_states(const RoutingGraph& g, const SearchTree& tree, std::int32_t target);

// Cost of moving into a state: the arc's cost for arc states, 0 otherwise.
double state_cost(const RoutingGraph& g, std::size_t state, Metric metric);
std::uint64_t move_key(std::size_t from_state, std::size_t to_state);

}  // namespace logiplan::routing
