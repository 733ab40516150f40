#pragma once
// The location models and what a solution of one is worth.
//   pmedian  minimise the weighted cost of each demand to its nearest open facility, p open
//   mclp     maximise the demand weight within `cutoff` of an open facility, p open
//   lscp     fewest open facilities such that every demand is within `cutoff`
//   pcenter  minimise the worst cost of any demand to its nearest open facility, p open
// Required facilities are always open and count towards p; competitors never serve.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "siting/problem.hpp"

namespace logiplan::siting {

enum class Model { pmedian, mclp, lscp, pcenter };
std::string_view model_name(Model m);
Model parse_model(const std::string& name);  // UsageError naming the models
bool minimises(Model m);                     // mclp maximises

struct ModelSpec {
  Model model = Model::pmedian;
  int p = 1;                 // pmedian, mclp, pcenter
  double cutoff = kUnreachable;  // mclp, lscp: the coverage standard, in the cost's unit
};

// What an open set achieves: the objective, and each demand's facility (nullopt:
// unserved — out of reach, or beyond the cutoff for mclp). An infeasible set
// (pmedian/pcenter with a demand out of every open facility's reach, lscp with
// a demand uncovered) has objective +inf (minimising) or -inf.
struct Evaluation {
  double objective = 0;
  std::vector<std::optional<std::size_t>> assigned;
  bool feasible = true;
};
Evaluation evaluate(const Problem& problem, const ModelSpec& spec, const std::vector<std::size_t>& open);

// Checks the instance against the model before any solve: p against the
// facilities, required facilities against p, demands no facility can serve
// (pmedian, pcenter) or cover within the cutoff (lscp). DataError / UsageError
// naming the demand or the figure. Before the costs are in (costs empty), only
// the counts and weights are checked.
void check_instance(const Problem& problem, const ModelSpec& spec);

struct Solution {
  std::vector<std::size_t> open;  // facility indices, ascending
  Evaluation evaluation;
  double bound = 0;      // no solution can do better than this (a lower bound when minimising)
  bool optimal = false;  // proven
  std::string method;    // "cbc", "heuristic", "brute-force"
  double seconds = 0;
  double gap() const;    // |objective - bound| / max(|objective|, 1e-9); 0 when optimal
};

}  // namespace logiplan::siting
