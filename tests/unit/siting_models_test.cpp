// Siting, the decay models and the multi-criteria scoring: attendance and market
// share agree with brute force (every set) on random instances, and the
// heuristic's submodular bound is never below the optimum; hand-worked Huff and
// attendance figures; AHP weights against a textbook matrix and a consistent
// matrix built from known weights; the sensitivity table; zone grids.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.hpp"
#include "siting/mcda.hpp"
#include "siting/solve.hpp"
#include "siting/zone_candidates.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::siting;

namespace {

// Demand points and facilities on a 60 x 60 plane; cost = distance in "minutes"
// (unit 1); the last `competitors` facilities are competitors, attractiveness 1..5.
Problem random_problem(std::mt19937& rng, std::size_t n, std::size_t m, std::size_t required, std::size_t competitors) {
  std::uniform_real_distribution<double> xy(0, 60);
  std::uniform_int_distribution<int> w(1, 10), a(1, 5);
  Problem pr;
  std::vector<std::pair<double, double>> d(n), f(m);
  for (std::size_t i = 0; i < n; ++i) d[i] = {xy(rng), xy(rng)}, pr.demands.push_back({fmt::format("d{}", i), "", double(w(rng))});
  for (std::size_t j = 0; j < m; ++j) {
    f[j] = {xy(rng), xy(rng)};
    const Role role = j < required ? Role::required : j >= m - competitors ? Role::competitor : Role::candidate;
    pr.facilities.push_back({fmt::format("f{}", j), "", role, double(a(rng))});
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j) pr.costs.push_back(std::hypot(d[i].first - f[j].first, d[i].second - f[j].second));
  }
  return pr;
}

}  // namespace

