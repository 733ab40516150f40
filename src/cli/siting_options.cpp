#include "cli/siting_options.hpp"

namespace logiplan::cli {

void CandidateOptions::add_to(CLI::App& app) {
  app.add_option("--candidates", candidates, "Candidate sites: feature ids, names, kind:KIND or lon,lat (repeatable)");
  app.add_option("--candidate-kind", candidate_kinds, "All features of a kind as candidates (default, with no other "
                                                      "candidates: logistics_centre)");
  app.add_option("--zones", zones, "Zones as candidates (area ids or kind:free_trade_zone, kind:economic_zone): each "
                                   "reached where the nearest road meets it, or a grid inside it with --grid-km");
  app.add_option("--grid-km", grid_km, "With --zones: a candidate every N km inside each zone, kept where the network "
                                       "reaches within --max-snap")
      ->check(CLI::PositiveNumber);
}

siting::CandidateSpecs CandidateOptions::specs() const {
  siting::CandidateSpecs s{candidates, zones, grid_km};
  for (const auto& k : candidate_kinds) s.places.push_back("kind:" + k);
  return s;
}

}  // namespace logiplan::cli
