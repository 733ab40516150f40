// Siting: exact (CBC), heuristic and brute force agree on small random
// instances for every model; the heuristic's bound is valid (its gap is never
// below the true gap); hand-drawn networks with a known answer; bad input.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.hpp"
#include "siting/cost_table.hpp"
#include "siting/solve.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::siting;

namespace {

// n demand points and m candidates scattered on a plane; cost = distance, some
// pairs unreachable, weights 1..10; the first `required` candidates required.
Problem random_problem(std::mt19937& rng, std::size_t n, std::size_t m, std::size_t required, double unreachable_share) {
  std::uniform_real_distribution<double> xy(0, 100), u(0, 1);
  std::uniform_int_distribution<int> w(1, 10);
  Problem pr;
  std::vector<std::pair<double, double>> d(n), f(m);
  for (std::size_t i = 0; i < n; ++i) d[i] = {xy(rng), xy(rng)}, pr.demands.push_back({fmt::format("d{}", i), "", double(w(rng))});
  for (std::size_t j = 0; j < m; ++j) {
    f[j] = {xy(rng), xy(rng)};
    pr.facilities.push_back({fmt::format("f{}", j), "", j < required ? Role::required : Role::candidate});
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j) {
      const double c = std::hypot(d[i].first - f[j].first, d[i].second - f[j].second);
      pr.costs.push_back(u(rng) < unreachable_share ? kUnreachable : std::round(c * 10) / 10);
    }
  }
  return pr;
}

bool feasible_instance(const Problem& pr, const ModelSpec& spec) {
  try {
    check_instance(pr, spec);
    return true;
  } catch (const DataError&) {
    return false;
  }
}

struct Case {
  Model model;
  int p;
  double cutoff;
};

}  // namespace

TEST(Siting, ExactHeuristicAndBruteForceAgreeOnRandomInstances) {
  std::mt19937 rng(42);
  int compared = 0;
  for (int round = 0; round < 12; ++round) {
    const std::size_t required = round % 3 == 0 ? 1 : 0;
    auto pr = random_problem(rng, 25, 9, required, round % 2 ? 0.15 : 0.0);
    for (const Case c : {Case{Model::pmedian, 3, kUnreachable}, Case{Model::pcenter, 3, kUnreachable},
                         Case{Model::mclp, 2, 30.0}, Case{Model::lscp, 0, 45.0}}) {
      const ModelSpec spec{c.model, c.p, c.cutoff};
      if (!feasible_instance(pr, spec)) continue;
      const auto brute = solve_brute_force(pr, spec);
      SolveOptions o;
      o.time_limit_s = 30;
      const auto exact = solve_exact(pr, spec, o);
      const auto heur = solve_heuristic(pr, spec, o);
      const double opt = brute.evaluation.objective;
      const double tol = 1e-6 * std::max(1.0, std::abs(opt));
      SCOPED_TRACE(fmt::format("round {} model {}", round, model_name(c.model)));
      EXPECT_TRUE(exact.optimal);
      EXPECT_NEAR(exact.evaluation.objective, opt, tol);
      // The heuristic's answer is a real one, no better than the optimum ...
      if (minimises(c.model)) EXPECT_GE(heur.evaluation.objective, opt - tol);
      else EXPECT_LE(heur.evaluation.objective, opt + tol);
      // ... and its bound is valid: the reported gap is never below the true one.
      if (minimises(c.model)) EXPECT_LE(heur.bound, opt + tol);
      else EXPECT_GE(heur.bound, opt - tol);
      const double true_gap = std::abs(heur.evaluation.objective - opt) / std::max(std::abs(heur.evaluation.objective), 1e-9);
      EXPECT_GE(heur.gap() + 1e-9, true_gap);
      // Required facilities are always open.
      for (std::size_t j = 0; j < required; ++j) {
        EXPECT_TRUE(std::count(heur.open.begin(), heur.open.end(), j));
        EXPECT_TRUE(std::count(exact.open.begin(), exact.open.end(), j));
      }
      ++compared;
    }
  }
  EXPECT_GE(compared, 40);
}

TEST(Siting, SameInstanceSameAnswer) {
  std::mt19937 rng(7);
  const auto pr = random_problem(rng, 60, 20, 0, 0.0);
  const ModelSpec spec{Model::pmedian, 4, kUnreachable};
  const auto a = solve_heuristic(pr, spec, {}), b = solve_heuristic(pr, spec, {});
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.evaluation.objective, b.evaluation.objective);
}