TEST(SitingDecayModels, AgreeWithBruteForceAndBoundsHold) {
  std::mt19937 rng(2026);
  int compared = 0;
  for (int round = 0; round < 10; ++round) {
    const std::size_t required = round % 3 == 0 ? 1 : 0;
    const auto pr = random_problem(rng, 30, 12, required, 3);
    std::vector<ModelSpec> specs;
    for (const char* decay : {"linear", "power:2", "exponential:0.1"}) {
      for (const Model model : {Model::attendance, Model::market_share}) {
        ModelSpec spec{model, 3, std::string(decay) == "linear" ? 40.0 : kUnreachable};
        spec.decay = parse_decay(decay);
        specs.push_back(spec);
      }
    }
    for (const auto& spec : specs) {
      SCOPED_TRACE(fmt::format("round {} {} decay {}", round, model_name(spec.model), int(spec.decay.kind)));
      const auto brute = solve_brute_force(pr, spec);
      const double opt = brute.evaluation.objective;
      const double tol = 1e-7 * std::max(1.0, opt);
      SolveOptions o;
      o.time_limit_s = 30;
      if (spec.model == Model::attendance) {
        const auto exact = solve_exact(pr, spec, o);
        EXPECT_TRUE(exact.optimal);
        EXPECT_NEAR(exact.evaluation.objective, opt, tol);
      } else {
        EXPECT_THROW(solve_exact(pr, spec, o), UsageError);  // not linear
      }
      const auto heur = solve_heuristic(pr, spec, o);
      EXPECT_LE(heur.evaluation.objective, opt + tol);  // a real answer
      EXPECT_GE(heur.bound, opt - tol);                 // an upper bound no answer beats
      const double true_gap = (opt - heur.evaluation.objective) / std::max(heur.evaluation.objective, 1e-9);
      EXPECT_GE(heur.gap() + 1e-9, true_gap);
      for (std::size_t j = 0; j < required; ++j) EXPECT_TRUE(std::count(heur.open.begin(), heur.open.end(), j));
      for (const auto j : heur.open) EXPECT_NE(pr.facilities[j].role, Role::competitor);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 60);
}

// One demand point of weight 100; our candidate X 1 min away (attractiveness
// 2), candidate Y 4 min away, a competitor Z 2 min away (attractiveness 1).
TEST(SitingDecayModels, HandWorkedHuffAndAttendance) {
  Problem pr;
  pr.demands = {{"d", "", 100}};
  pr.facilities = {{"X", "", Role::candidate, 2}, {"Y", "", Role::candidate, 1}, {"Z", "", Role::competitor, 1}};
  pr.costs = {1, 4, 2};
  ModelSpec spec{Model::market_share, 1, kUnreachable};
  spec.decay = parse_decay("power:2");
  // Huff: X pulls 2 x 1^-2 = 2, Z pulls 1 x 2^-2 = 0.25: X captures 100 x 2 / 2.25.
  auto s = solve_brute_force(pr, spec);
  EXPECT_EQ(s.open, std::vector<std::size_t>{0});
  EXPECT_NEAR(s.evaluation.objective, 100 * 2 / 2.25, 1e-9);
  // With both open (p=2): Y adds 1 x 4^-2 = 0.0625: (2.0625 / 2.3125) of 100.
  spec.p = 2;
  s = solve_brute_force(pr, spec);
  EXPECT_NEAR(s.evaluation.objective, 100 * 2.0625 / 2.3125, 1e-9);
  EXPECT_NEAR(s.evaluation.captured[0] + s.evaluation.captured[1], s.evaluation.objective, 1e-9);
  // Attendance, linear to a 5-minute reach: from X, 100 x (1 - 1/5) = 80; from Y 20.
  ModelSpec att{Model::attendance, 1, 5.0};
  s = solve_exact(pr, att, {});
  EXPECT_EQ(s.open, std::vector<std::size_t>{0});
  EXPECT_NEAR(s.evaluation.objective, 80, 1e-9);
  // Exponential, beta 0.5 per minute: 100 e^-0.5.
  att.cutoff = kUnreachable;
  att.decay = parse_decay("exponential:0.5");
  EXPECT_NEAR(evaluate(pr, att, {0}).objective, 100 * std::exp(-0.5), 1e-9);
  // Costs in seconds with beta per minute: decay.unit 60 reads 60 s as one minute.
  Problem sec = pr;
  for (auto& c : sec.costs) c *= 60;
  att.decay.unit = 60;
  EXPECT_NEAR(evaluate(sec, att, {0}).objective, 100 * std::exp(-0.5), 1e-9);
}

TEST(SitingDecayModels, BadSpecs) {
  EXPECT_THROW(parse_decay("gaussian"), UsageError);
  EXPECT_THROW(parse_decay("power:-1"), UsageError);
  EXPECT_THROW(parse_decay("linear:2"), UsageError);
  Problem pr;
  pr.demands = {{"d", "", 1}};
  pr.facilities = {{"X", "", Role::candidate, 1}};
  pr.costs = {1};
  EXPECT_THROW(check_instance(pr, ModelSpec{Model::attendance, 1, kUnreachable}), UsageError);  // linear needs a cutoff
  pr.facilities[0].attractiveness = 0;
  ModelSpec ms{Model::market_share, 1, kUnreachable};
  ms.decay = parse_decay("power");
  EXPECT_THROW(check_instance(pr, ms), DataError);
}

// Saaty's three-criteria example (1980): weights 0.637, 0.258, 0.105, lambda_max 3.039, CR 0.033.
TEST(SitingMcda, AhpTextbookMatrix) {
  const auto ahp = ahp_weights({"a", "b", "c"}, {{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}});
  EXPECT_NEAR(ahp.weights[0], 0.637, 0.001);
  EXPECT_NEAR(ahp.weights[1], 0.258, 0.001);
  EXPECT_NEAR(ahp.weights[2], 0.105, 0.001);
  EXPECT_NEAR(ahp.lambda_max, 3.039, 0.001);
  EXPECT_NEAR(ahp.consistency_ratio, 0.033, 0.001);
}

// A perfectly consistent matrix a_rc = w_r / w_c gives back w and CR 0.
TEST(SitingMcda, AhpConsistentMatrixGivesItsWeights) {
  const std::vector<double> w = {0.4, 0.3, 0.2, 0.1};
  std::vector<std::vector<double>> m(4, std::vector<double>(4));
  for (int r = 0; r < 4; ++r) for (int c = 0; c < 4; ++c) m[r][c] = w[r] / w[c];
  const auto ahp = ahp_weights({"a", "b", "c", "d"}, m);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(ahp.weights[k], w[k], 1e-9);
  EXPECT_NEAR(ahp.consistency_ratio, 0, 1e-9);
}

TEST(SitingMcda, AhpBadMatrices) {
  try {
    ahp_weights({"time", "rail"}, {{1, 3}, {3, 1}});
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              "AHP matrix is not reciprocal: row 'time', column 'rail' is 3 but row 'rail', column 'time' is 3 (it must be "
              "1/3 = 0.3333)");
  }
  EXPECT_THROW(ahp_weights({"a", "b"}, {{2, 1}, {1, 1}}), DataError);       // diagonal
  EXPECT_THROW(ahp_weights({"a", "b"}, {{1, -1}, {-1, 1}}), DataError);     // negative
  // Cyclic preferences (a > b > c > a): far above 0.1.
  const auto bad = ahp_weights({"a", "b", "c"}, {{1, 9, 1.0 / 9}, {1.0 / 9, 1, 9}, {9, 1.0 / 9, 1}});
  EXPECT_GT(bad.consistency_ratio, 1.0);
  test::TempDir dir;
  test::write_file(dir / "m.csv", ",a,b\na,1,1/3\nb,3,1\n");
  const auto [names, m] = read_ahp_matrix((dir / "m.csv").string());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
  EXPECT_NEAR(m[0][1], 1.0 / 3, 1e-12);
  test::write_file(dir / "m.csv", ",a,b\na,1,x\nb,3,1\n");
  try {
    read_ahp_matrix((dir / "m.csv").string());
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2, column 'b': 'x' is not a positive number or fraction"), std::string::npos)
        << e.what();
  }
}

