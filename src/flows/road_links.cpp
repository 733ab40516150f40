#include "flows/road_links.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"

namespace logiplan::flows {

double RoadLinks::cost(std::size_t a, double v) const {
  if (b[a] == 0 || v <= 0) return free_time[a];
  return free_time[a] * (1 + b[a] * std::pow(v / capacity[a], power[a]));
}

double RoadLinks::derivative(std::size_t a, double v) const {
  if (b[a] == 0 || v <= 0 || power[a] == 0) return 0;
  return free_time[a] * b[a] * power[a] * std::pow(v / capacity[a], power[a] - 1) / capacity[a];
}

double RoadLinks::integral(std::size_t a, double v) const {
  if (v <= 0) return 0;
  if (b[a] == 0) return free_time[a] * v;
  return free_time[a] * (v + b[a] * capacity[a] * std::pow(v / capacity[a], power[a] + 1) / (power[a] + 1));
}

void RoadLinks::check(const std::string& source) const {
  for (std::size_t a = 0; a < size(); ++a) {
    const auto where = [&] { return fmt::format("{}: link {} ({} → {})", source, id[a], from[a] + 1, to[a] + 1); };
    if (!(free_time[a] >= 0) || !std::isfinite(free_time[a])) throw DataError(fmt::format("{}: free-flow time {} is not a non-negative number", where(), free_time[a]));
    if (!(b[a] >= 0) || !(power[a] >= 0)) throw DataError(fmt::format("{}: b {} and power {} must be non-negative", where(), b[a], power[a]));
    if (b[a] > 0 && !(capacity[a] > 0)) throw DataError(fmt::format("{}: capacity {} must be positive", where(), capacity[a]));
    if (from[a] < 0 || from[a] >= nodes || to[a] < 0 || to[a] >= nodes) {
      throw DataError(fmt::format("{}: a node outside 1..{}", where(), nodes));
    }
  }
}

}  // namespace logiplan::flows