// A line of five towns 10 apart, A..E, weights 1, 1, 10, 1, 1; a candidate at
// every town. Each answer below is worked out by hand.
TEST(Siting, HandCheckedLineOfTowns) {
  Problem pr;
  const double w[] = {1, 1, 10, 1, 1};
  for (int i = 0; i < 5; ++i) {
    pr.demands.push_back({std::string(1, char('A' + i)), "", w[i]});
    pr.facilities.push_back({std::string(1, char('A' + i)), "", Role::candidate});
  }
  for (int i = 0; i < 5; ++i) for (int j = 0; j < 5; ++j) pr.costs.push_back(10.0 * std::abs(i - j));
  // p=1: C. Cost A 20 + B 10 + D 10 + E 20 = 60.
  auto s = solve_exact(pr, {Model::pmedian, 1, kUnreachable}, {});
  EXPECT_EQ(s.open, std::vector<std::size_t>{2});
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 60);
  // p=2: C with a neighbour, e.g. {B, C}: A 10 + D 10 + E 20 = 40; {B, D} leaves C's weight 10 at 10: 120.
  s = solve_exact(pr, {Model::pmedian, 2, kUnreachable}, {});
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 40);
  // p-center, p=2: {B, D} (or {A, D}, {B, E}) keeps everyone within 10; no pair does better.
  s = solve_exact(pr, {Model::pcenter, 2, kUnreachable}, {});
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 10);
  // Set covering within 10: B and D cover all five.
  s = solve_exact(pr, {Model::lscp, 0, 10}, {});
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 2);
  // Maximal covering with p=1 within 10: C covers B, C, D = 12 of 14.
  s = solve_exact(pr, {Model::mclp, 1, 10}, {});
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 12);
  // With A required, the second facility must be C: B 10 + D 10 + E 20 = 40 ({A, D}: C alone costs 100).
  pr.facilities[0].role = Role::required;
  s = solve_exact(pr, {Model::pmedian, 2, kUnreachable}, {});
  EXPECT_EQ(s.open, (std::vector<std::size_t>{0, 2}));
  EXPECT_DOUBLE_EQ(s.evaluation.objective, 40);
}

TEST(Siting, BadInstances) {
  Problem pr;
  pr.demands = {{"d0", "", 1}, {"d1", "", 1}};
  pr.facilities = {{"f0", "", Role::candidate}, {"f1", "", Role::candidate}};
  pr.costs = {1, 2, kUnreachable, kUnreachable};
  EXPECT_THROW(check_instance(pr, {Model::pmedian, 3, kUnreachable}), UsageError);  // p above the candidates
  try {
    check_instance(pr, {Model::pmedian, 1, kUnreachable});
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("demand 'd1' ()"), std::string::npos) << e.what();
  }
  pr.costs = {5, 6, 7, 8};
  try {
    check_instance(pr, {Model::mclp, 1, 1.0});
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("a cutoff nobody can meet"), std::string::npos) << e.what();
  }
  EXPECT_THROW(check_instance(pr, {Model::lscp, 0, 5.5}), DataError);  // d1 is 7 from the nearest
}

TEST(SitingCostTable, ReadsPairsWeightsAndRoles) {
  test::TempDir dir;
  test::write_file(dir / "c.csv", "demand,candidate,cost\nA,X,10\nA,Y,unreachable\nB,X,5\nB,Y,\"2,5\"\n");
  test::write_file(dir / "w.csv", "demand,weight\nA,3\nB,4\n");
  const auto pr = read_cost_table((dir / "c.csv").string(), {(dir / "w.csv").string(), {"X"}, {}});
  ASSERT_EQ(pr.demands.size(), 2u);
  EXPECT_EQ(pr.cost(0, 0), 10);
  EXPECT_EQ(pr.cost(0, 1), kUnreachable);
  EXPECT_EQ(pr.cost(1, 1), 2.5);
  EXPECT_EQ(pr.demands[1].weight, 4);
  EXPECT_EQ(pr.facilities[0].role, Role::required);
}

TEST(SitingCostTable, BadTablesNameTheRow) {
  test::TempDir dir;
  auto error = [&](const std::string& costs, const std::string& weights = "") {
    test::write_file(dir / "c.csv", costs);
    CostTableOptions o;
    if (!weights.empty()) test::write_file(dir / "w.csv", weights), o.weights_path = (dir / "w.csv").string();
    try {
      read_cost_table((dir / "c.csv").string(), o);
    } catch (const DataError& e) {
      return std::string(e.what()).substr((dir / "").string().size());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("demand,candidate,cost\nA,X,1\nA,X,2\n"), "c.csv: row 3: the pair demand 'A' – candidate 'X' repeats row 2");
  EXPECT_EQ(error("demand,candidate,cost\nA,X,1\nB,Y,2\n"),
            "c.csv: no row for demand 'A' and candidate 'Y' (every pair needs a row; leave the cost empty for a pair no "
            "vehicle can make)");
  EXPECT_EQ(error("demand,candidate,cost\nA,X,abc\n"),
            "c.csv: row 2: cost 'abc' is not a number (leave it empty, or write 'unreachable', for a pair no vehicle can make)");
  EXPECT_EQ(error("demand,candidate,cost\nA,X,-4\n"), "c.csv: row 2: cost -4 is negative");
  EXPECT_EQ(error("demand,candidate,price\nA,X,1\n"), "c.csv: no column 'cost' (columns: demand, candidate, price)");
  EXPECT_EQ(error("demand,candidate,cost\nA,X,1\n", "demand,weight\nA,heavy\n"), "w.csv: row 2: weight 'heavy' is not a number");
  EXPECT_EQ(error("demand,candidate,cost\nA,X,1\n", "demand,weight\nA,-1\n"), "w.csv: row 2: weight -1 is negative");
}