TEST(SitingMcda, NormaliseRankAndSensitivity) {
  const Criterion more{"area", true, {10.0, 20.0, std::nullopt}};
  EXPECT_EQ(normalise(more), (std::vector<double>{0, 1, 0}));
  const Criterion less{"time", false, {10.0, 20.0, 15.0}};
  EXPECT_EQ(normalise(less), (std::vector<double>{1, 0, 0.5}));
  // A is best on c1, B on c2, C fair on both: with equal weights C wins (0.55);
  // c1 up 20 % (0.6 / 0.4) puts A first (0.6); c1 down puts B first.
  const std::vector<Criterion> cs = {{"c1", true, {1.0, 0.0, 0.55}}, {"c2", true, {0.0, 1.0, 0.55}}};
  const std::vector<std::vector<double>> norm = {normalise(cs[0]), normalise(cs[1])};
  const auto r = rank(norm, {0.5, 0.5});
  EXPECT_EQ(r.order.front(), 2u);
  const auto table = sensitivity(cs, norm, {0.5, 0.5});
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(table[0].top, 1u);  // c1 -20 %: B
  EXPECT_EQ(table[1].top, 0u);  // c1 +20 %: A
  // Base order C, A, B (A and B tie; the lower index first): B climbs two places, A one.
  EXPECT_EQ(table[0].max_shift, 2u);
  EXPECT_EQ(table[1].max_shift, 1u);
}

