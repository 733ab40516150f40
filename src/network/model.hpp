#pragma once
// The routable network: nodes (junctions), directed-capable edges with per-
// direction attributes (access, speed, lanes), and turn restrictions. Built by
// network/topology from OSM or planners' line layers, stored in the project
// file by network/network_store.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network/edge_list.hpp"
#include "network/lanes.hpp"

namespace logiplan::network {

enum class Mode : std::uint8_t { road, rail, inland_waterway, sea };
std::string_view mode_name(Mode m);
std::optional<Mode> parse_mode(std::string_view s);

struct LonLat {
  double lon = 0;
  double lat = 0;
  bool operator==(const LonLat&) const = default;
};

enum class SpeedSource : std::uint8_t { tag, class_default, none };

// What one direction of an edge allows and offers.
struct Direction {
  bool allowed = true;
  double speed_kmh = 0;
  Lanes lanes;  // lanes.count() == 0: unknown
};

struct Edge {
  std::int64_t from = 0;  // node index
  std::int64_t to = 0;
  Mode mode = Mode::road;
  std::string road_class;  // OSM highway/railway/waterway value or the planner's class
  std::string name;
  std::string ref;
  double length_m = 0;  // geodesic
  Direction forward;    // from -> to
  Direction backward;   // to -> from
  SpeedSource speed_source = SpeedSource::none;
  // Freight access: OSM access / hgv values ("yes", "no", "destination", "designated"...), "" = unset.
  std::string access;
  std::string hgv;
  std::optional<double> maxweight_t;
  std::optional<double> maxheight_m;
  bool bridge = false;
  bool tunnel = false;
  int layer = 0;
  std::string source_id;  // "osm:way/123", "roads.shp:45"
  std::vector<LonLat> geometry;  // from -> to, WGS84

  double time_s(bool fwd) const {
    const auto& d = fwd ? forward : backward;
    return d.allowed && d.speed_kmh > 0 ? length_m / (d.speed_kmh / 3.6) : 0;
  }
};

struct Node {
  LonLat position;
  std::optional<std::int64_t> osm_id;
};

// A banned (or mandatory) turn from one edge to another through a node.
struct TurnRestriction {
  std::string kind;  // no_left_turn, only_straight_on, no_u_turn, ...
  std::int64_t from_edge = 0;
  std::int64_t via_node = 0;
  std::int64_t to_edge = 0;
  std::string vehicles = "all";  // "all" or a class it applies to only ("hgv": restriction:hgv)
  std::string except;            // vehicles exempt, e.g. "bicycle;psv"
  std::string source_id;         // "osm:relation/42" or "planner"
  bool is_only() const { return kind.rfind("only_", 0) == 0; }
};

// Counts of what the build did, for the report and for the record.
struct BuildStats {
  std::int64_t source_lines = 0;
  std::int64_t zero_length_removed = 0;
  std::int64_t duplicates_removed = 0;
  // OSM ways with nodes missing from a clipped extract: their pieces of two or
  // more present nodes are kept; a way with no such piece is skipped. The ids
  // name them (the first kMaxListedIds) so a planner can look them up.
  std::int64_t incomplete_lines = 0;
  std::int64_t incomplete_lines_skipped = 0;
  std::vector<std::int64_t> incomplete_line_ids;
  static constexpr std::size_t kMaxListedIds = 100;
  std::int64_t snapped_endpoints = 0;
  std::int64_t restrictions_read = 0;
  std::int64_t restrictions_unsupported = 0;  // via-way, or members missing from the extract
};

extern template class BasicEdgeList<Edge>;
using EdgeList = BasicEdgeList<Edge>;

struct Network {
  std::vector<Node> nodes;
  EdgeList edges;  // a vector, or decoded on demand from the network cache (network/edge_list.hpp)
  std::vector<TurnRestriction> restrictions;
  BuildStats stats;
};

}  // namespace logiplan::network
