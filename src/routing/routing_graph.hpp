#pragma once
// The graph every routing command searches. Edges of the stored network are cut
// at anchors (facilities and coordinates snapped onto them), so places are
// nodes; each usable direction of each piece is an arc. The search runs over
// arcs, not nodes ("edge-based"), so that turn restrictions can ban moving from
// one arc to the next: a state is "just travelled arc a". The state graph is a
// Boost compressed-sparse-row graph searched with Boost's Dijkstra.
//
// State vertices: [0, A) arcs; [A, A+N) "arrived at node n"; [A+N, A+2N) "leave node n".
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
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

struct StateEdge {
  double time_s = 0;
  double length_m = 0;
};

using StateGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, StateEdge>;

class RoutingGraph {
 public:
  struct Arc {
    std::int32_t tail = 0, head = 0;  // graph nodes
    std::int64_t edge = -1;           // original edge; -1 for a transfer
    bool forward = true;              // along the original edge's digitised direction
    double lo = 0, hi = 1;            // fraction range of the piece on the original edge
    double length_m = 0, time_s = 0;
    std::int32_t piece = -1;          // shared by both directions of a piece; -1 for transfers
    network::Mode mode = network::Mode::road;
    bool dedicated = true;            // road arcs: a lane dedicated to the profile; others: true
    double cost_time = 0, cost_length = 0;  // what the search minimises (time and length, lane penalty applied)
  };

  RoutingGraph(const network::Network& net, const Profile& profile, const std::vector<Anchor>& anchors,
               const std::vector<Transfer>& transfers = {}, LaneOptions lanes = {});
  const LaneOptions& lanes() const { return lanes_; }

  const network::Network& network() const { return *net_; }
  const Profile& profile() const { return *profile_; }
  std::int32_t anchor_node(std::size_t anchor) const { return anchor_nodes_.at(anchor); }
  std::size_t node_count() const { return nodes_.size(); }
  const network::LonLat& node_position(std::int32_t n) const { return nodes_.at(static_cast<std::size_t>(n)); }
  const std::vector<Arc>& arcs() const { return arcs_; }
  const StateGraph& states() const { return states_; }
  std::size_t arc_state(std::size_t arc) const { return arc; }
  std::size_t arrive_state(std::int32_t node) const { return arcs_.size() + static_cast<std::size_t>(node); }
  std::size_t leave_state(std::int32_t node) const { return arcs_.size() + nodes_.size() + static_cast<std::size_t>(node); }
  bool is_arc_state(std::size_t s) const { return s < arcs_.size(); }
  std::vector<network::LonLat> arc_geometry(std::size_t arc) const;

 private:
  const network::Network* net_;
  const Profile* profile_;
  LaneOptions lanes_;
  std::vector<network::LonLat> nodes_;
  std::vector<Arc> arcs_;
  std::vector<std::int32_t> anchor_nodes_;
  std::vector<std::pair<std::int32_t, std::int32_t>> transfer_nodes_;
  StateGraph states_;
};

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
// From any state (Yen's spur paths); targets are nodes as above.
SearchTree search_from_state(const RoutingGraph& g, std::size_t source_state, const SearchOptions& options);

// The arcs of the best path to `target`, in order; empty when unreachable or target == origin.
std::vector<std::size_t> path_arcs(const RoutingGraph& g, const SearchTree& tree, std::int32_t target);
// The states from the search's source to "arrived at target", inclusive; empty when unreachable.
std::vector<std::size_t> path_states(const RoutingGraph& g, const SearchTree& tree, std::int32_t target);

// Cost of moving into a state: the arc's cost for arc states, 0 otherwise.
double state_cost(const RoutingGraph& g, std::size_t state, Metric metric);
std::uint64_t move_key(std::size_t from_state, std::size_t to_state);

}  // namespace logiplan::routing
