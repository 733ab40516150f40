#pragma once
// Costs from outside the project: a CSV/XLSX/ODS table with columns demand,
// candidate, cost (one row per pair; an empty cost or "unreachable" marks a pair
// no vehicle can make), and optionally a weights table (demand, weight). Costs
// from a traffic model or a survey can be sited on without a project file.
#include <optional>
#include <string>
#include <vector>

#include "siting/problem.hpp"

namespace logiplan::siting {

struct CostTableOptions {
  std::optional<std::string> weights_path;
  std::vector<std::string> required, competitors;  // candidate ids with those roles
  // A table of candidate with fixed_cost, capacity and/or attractiveness (cflp,
  // market-share); a candidate it leaves out keeps 0, no limit and 1.
  std::optional<std::string> facilities_path;
};

// DataError naming the file and row for a missing column, a cost or weight that
// is not a non-negative number, a duplicate pair, a pair missing from the table,
// or a role given to a candidate the table does not name.
Problem read_cost_table(const std::string& path, const CostTableOptions& options = {});

}  // namespace logiplan::siting
