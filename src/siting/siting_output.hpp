#pragma once
// What a siting run hands back: a JSON summary (objective, bound, gap, the chosen
// facilities with the demand each serves, every allocation), result layers for
// GIS (facilities with chosen / not chosen, allocation lines demand → facility),
// and the table printed in a terminal.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "network/model.hpp"
#include "routing/results.hpp"
#include "siting/models.hpp"

namespace logiplan::siting {

struct Positions {
  std::vector<network::LonLat> demands, facilities;  // empty: no geometry (a costs table)
};

// `cost_unit`: "min" (costs in seconds, shown in minutes), "km" (metres, shown in km) or "" (as given).
nlohmann::json solution_json(const Problem& problem, const ModelSpec& spec, const Solution& s, const std::string& cost_unit);
std::vector<routing::ResultLayer> solution_layers(const Problem& problem, const Solution& s, const Positions& at,
                                                  const std::string& cost_unit);
std::string solution_text(const Problem& problem, const ModelSpec& spec, const Solution& s, const std::string& cost_unit);

// A cost in the unit a planner reads: seconds → minutes, metres → km.
double shown(double cost, const std::string& cost_unit);

}  // namespace logiplan::siting
