#pragma once
// Candidate sites for a siting study: features (by id, name or kind:KIND) and
// zones — each reached at its access point (where the nearest road meets it),
// or a grid every `grid_km` inside it, of which the points the network reaches
// within the snapping distance are kept.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "network/model.hpp"
#include "routing/context.hpp"

namespace logiplan::siting {

struct CandidateSite {
  std::string id, name;
  std::optional<std::string> feature_id;  // the feature it is, or the zone it lies in
  network::LonLat at;
  std::size_t place = 0;    // index in the analysis context
  bool whole_zone = false;  // a zone as one candidate (reached at its access point)
};

struct CandidateSpecs {
  std::vector<std::string> places;  // feature ids, names, kind:KIND, lon,lat
  std::vector<std::string> zones;   // area ids or kind:KIND
  std::optional<double> grid_km;
  bool empty() const { return places.empty() && zones.empty(); }
  std::vector<std::string> describe() const;  // for a stored run's parameters
};

// (place or zone, why it was left out)
using LeftOut = std::vector<std::pair<std::string, std::string>>;

// Adds the candidates to the context (before build). Places of a kind: and
// zones the network does not reach are left out and listed; a place named
// alone that cannot be reached is an error.
std::vector<CandidateSite> resolve_candidates(db::Database& db, routing::AnalysisContext& ctx, const CandidateSpecs& specs,
                                              LeftOut& left_out);

}  // namespace logiplan::siting
