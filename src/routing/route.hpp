#pragma once
// Routes: the best path between two places, and K loopless alternatives by
// Yen's algorithm (on the edge-based graph, so alternatives respect turn
// restrictions too). Each route is described as an itinerary: consecutive arcs
// on the same named road and mode form one step; mode changes are counted.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "routing/context.hpp"

namespace logiplan::routing {

struct RouteStep {
  std::string name;  // road name, else its ref, else its class
  std::string ref;
  std::string road_class;
  std::string mode;  // road, rail, inland_waterway, sea, transfer
  double length_m = 0;
  double time_s = 0;
  std::vector<std::int64_t> edges;       // network edge ids, in order
  std::vector<std::string> source_ids;   // e.g. osm:way/123
};

struct MixedSegment {
  std::int64_t edge = 0;
  std::string name;
  std::string source_id;
  double length_m = 0;  // the part of the edge the route uses
};

struct Route {
  double time_s = 0;
  double length_m = 0;
  int mode_changes = 0;
  double dedicated_m = 0;  // road metres on a lane dedicated to the profile
  double mixed_m = 0;      // road metres in mixed traffic (or lanes unknown)
  std::vector<MixedSegment> mixed;  // in route order, one per edge
  std::vector<std::size_t> arcs;
  std::vector<RouteStep> steps;
  std::vector<network::LonLat> geometry;
};

Route describe(const RoutingGraph& g, const std::vector<std::size_t>& arcs);

// Up to k routes from place `from` to place `to` (indices in the context), best
// first; empty when unreachable. k >= 1. The best route (k = 1, the default
// graph) comes from the contraction hierarchy when the context has one (a cached
// one; see AnalysisContext::hierarchy), else, and for alternatives, from the
// plain search, which stays the reference.
std::vector<Route> routes(const AnalysisContext& ctx, std::size_t from, std::size_t to, Metric metric, int k = 1);
// The best route on the context's hierarchy as arcs of its default graph (what
// routes() describes); nullopt when the hierarchy does not answer (none cached,
// both places on one edge or node, a path that does not map back), an empty
// vector when there is no path.
std::optional<std::vector<std::size_t>> hierarchy_route(const AnalysisContext& ctx, std::size_t from, std::size_t to,
                                                        Metric metric);
// The same over one of the context's graphs (another lane mode).
std::vector<Route> routes(const AnalysisContext& ctx, const RoutingGraph& g, std::size_t from, std::size_t to,
                          Metric metric, int k = 1);

nlohmann::json route_json(const Route& r);

// Where a strict (dedicated-lanes-only) search from `from` runs out: the point it
// reaches nearest to `to` (straight line), and the ordinary route from there to
// `to` — the gap a plan must close.
struct StrictGap {
  network::LonLat last_point;
  double straight_m = 0;  // from last_point to the destination
  double reached_from_origin_m = 0;  // length of the dedicated path to last_point
  std::optional<Route> gap;  // from last_point to the destination, any lanes
};
StrictGap strict_gap(const AnalysisContext& ctx, std::size_t from, std::size_t to, Metric metric);

}  // namespace logiplan::routing
