#pragma once
// A corridor traced on a network: for one mode, the best path (fastest for the
// mode's vehicle) through its places in order, as the ordered edges it uses,
// with the context kept for studies that search again (closures, alternatives).
// Compared with the path stored for the last network version: a rebuilt
// network re-snaps the corridor and says what changed.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/corridor_store.hpp"
#include "project/project.hpp"
#include "routing/context.hpp"

namespace logiplan::corridor {

struct PathPiece {
  std::int64_t edge = 0;
  bool forward = true;
  double metres = 0, seconds = 0;  // the part used, at the mode vehicle's speed
  int leg = 0;                     // between through places leg and leg + 1
  std::vector<std::size_t> arcs;   // routing-graph arcs (for closures)
};

// What a re-snap changed: the previous path's network version, its length and
// time, and the source ways (OSM ways, line features) left and joined.
struct PathChange {
  std::int64_t previous_network = 0;
  double previous_km = 0, previous_minutes = 0;
  std::vector<std::string> left, joined;
};

struct CorridorTrace {
  CorridorDef def;
  network::Mode mode = network::Mode::road;
  std::optional<std::string> scenario;
  std::unique_ptr<routing::AnalysisContext> ctx;
  std::vector<std::size_t> places;    // context indices of the through places
  std::vector<PathPiece> pieces;      // in order
  std::vector<double> place_km;       // cumulative km at each through place
  std::vector<std::string> missing;   // legs with no path: "A → B"
  double length_m = 0, time_s = 0;
  std::optional<PathChange> change;   // set when the last stored path was on another network version

  const network::Network& net() const { return ctx->network(); }
  std::string place_label(std::size_t k) const { return ctx->place(places[k]).place.label; }
};

// The vehicle profile of a mode: the corridor's for road, rail_freight, barge.
std::string profile_of(const CorridorDef& def, network::Mode mode);

// Traces the corridor for one mode; stores the path for the network version and
// scenario (with `store`), reporting what changed since the last stored one.
// UsageError for a place spec that names several places.
CorridorTrace trace_corridor(project::Project& project, const CorridorDef& def, network::Mode mode,
                             const std::optional<std::string>& scenario, bool store);

nlohmann::json change_json(const PathChange& c);

}  // namespace logiplan::corridor
