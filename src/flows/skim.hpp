#pragma once
// Skims: the shortest time and its length between every pair of zones at given
// link costs (the congested costs of an assignment, or the free-flow ones), for
// the gravity model's feedback loop and for siting on congested times.
#include <vector>

#include "flows/od_matrix.hpp"
#include "flows/road_links.hpp"

namespace logiplan::flows {

struct Skim {
  OdMatrix minutes, km;  // +infinity where no path
};

// `cost` in seconds per link; `allowed` (empty: every link) the links the class may use.
Skim skim(const RoadLinks& links, const std::vector<double>& cost, const std::vector<char>& allowed = {},
          unsigned threads = 0);

}  // namespace logiplan::flows
