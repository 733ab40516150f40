#pragma once
// The network analyses beyond a single route: OD matrices, service areas,
// connectivity (components, unreachable pairs, articulation points, bridges)
// and critical links (which closures cost the OD pairs most).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "routing/context.hpp"
#include "handles/gdal.hpp"
#include "routing/route.hpp"

namespace logiplan::routing {

// --- matrix: one search per origin, never N x M searches.
struct MatrixCell {
  std::size_t origin = 0, destination = 0;  // place indices
  std::optional<double> time_s, length_m;   // nullopt: unreachable
  std::vector<std::size_t> arcs;            // the path, for critical links and lane audits
};
std::vector<MatrixCell> od_matrix(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                  const std::vector<std::size_t>& destinations, Metric metric, bool keep_paths = false);

// --- service area: what is reachable within each cutoff (seconds) from the origins.
// The polygon is a concave hull (GEOS, ratio 0.3) of the reached network's
// vertices, buffered by buffer_m.
struct ServiceArea {
  double cutoff_s = 0;
  std::vector<std::pair<std::vector<network::LonLat>, std::int64_t>> reached;  // edge pieces (geometry, edge id)
  gdal::GeometryPtr polygon;                                                    // lon/lat
  double reached_km = 0;
};
std::vector<ServiceArea> service_areas(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                       std::vector<double> cutoffs_s, double buffer_m = 150);

// --- connectivity.
struct Connectivity {
  std::vector<std::int64_t> weak_sizes, strong_sizes;  // nodes per component, largest first
  std::vector<std::int64_t> articulation_nodes;        // network nodes
  std::vector<std::int64_t> bridge_edges;              // network edges whose loss splits the network
  std::vector<std::pair<std::size_t, std::size_t>> unreachable;  // place index pairs
};
Connectivity connectivity(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                          const std::vector<std::size_t>& destinations);

// --- critical links: close each edge used by the OD paths, one at a time.
struct CriticalLink {
  std::int64_t edge = 0;
  int pairs_affected = 0;    // pairs whose best path used the edge
  int pairs_cut = 0;         // of those, pairs left without any path
  double extra = 0;          // detour cost (s, or m for shortest) summed over the pairs still connected
};
std::vector<CriticalLink> critical_links(const AnalysisContext& ctx, const std::vector<std::size_t>& origins,
                                         const std::vector<std::size_t>& destinations, Metric metric,
                                         std::optional<std::size_t> max_links = std::nullopt);

}  // namespace logiplan::routing
