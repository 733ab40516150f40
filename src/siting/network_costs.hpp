#pragma once
// Siting costs on the network: one search per facility (from the facility to
// every demand place, stopping at the cutoff where the model allows), spread
// over the machine's cores; never one search per pair.
#include <cstddef>
#include <vector>

#include "core/progress.hpp"
#include "routing/context.hpp"

namespace logiplan::siting {

// costs[i * facilities.size() + j]: the cost (seconds for fastest, metres for
// shortest) from facility place j to demand place i, +infinity beyond `cutoff`
// or out of reach.
std::vector<double> network_costs(const routing::AnalysisContext& ctx, const std::vector<std::size_t>& demand_places,
                                  const std::vector<std::size_t>& facility_places, routing::Metric metric,
                                  double cutoff, const Progress& progress = {});

}  // namespace logiplan::siting
