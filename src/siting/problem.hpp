#pragma once
// A location–allocation problem, whatever its costs came from: demand points
// with weights, facilities with a role, and the cost from each facility to each
// demand point (travel time or distance; +infinity where unreachable).
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace logiplan::siting {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// As in ArcGIS Location-Allocation: a candidate may be chosen; a required
// facility (an existing centre that stays) is always open and counts towards p;
// a competitor (another operator's centre) is never chosen (market-share models).
enum class Role { candidate, required, competitor };
std::string_view role_name(Role r);

struct Demand {
  std::string id, name;
  double weight = 1.0;  // TEU/yr, t/yr, ha: what the planner weighs demand by
};

struct Facility {
  std::string id, name;
  Role role = Role::candidate;
  double attractiveness = 1.0;  // market-share: how strongly it draws demand (floor area, capacity)
  double fixed_cost = 0;        // cflp: the cost of opening it
  double capacity = std::numeric_limits<double>::infinity();  // cflp: the demand weight it can serve
};

struct Problem {
  std::vector<Demand> demands;
  std::vector<Facility> facilities;
  std::vector<double> costs;  // demand-major: costs[i * facilities.size() + j]

  double cost(std::size_t demand, std::size_t facility) const { return costs[demand * facilities.size() + facility]; }
  std::size_t selectable_count() const;  // candidates and required
};

}  // namespace logiplan::siting
