#pragma once
// The location models and what a solution of one is worth.
//   pmedian  minimise the weighted cost of each demand to its nearest open facility, p open
//   mclp     maximise the demand weight within `cutoff` of an open facility, p open
//   lscp     fewest open facilities such that every demand is within `cutoff`
//   pcenter  minimise the worst cost of any demand to its nearest open facility, p open
//   attendance    maximise the demand that comes when it decays with the cost to
//                 the nearest open facility (linear to the cutoff, power, exponential), p open
//   cflp     capacitated fixed-charge: minimise the facilities' fixed costs plus
//            unit_cost × weight × cost of every demand served, each facility within
//            its capacity (a demand may be split between facilities); no p
//   market-share  maximise the demand captured from competitors: each demand splits
//                 between every open facility and competitor by attractiveness ×
//                 decay (the Huff model), p open
// Required facilities are always open and count towards p; competitors never
// serve, except that they draw demand in market-share.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "siting/problem.hpp"

namespace logiplan::siting {

enum class Model { pmedian, mclp, lscp, pcenter, attendance, market_share, cflp };
bool uses_p(Model m);  // all but lscp and cflp
std::string_view model_name(Model m);
Model parse_model(const std::string& name);  // UsageError naming the models
bool minimises(Model m);                     // mclp, attendance and market-share maximise

// How the share of demand that comes falls with the cost c (in `unit`s: costs
// are divided by it first, so beta reads per minute or per km):
//   linear       1 - c / cutoff (needs a cutoff)
//   power        c^-beta, 1 below one unit (Huff's default, beta 2)
//   exponential  exp(-beta c)
// Beyond the cutoff, when there is one, nothing comes.
struct Decay {
  enum class Kind { linear, power, exponential } kind = Kind::linear;
  double beta = 1.0;
  double unit = 1.0;
};
// "linear", "power", "power:2", "exponential:0.05"; UsageError otherwise.
Decay parse_decay(const std::string& text);

struct ModelSpec {
  Model model = Model::pmedian;
  int p = 1;                 // all but lscp
  double cutoff = kUnreachable;  // mclp, lscp: the coverage standard; attendance, market-share: the reach; in the cost's unit
  Decay decay{};             // attendance, market-share
  double unit_cost = 1.0;    // cflp: per unit of demand weight and unit of cost (second or metre)
  double decay_factor(double cost) const;  // 0..1
};

// What an open set achieves: the objective, and each demand's facility (nullopt:
// unserved — out of reach, or beyond the cutoff for mclp). An infeasible set
// (pmedian/pcenter with a demand out of every open facility's reach, lscp with
// a demand uncovered) has objective +inf (minimising) or -inf.
// For market-share, `assigned` is the open facility that draws the largest
// share of the demand, and `captured` what each facility draws in all; for
// cflp, `assigned` is the facility serving the largest share of a demand and
// `captured` each facility's load.
struct Evaluation {
  double objective = 0;
  std::vector<double> captured;  // market-share, attendance: per facility
  std::vector<std::optional<std::size_t>> assigned;
  bool feasible = true;
};
Evaluation evaluate(const Problem& problem, const ModelSpec& spec, const std::vector<std::size_t>& open);
Evaluation evaluate_market_share(const Problem& problem, const ModelSpec& spec, const std::vector<std::size_t>& open);
// cflp: the cheapest allocation of demand to the open facilities within their
// capacities (a transportation problem, solved as a linear program by CBC).
Evaluation evaluate_cflp(const Problem& problem, const ModelSpec& spec, const std::vector<std::size_t>& open);
// Per demand: the sum of the competitors' attractiveness × decay (market-share).
std::vector<double> competitor_pull(const Problem& problem, const ModelSpec& spec);

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