// A zone of 0.1 x 0.1 degrees by Hải Phòng: a 2 km grid inside it. Checked
// without the code's UTM frame: every point inside the lon/lat square, about
// area / 4 km² points, neighbours 2 km apart by the haversine formula.
TEST(SitingZones, GridInsideZone) {
  Zone z{"z", "Z", "free_trade_zone", {{{{106.70, 20.80}, {106.80, 20.80}, {106.80, 20.90}, {106.70, 20.90}, {106.70, 20.80}}}}};
  const auto pts = zone_grid(z, 2000);
  const double area_km2 = (0.1 * 111.32 * std::cos(20.85 * M_PI / 180)) * (0.1 * 110.7);
  EXPECT_NEAR(static_cast<double>(pts.size()), area_km2 / 4, area_km2 / 4 * 0.15);
  auto haversine = [](network::LonLat a, network::LonLat b) {
    const double r = 6371008.8, p1 = a.lat * M_PI / 180, p2 = b.lat * M_PI / 180;
    const double dp = p2 - p1, dl = (b.lon - a.lon) * M_PI / 180;
    const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * r * std::asin(std::sqrt(h));
  };
  for (const auto& p : pts) {
    EXPECT_TRUE(p.at.lon > 106.70 && p.at.lon < 106.80 && p.at.lat > 20.80 && p.at.lat < 20.90);
  }
  ASSERT_GE(pts.size(), 2u);
  EXPECT_NEAR(haversine(pts[0].at, pts[1].at), 2000, 4);  // same row, 0.9996 UTM scale and a little more
  EXPECT_THROW(zone_grid(z, 10), UsageError);  // 10 m: too many points
}

// Two demand points of weight 10; A (fixed 10, capacity 15, 1 min from both),
// B (fixed 30, no limit, 5 min from both). {B}: 30 + 5 x 20 = 130; {A, B}: 40 +
// A serves 15 at 1 and B 5 at 5 = 80, the optimum, with A full; {A} alone
// cannot hold the 20.
TEST(SitingCflp, HandWorkedSplitAtCapacity) {
  Problem pr;
  pr.demands = {{"d1", "", 10}, {"d2", "", 10}};
  pr.facilities = {{"A", "", Role::candidate}, {"B", "", Role::candidate}};
  pr.facilities[0].fixed_cost = 10, pr.facilities[0].capacity = 15;
  pr.facilities[1].fixed_cost = 30;
  pr.costs = {1, 5, 1, 5};
  const ModelSpec spec{Model::cflp, 0, kUnreachable};
  EXPECT_FALSE(evaluate(pr, spec, {0}).feasible);
  EXPECT_NEAR(evaluate(pr, spec, {1}).objective, 130, 1e-6);
  const auto s = solve_exact(pr, spec, {});
  EXPECT_TRUE(s.optimal);
  EXPECT_EQ(s.open, (std::vector<std::size_t>{0, 1}));
  EXPECT_NEAR(s.evaluation.objective, 80, 1e-6);
  EXPECT_NEAR(s.evaluation.captured[0], 15, 1e-6);
  EXPECT_NEAR(s.evaluation.captured[1], 5, 1e-6);
  EXPECT_THROW(solve_heuristic(pr, spec, {}), UsageError);  // CBC only
  pr.facilities[1].capacity = 4;  // 19 in all for 20
  EXPECT_THROW(check_instance(pr, spec), DataError);
}

TEST(SitingCflp, ExactAgreesWithBruteForce) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> fixed(50, 400), cap(20, 80);
  for (int round = 0; round < 8; ++round) {
    auto pr = random_problem(rng, 15, 8, round % 2, 0);
    double total = 0;
    for (const auto& d : pr.demands) total += d.weight;
    for (auto& f : pr.facilities) f.fixed_cost = std::round(fixed(rng)), f.capacity = std::round(cap(rng));
    ModelSpec spec{Model::cflp, 0, kUnreachable};
    spec.unit_cost = 0.5;
    SCOPED_TRACE(fmt::format("round {}, demand {}", round, total));
    const auto brute = solve_brute_force(pr, spec);
    const auto exact = solve_exact(pr, spec, {});
    EXPECT_TRUE(exact.optimal);
    EXPECT_NEAR(exact.evaluation.objective, brute.evaluation.objective, 1e-6 * brute.evaluation.objective);
    double load = 0;
    for (const auto j : exact.open) {
      EXPECT_LE(exact.evaluation.captured[j], pr.facilities[j].capacity + 1e-6);
      load += exact.evaluation.captured[j];
    }
    EXPECT_NEAR(load, total, 1e-6);
  }
}
