// Validation on a published benchmark with known optima: OR-Library p-median
// instances pmed1 and pmed5 (Beasley 1985). Costs are shortest paths over the
// instance's graph (Floyd–Warshall here); an edge listed twice keeps its last cost.
#include <gtest/gtest.h>

#include <fstream>

#include "siting/solve.hpp"

using namespace logiplan::siting;

namespace {

std::pair<Problem, ModelSpec> read_orlib(const std::string& path) {
  std::ifstream in(path);
  std::size_t n = 0, edges = 0;
  int p = 0;
  in >> n >> edges >> p;
  std::vector<double> d(n * n, kUnreachable);
  for (std::size_t i = 0; i < n; ++i) d[i * n + i] = 0;
  for (std::size_t e = 0; e < edges; ++e) {
    std::size_t a = 0, b = 0;
    double c = 0;
    in >> a >> b >> c;
    d[(a - 1) * n + (b - 1)] = d[(b - 1) * n + (a - 1)] = c;  // the last listing counts
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) d[i * n + j] = std::min(d[i * n + j], d[i * n + k] + d[k * n + j]);
  Problem pr;
  for (std::size_t i = 0; i < n; ++i) {
    pr.demands.push_back({std::to_string(i + 1), "", 1.0});
    pr.facilities.push_back({std::to_string(i + 1), "", Role::candidate});
  }
  pr.costs = d;
  return {pr, ModelSpec{Model::pmedian, p, kUnreachable}};
}

void check(const std::string& name, double optimum) {
  const auto [pr, spec] = read_orlib(std::string(LOGIPLAN_SOURCE_DIR) + "/tests/data/orlib/" + name);
  SolveOptions o;
  o.time_limit_s = 120;
  const auto exact = solve_exact(pr, spec, o);
  EXPECT_TRUE(exact.optimal) << name;
  EXPECT_DOUBLE_EQ(exact.evaluation.objective, optimum) << name;
  const auto heur = solve_heuristic(pr, spec, o);
  EXPECT_GE(heur.evaluation.objective, optimum) << name;
  EXPECT_LE(heur.bound, optimum + 1e-6) << name;
  // Printed for the README's table.
  std::printf("%s: optimum %.0f; exact %.0f (%s, %.2f s); heuristic %.0f, bound %.1f, gap %.2f %% (%.2f s)\n",
              name.c_str(), optimum, exact.evaluation.objective, exact.optimal ? "proven" : "not proven", exact.seconds,
              heur.evaluation.objective, heur.bound, 100 * heur.gap(), heur.seconds);
}

}  // namespace

TEST(SitingOrLibrary, Pmed1) { check("pmed1.txt", 5819); }
TEST(SitingOrLibrary, Pmed5) { check("pmed5.txt", 1355); }
