#pragma once
// The criteria `siting score` rates candidate sites on, computed from the
// project and its network:
//   time:KIND        network time (or distance) to the nearest feature of KIND  (less is better)
//   access:MODE      straight-line km to the nearest rail / inland_waterway / sea
//   access:CLASS     edge, or road of that class (access:motorway)              (less is better)
//   in:KIND          1 inside an area of KIND (free_trade_zone, economic_zone)  (more is better);
//                    a whole zone counts as inside when it is of KIND or its point on
//                    surface lies in one (its access point is on a road outside it)
//   area_ha          the site's (or its zone's) land area                       (more is better)
//   status           how far along the plan it is: operating 1, under construction 0.75,
//                    approved 0.5, planned 0.25, proposed 0.1                   (more is better)
//   tasks            plan tasks linked to the site or its zone                  (more is better)
//   attr:NAME        a numeric attribute                                        (more is better)
// A leading '-' turns the direction round ("-attr:land_price").
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "routing/context.hpp"
#include "siting/candidates.hpp"
#include "siting/mcda.hpp"

namespace logiplan::siting {

class CriteriaPlan {
 public:
  // UsageError naming an unknown criterion.
  explicit CriteriaPlan(const std::vector<std::string>& specs);
  // Before the routing graph is built: the places time criteria measure to.
  void add_places(db::Database& db, routing::AnalysisContext& ctx);
  // Raw values per candidate, one criterion per spec.
  std::vector<Criterion> compute(db::Database& db, const routing::AnalysisContext& ctx,
                                 const std::vector<CandidateSite>& sites, routing::Metric metric,
                                 const Progress& progress = {}) const;

 private:
  struct Spec {
    std::string text, type, arg;
    bool flip = false;
    std::vector<std::size_t> targets;  // time: the places of KIND
  };
  std::vector<Spec> specs_;
};

// The status score (1 operating ... 0.1 proposed); nullopt for an unknown status.
std::optional<double> status_score(const std::string& status);

}  // namespace logiplan::siting
