#pragma once
// Assignments of one demand on the base network and on scenarios, side by side:
// the totals (PCU·h, PCU·km, links over capacity) and the roads whose V/C moves
// most — what a scenario's new lanes or roads change for the traffic.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "flows/assignment_study.hpp"

namespace logiplan::flows {

struct AssignmentComparison {
  std::vector<std::string> names;  // "base" or the scenario
  std::vector<nlohmann::json> totals;
  struct Change {
    std::int64_t edge = 0;
    std::string name, road_class;
    std::vector<double> vc, pcu;  // per run: the larger direction's V/C, both directions' PCU
  };
  std::vector<Change> changes;  // largest change of V/C first

  nlohmann::json summary(std::size_t top) const;
  std::string text(std::size_t top) const;
};

// Edges are matched by their index: scenario edits keep the base edges' indices
// and add new edges after them.
AssignmentComparison compare_assignments(const std::vector<std::string>& names, const std::vector<AssignmentOutcome>& runs);

}  // namespace logiplan::flows
