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

struct Route {
  double time_s = 0;
  double length_m = 0;
  int mode_changes = 0;
  std::vector<std::size_t> arcs;
  std::vector<RouteStep> steps;
  std::vector<network::LonLat> geometry;
};

Route describe(const RoutingGraph& g, const std::vector<std::size_t>& arcs);

// Up to k routes from place `from` to place `to` (indices in the context), best
// first; empty when unreachable. k >= 1.
std::vector<Route> routes(const AnalysisContext& ctx, std::size_t from, std::size_t to, Metric metric, int k = 1);

nlohmann::json route_json(const Route& r);

}  // namespace logiplan::routing
