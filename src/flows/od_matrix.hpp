#pragma once
// Trips between zones (one class): a dense zones × zones table, origin-major.
#include <cstddef>
#include <vector>

namespace logiplan::flows {

struct OdMatrix {
  int zones = 0;
  std::vector<double> trips;  // trips[o * zones + d]

  explicit OdMatrix(int n = 0) : zones(n), trips(static_cast<std::size_t>(n) * static_cast<std::size_t>(n), 0.0) {}
  double& at(int o, int d) { return trips[static_cast<std::size_t>(o) * static_cast<std::size_t>(zones) + static_cast<std::size_t>(d)]; }
  double at(int o, int d) const { return trips[static_cast<std::size_t>(o) * static_cast<std::size_t>(zones) + static_cast<std::size_t>(d)]; }
  double total() const;
};

}  // namespace logiplan::flows
