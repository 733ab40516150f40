#pragma once
// Solving a location model three ways, behind one call:
//   exact      a mixed-integer program solved by CBC (COIN-OR, from Debian): the
//              optimum, or within --time-limit the best found and CBC's bound;
//   heuristic  a greedy start and vertex substitution (Teitz–Bart interchange)
//              from several seeded starts, with a Lagrangian bound, for instances
//              too large for the exact solve;
//   brute      every subset (tests and tiny instances).
// Every solution states its objective, a bound no solution can beat, and the gap.
#include <cstddef>
#include <cstdint>

#include "core/progress.hpp"
#include "siting/models.hpp"

namespace logiplan::siting {

enum class Method { automatic, exact, heuristic, brute };
Method parse_method(const std::string& name);

struct SolveOptions {
  Method method = Method::automatic;
  double time_limit_s = 60;
  std::uint32_t seed = 20261130;  // the same instance always gives the same answer
  int starts = 8;                 // heuristic: greedy + random starts
  // automatic: exact up to this many reachable demand–facility pairs (measured:
  // CBC solves the p-median of 40 x 400 in about a second), the heuristic beyond.
  std::size_t exact_pair_limit = 40'000;
  // exact: start CBC from a quick heuristic answer (one greedy + interchange),
  // so a time limit still ends with an answer and CBC's bound on it.
  bool warm_start = true;
};

Solution solve(const Problem& problem, const ModelSpec& spec, const SolveOptions& options = {},
               const Progress& progress = {});

Solution solve_exact(const Problem& problem, const ModelSpec& spec, const SolveOptions& options);
Solution solve_heuristic(const Problem& problem, const ModelSpec& spec, const SolveOptions& options,
                         const Progress& progress = {});
// All subsets of the candidates (of size p, or of every size for lscp); refuses
// more than kBruteForceLimit subsets.
inline constexpr double kBruteForceLimit = 4'194'304;  // 2^22
Solution solve_brute_force(const Problem& problem, const ModelSpec& spec);
// How many sets brute force would try.
double subset_count(const Problem& problem, const ModelSpec& spec);

// The Lagrangian bound the heuristic reports (exposed for tests): a lower bound
// on the optimum when the model minimises, an upper bound when it maximises.
double lagrangian_bound(const Problem& problem, const ModelSpec& spec, double incumbent, int iterations = 300);
// For the maximising models (monotone submodular in the open set): the answer
// `open` plus its k best single additions, k the free places left in p. No
// answer captures more.
double submodular_bound(const Problem& problem, const ModelSpec& spec, const std::vector<std::size_t>& open);

}  // namespace logiplan::siting
