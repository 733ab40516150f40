#include "siting/solve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <optional>

#include "core/error.hpp"
#include "siting/cbc_model.hpp"

namespace logiplan::siting {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

Method parse_method(const std::string& name) {
  if (name == "auto") return Method::automatic;
  if (name == "exact") return Method::exact;
  if (name == "heuristic") return Method::heuristic;
  if (name == "brute") return Method::brute;
  throw UsageError(fmt::format("unknown solver '{}' (auto, exact, heuristic, brute)", name));
}

// The models as integer programs (all minimised; mclp as minus the coverage):
//   y_j in {0,1} open (required: fixed at 1); x_ij >= 0 share of demand i served by j
//   pmedian  min sum w_i c_ij x_ij   s.t. sum_j x_ij = 1, x_ij <= y_j, sum_j y_j = p
//   pcenter  min W                   s.t. the same, and sum_j c_ij x_ij <= W
//   mclp     min -sum w_i z_i        s.t. z_i <= sum_{j: c_ij <= cutoff} y_j, sum_j y_j = p, z_i in {0,1}
//   lscp     min sum y_j             s.t. sum_{j: c_ij <= cutoff} y_j >= 1
//   attendance  min -sum w_i f(c_ij) x_ij  s.t. sum_j x_ij <= 1, x_ij <= y_j, sum_j y_j = p
//   cflp     min sum f_j y_j + u sum w_i c_ij x_ij  s.t. sum_j x_ij = 1, x_ij <= y_j,
//            sum_i w_i x_ij <= Q_j y_j (capacity)
//            (the most that comes is from the nearest open facility, so the optimum assigns there)
// Market share is not linear in the open set (each demand splits between all of
// them); it is solved by the heuristic, with its submodular bound, or brute force.
Solution solve_exact(const Problem& pr, const ModelSpec& spec, const SolveOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  check_instance(pr, spec);
  if (spec.model == Model::market_share) {
    throw UsageError("market-share (the Huff model) is not a linear program: use --solver heuristic (with its bound and "
                     "gap) or brute");
  }
  const auto n = pr.demands.size(), m = pr.facilities.size();
  MipModel mip;
  std::vector<int> y(m, -1);
  for (std::size_t j = 0; j < m; ++j) {
    const auto role = pr.facilities[j].role;
    if (role == Role::competitor) continue;
    const double open_cost = spec.model == Model::lscp ? 1 : spec.model == Model::cflp ? pr.facilities[j].fixed_cost : 0;
    y[j] = mip.add_column(role == Role::required ? 1 : 0, 1, open_cost, true);
  }
  std::vector<MipModel::Term> p_row;
  for (std::size_t j = 0; j < m; ++j) if (y[j] >= 0) p_row.push_back({y[j], 1.0});
  const double p = spec.p;
  int w_col = -1;
  if (spec.model == Model::pcenter) w_col = mip.add_column(0, 1e300, 1, false);
  std::vector<std::vector<MipModel::Term>> load(m);  // cflp
  std::vector<int> z_col(n, -1);                     // mclp: demand i covered
  for (std::size_t i = 0; i < n; ++i) {
    const double w = pr.demands[i].weight;
    if (spec.model == Model::attendance) {
      std::vector<MipModel::Term> assign;
      for (std::size_t j = 0; j < m; ++j) {
        const double came = w * spec.decay_factor(pr.cost(i, j));
        if (y[j] < 0 || !(came > 0)) continue;
        const int x = mip.add_column(0, 1, -came, false);
        assign.push_back({x, 1.0});
        mip.add_row({{x, 1.0}, {y[j], -1.0}}, -1e300, 0);
      }
      if (!assign.empty()) mip.add_row(assign, 0, 1);
    } else if (spec.model == Model::pmedian || spec.model == Model::pcenter || spec.model == Model::cflp) {
      std::vector<MipModel::Term> assign, radius;
      for (std::size_t j = 0; j < m; ++j) {
        const double c = pr.cost(i, j);
        if (y[j] < 0 || !std::isfinite(c)) continue;
        const double cost = spec.model == Model::pmedian ? w * c : spec.model == Model::cflp ? spec.unit_cost * w * c : 0;
        const int x = mip.add_column(0, 1, cost, false);
        assign.push_back({x, 1.0});
        radius.push_back({x, c});
        if (spec.model == Model::cflp) load[j].push_back({x, w});
        mip.add_row({{x, 1.0}, {y[j], -1.0}}, -1e300, 0);
      }
      mip.add_row(assign, 1, 1);
      if (spec.model == Model::pcenter) {
        radius.push_back({w_col, -1.0});
        mip.add_row(radius, -1e300, 0);
      }
    } else {
      std::vector<MipModel::Term> cover;
      for (std::size_t j = 0; j < m; ++j) {
        if (y[j] >= 0 && pr.cost(i, j) <= spec.cutoff) cover.push_back({y[j], 1.0});
      }
      if (spec.model == Model::lscp) {
        mip.add_row(cover, 1, 1e300);
      } else {
        const int z = mip.add_column(0, 1, -w, true);
        z_col[i] = z;
        cover.push_back({z, -1.0});
        mip.add_row(cover, 0, 1e300);
      }
    }
  }
  if (uses_p(spec.model)) mip.add_row(p_row, p, p);
  // A quick heuristic answer to start from (not for cflp: the heuristic does not solve it).
  std::optional<Solution> start;
  if (o.warm_start && spec.model != Model::cflp) {
    SolveOptions quick = o;
    quick.starts = 1;
    quick.time_limit_s = std::max(1.0, o.time_limit_s / 10);
    start = solve_heuristic(pr, spec, quick);
    std::vector<MipModel::Term> values;
    for (const auto j : start->open) if (y[j] >= 0) values.push_back({y[j], 1.0});
    for (std::size_t i = 0; i < z_col.size(); ++i) {
      if (z_col[i] >= 0 && start->evaluation.assigned[i]) values.push_back({z_col[i], 1.0});
    }
    mip.set_start(std::move(values));
  }
  for (std::size_t j = 0; j < m && spec.model == Model::cflp; ++j) {
    if (y[j] < 0 || !std::isfinite(pr.facilities[j].capacity)) continue;
    auto row = load[j];
    row.push_back({y[j], -pr.facilities[j].capacity});
    mip.add_row(row, -1e300, 0);
  }
  const auto r = mip.minimise(o.time_limit_s);
  Solution s;
  s.method = "cbc";
  if (!r.has_solution && start) {
    // CBC found nothing better in the time: the heuristic's answer, with the better bound.
    Solution s = *start;
    s.method = "cbc (time limit; heuristic answer)";
    if (std::isfinite(r.bound) && std::abs(r.bound) < 1e50) {
      const double cbc_bound = minimises(spec.model) ? r.bound : -r.bound;
      s.bound = minimises(spec.model) ? std::max(s.bound, cbc_bound) : std::min(s.bound, cbc_bound);
    }
    s.seconds = since(t0);
    return s;
  }
  if (!r.has_solution) {
    throw DataError(fmt::format("CBC found no solution of the {} model in {} s ({} variables, {} constraints); raise "
                                "--time-limit or use --solver heuristic",
                                model_name(spec.model), o.time_limit_s, mip.columns(), mip.rows()));
  }
  for (std::size_t j = 0; j < m; ++j) {
    if (y[j] >= 0 && r.values[static_cast<std::size_t>(y[j])] > 0.5) s.open.push_back(j);
  }
  s.evaluation = evaluate(pr, spec, s.open);
  s.optimal = r.optimal;
  s.bound = minimises(spec.model) ? r.bound : -r.bound;
  if (spec.model == Model::lscp) s.bound = std::ceil(s.bound - 1e-6);
  if (s.optimal) s.bound = s.evaluation.objective;
  s.seconds = since(t0);
  return s;
}

double subset_count(const Problem& pr, const ModelSpec& spec) {
  std::size_t required = 0, free = 0;
  for (const auto& f : pr.facilities) required += f.role == Role::required, free += f.role == Role::candidate;
  if (!uses_p(spec.model)) return std::ldexp(1.0, static_cast<int>(std::min<std::size_t>(free, 1000)));
  const auto k = static_cast<std::size_t>(std::max(0, spec.p - static_cast<int>(required)));
  if (k > free) return 0;
  double c = 1;  // free choose k
  for (std::size_t i = 1; i <= k; ++i) c = c * static_cast<double>(free - k + i) / static_cast<double>(i);
  return c;
}

Solution solve_brute_force(const Problem& pr, const ModelSpec& spec) {
  const auto t0 = std::chrono::steady_clock::now();
  check_instance(pr, spec);
  std::vector<std::size_t> required, free;
  for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
    if (pr.facilities[j].role == Role::required) required.push_back(j);
    else if (pr.facilities[j].role == Role::candidate) free.push_back(j);
  }
  const double subsets = subset_count(pr, spec);
  if (subsets > kBruteForceLimit) {
    throw UsageError(fmt::format("--solver brute: {:.3g} sets of facilities to try is too many (at most {:.0f})", subsets,
                                 kBruteForceLimit));
  }
  Solution best;
  best.method = "brute-force";
  bool found = false;
  const bool min = minimises(spec.model);
  auto consider = [&](std::vector<std::size_t> open) {
    std::sort(open.begin(), open.end());
    auto ev = evaluate(pr, spec, open);
    if (!ev.feasible) return;
    if (!found || (min ? ev.objective < best.evaluation.objective : ev.objective > best.evaluation.objective)) {
      best.open = std::move(open), best.evaluation = std::move(ev), found = true;
    }
  };
  if (!uses_p(spec.model)) {
    for (std::uint32_t mask = 0; mask < (1u << free.size()); ++mask) {
      std::vector<std::size_t> open = required;
      for (std::size_t k = 0; k < free.size(); ++k) if (mask & (1u << k)) open.push_back(free[k]);
      consider(std::move(open));
    }
  } else {
    // Every k-subset of the free candidates, in lexicographic order of positions.
    const std::size_t k = static_cast<std::size_t>(spec.p) - required.size();
    std::vector<std::size_t> pos(k);
    for (std::size_t i = 0; i < k; ++i) pos[i] = i;
    while (true) {
      std::vector<std::size_t> open = required;
      for (const auto i : pos) open.push_back(free[i]);
      consider(std::move(open));
      std::size_t i = k;
      while (i > 0 && pos[i - 1] == free.size() - k + i - 1) --i;
      if (i == 0) break;
      ++pos[i - 1];
      for (std::size_t j = i; j < k; ++j) pos[j] = pos[j - 1] + 1;
    }
  }
  if (!found) throw DataError(fmt::format("no feasible set of facilities for the {} model", model_name(spec.model)));
  best.optimal = true;
  best.bound = best.evaluation.objective;
  best.seconds = since(t0);
  return best;
}

Solution solve(const Problem& pr, const ModelSpec& spec, const SolveOptions& o, const Progress& progress) {
  Method method = o.method;
  if (method == Method::automatic) {
    std::size_t pairs = 0;
    for (const double c : pr.costs) pairs += std::isfinite(c);
    if (spec.model == Model::cflp) {
      method = Method::exact;  // CBC at any size: within --time-limit, its best and its bound
    } else if (spec.model == Model::market_share) {
      // Not linear: every set when there are few enough, the heuristic beyond.
      method = subset_count(pr, spec) * static_cast<double>(pairs) <= 2e8 ? Method::brute : Method::heuristic;
    } else {
      method = pairs <= o.exact_pair_limit ? Method::exact : Method::heuristic;
    }
  }
  switch (method) {
    case Method::exact: return solve_exact(pr, spec, o);
    case Method::brute: return solve_brute_force(pr, spec);
    default: return solve_heuristic(pr, spec, o, progress);
  }
}

}  // namespace logiplan::siting
