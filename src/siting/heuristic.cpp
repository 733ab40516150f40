// The heuristic solver: greedy construction, then vertex substitution (swap an
// open facility for a closed candidate while the objective improves; Teitz &
// Bart 1968, with the best/second-best bookkeeping of Whitaker's fast
// interchange), from a greedy start and seeded random starts; and the
// Lagrangian bounds that make its gap honest.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/error.hpp"
#include "siting/solve.hpp"

namespace logiplan::siting {

namespace {

struct Sets {
  std::vector<std::size_t> required, free;  // facility indices
};
Sets sets_of(const Problem& pr) {
  Sets s;
  for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
    if (pr.facilities[j].role == Role::required) s.required.push_back(j);
    else if (pr.facilities[j].role == Role::candidate) s.free.push_back(j);
  }
  return s;
}

// The score a fixed-p search minimises, from each demand's cost to its nearest
// open facility: first how many demands no open facility reaches (so a search
// that starts infeasible still moves towards serving everyone), then the objective.
struct Score {
  std::size_t unserved = 0;
  double value = 0;
  bool better_than(const Score& o) const {
    if (unserved != o.unserved) return unserved < o.unserved;
    return value < o.value - 1e-9 * std::max(1.0, std::abs(o.value));
  }
};
Score score(const Problem& pr, const ModelSpec& spec, const std::vector<double>& v) {
  Score s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (minimises(spec.model) && !std::isfinite(v[i])) {
      ++s.unserved;
      continue;
    }
    switch (spec.model) {
      case Model::pmedian: s.value += pr.demands[i].weight * v[i]; break;
      case Model::pcenter: s.value = std::max(s.value, v[i]); break;
      case Model::mclp: s.value -= v[i] <= spec.cutoff ? pr.demands[i].weight : 0.0; break;
      case Model::attendance: s.value -= pr.demands[i].weight * spec.decay_factor(v[i]); break;
      case Model::lscp:
      case Model::market_share:
      case Model::cflp: break;
    }
  }
  return s;
}

// Nearest and second-nearest open facility of every demand.
struct Nearest {
  std::vector<double> best, second;
  std::vector<std::size_t> best_j;
  void compute(const Problem& pr, const std::vector<std::size_t>& open) {
    const auto n = pr.demands.size();
    best.assign(n, kUnreachable), second.assign(n, kUnreachable), best_j.assign(n, SIZE_MAX);
    for (std::size_t i = 0; i < n; ++i) {
      for (const auto j : open) {
        const double c = pr.cost(i, j);
        if (c < best[i]) second[i] = best[i], best[i] = c, best_j[i] = j;
        else if (c < second[i]) second[i] = c;
      }
    }
  }
};

// Fixed-p models: local search from `open` until no swap improves.
Score interchange(const Problem& pr, const ModelSpec& spec, const Sets& sets, std::vector<std::size_t>& open,
                   std::chrono::steady_clock::time_point deadline) {
  Nearest near;
  near.compute(pr, open);
  Score current = score(pr, spec, near.best);
  std::vector<double> v(pr.demands.size());
  for (bool improved = true; improved && std::chrono::steady_clock::now() < deadline;) {
    improved = false;
    for (std::size_t slot = 0; slot < open.size(); ++slot) {
      const auto out = open[slot];
      if (pr.facilities[out].role == Role::required) continue;
      Score best_score = current;
      std::size_t best_in = SIZE_MAX;
      for (const auto in : sets.free) {
        if (std::find(open.begin(), open.end(), in) != open.end()) continue;
        for (std::size_t i = 0; i < v.size(); ++i) {
          v[i] = std::min(near.best_j[i] == out ? near.second[i] : near.best[i], pr.cost(i, in));
        }
        const Score s = score(pr, spec, v);
        if (s.better_than(best_score)) best_score = s, best_in = in;
      }
      if (best_in != SIZE_MAX) {
        open[slot] = best_in;
        near.compute(pr, open);
        current = score(pr, spec, near.best);
        improved = true;
      }
    }
  }
  std::sort(open.begin(), open.end());
  return current;
}

// Market share (Huff): each demand's pull from our open facilities, U_i, and
// from the competitors, C_i; what it gives us is w_i U_i / (U_i + C_i). A swap
// changes U_i by the attraction of the one in less the one out: O(n) per swap.
struct ShareState {
  const Problem& pr;
  const ModelSpec& spec;
  std::vector<double> pull;  // competitors
  std::vector<double> ours;
  ShareState(const Problem& p, const ModelSpec& s) : pr(p), spec(s), pull(competitor_pull(p, s)), ours(p.demands.size(), 0.0) {}
  double a(std::size_t i, std::size_t j) const { return pr.facilities[j].attractiveness * spec.decay_factor(pr.cost(i, j)); }
  void set(const std::vector<std::size_t>& open) {
    std::fill(ours.begin(), ours.end(), 0.0);
    for (std::size_t i = 0; i < ours.size(); ++i) for (const auto j : open) ours[i] += a(i, j);
  }
  // Captured with facility `in` added and `out` (SIZE_MAX: none) removed.
  double value(std::size_t in, std::size_t out) const {
    double v = 0;
    for (std::size_t i = 0; i < ours.size(); ++i) {
      double u = ours[i] + (in == SIZE_MAX ? 0.0 : a(i, in)) - (out == SIZE_MAX ? 0.0 : a(i, out));
      if (u < 1e-15) u = 0;  // what rounding leaves of a removed facility
      if (u > 0) v += pr.demands[i].weight * u / (u + pull[i]);
    }
    return v;
  }
};

std::vector<std::size_t> greedy_share(const Problem& pr, const ModelSpec& spec, const Sets& sets) {
  ShareState st(pr, spec);
  std::vector<std::size_t> open = sets.required;
  st.set(open);
  while (open.size() < static_cast<std::size_t>(spec.p)) {
    double best = -1;
    std::size_t best_k = SIZE_MAX;
    for (const auto k : sets.free) {
      if (std::find(open.begin(), open.end(), k) != open.end()) continue;
      const double v = st.value(k, SIZE_MAX);
      if (v > best + 1e-12 * std::max(1.0, std::abs(best))) best = v, best_k = k;
    }
    open.push_back(best_k);
    st.set(open);
  }
  return open;
}

Score interchange_share(const Problem& pr, const ModelSpec& spec, const Sets& sets, std::vector<std::size_t>& open,
                        std::chrono::steady_clock::time_point deadline) {
  ShareState st(pr, spec);
  st.set(open);
  double current = st.value(SIZE_MAX, SIZE_MAX);
  for (bool improved = true; improved && std::chrono::steady_clock::now() < deadline;) {
    improved = false;
    for (std::size_t slot = 0; slot < open.size(); ++slot) {
      const auto out = open[slot];
      if (pr.facilities[out].role == Role::required) continue;
      double best = current;
      std::size_t best_in = SIZE_MAX;
      for (const auto in : sets.free) {
        if (std::find(open.begin(), open.end(), in) != open.end()) continue;
        const double v = st.value(in, out);
        if (v > best + 1e-9 * std::max(1.0, std::abs(best))) best = v, best_in = in;
      }
      if (best_in != SIZE_MAX) {
        open[slot] = best_in;
        st.set(open);
        current = st.value(SIZE_MAX, SIZE_MAX);
        improved = true;
      }
    }
  }
  std::sort(open.begin(), open.end());
  return Score{0, -current};
}

std::vector<std::size_t> greedy(const Problem& pr, const ModelSpec& spec, const Sets& sets) {
  std::vector<std::size_t> open = sets.required;
  Nearest near;
  near.compute(pr, open);
  std::vector<double> v(pr.demands.size());
  while (open.size() < static_cast<std::size_t>(spec.p)) {
    Score best_score;
    std::size_t best_k = SIZE_MAX;
    for (const auto k : sets.free) {
      if (std::find(open.begin(), open.end(), k) != open.end()) continue;
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::min(near.best[i], pr.cost(i, k));
      const Score s = score(pr, spec, v);
      if (best_k == SIZE_MAX || s.better_than(best_score)) best_score = s, best_k = k;
    }
    open.push_back(best_k);
    near.compute(pr, open);
  }
  return open;
}

// lscp: greedy cover (most demands newly covered first; `rng` breaks ties for
// the later starts), then drop facilities the others make redundant.
std::vector<std::size_t> greedy_cover(const Problem& pr, const ModelSpec& spec, const Sets& sets, std::mt19937* rng) {
  const auto n = pr.demands.size();
  std::vector<char> covered(n, 0);
  std::vector<std::size_t> open = sets.required;
  auto cover = [&](std::size_t j) {
    for (std::size_t i = 0; i < n; ++i) covered[i] |= pr.cost(i, j) <= spec.cutoff;
  };
  for (const auto j : open) cover(j);
  while (std::find(covered.begin(), covered.end(), 0) != covered.end()) {
    std::size_t best_k = SIZE_MAX;
    double best_gain = 0;
    for (const auto k : sets.free) {
      double gain = 0;
      for (std::size_t i = 0; i < n; ++i) gain += !covered[i] && pr.cost(i, k) <= spec.cutoff;
      if (rng && gain > 0) gain += std::uniform_real_distribution<double>(0, 0.9)(*rng);
      if (gain > best_gain) best_gain = gain, best_k = k;
    }
    if (best_k == SIZE_MAX) break;  // check_instance refused uncoverable demands
    open.push_back(best_k);
    cover(best_k);
  }
  for (std::size_t idx = open.size(); idx-- > sets.required.size();) {
    std::vector<std::size_t> without = open;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(idx));
    if (evaluate(pr, spec, without).feasible) open = std::move(without);
  }
  std::sort(open.begin(), open.end());
  return open;
}

// Chooses the facilities a Lagrangian subproblem opens: the required ones and the
// `count` free ones with the best (lowest) reduced cost.
std::vector<std::size_t> pick(const Sets& sets, const std::vector<double>& reduced, std::size_t count) {
  std::vector<std::size_t> order = sets.free;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return reduced[a] < reduced[b]; });
  order.resize(std::min(count, order.size()));
  order.insert(order.end(), sets.required.begin(), sets.required.end());
  return order;
}

}  // namespace

double submodular_bound(const Problem& pr, const ModelSpec& spec, const std::vector<std::size_t>& open) {
  const auto sets = sets_of(pr);
  const double here = evaluate(pr, spec, open).objective;
  std::vector<double> gains;
  for (const auto j : sets.free) {
    if (std::find(open.begin(), open.end(), j) != open.end()) continue;
    auto with = open;
    with.push_back(j);
    gains.push_back(std::max(0.0, evaluate(pr, spec, with).objective - here));
  }
  const std::size_t k = std::min(gains.size(), static_cast<std::size_t>(spec.p) - sets.required.size());
  std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(k), gains.end(), std::greater<>());
  return here + std::accumulate(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(k), 0.0);
}

double lagrangian_bound(const Problem& pr, const ModelSpec& spec, double incumbent, int iterations) {
  const auto sets = sets_of(pr);
  const auto n = pr.demands.size(), m = pr.facilities.size();
  const std::size_t free_count = spec.model == Model::lscp ? 0 : static_cast<std::size_t>(spec.p) - sets.required.size();
  if (spec.model == Model::pcenter) {
    // Every demand waits at least for its nearest facility of all.
    double lb = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double best = kUnreachable;
      for (std::size_t j = 0; j < m; ++j) if (pr.facilities[j].role != Role::competitor) best = std::min(best, pr.cost(i, j));
      lb = std::max(lb, best);
    }
    return lb;
  }
  std::vector<double> mult(n, 0.0), reduced(m, 0.0), g(n);
  const bool maximise = spec.model == Model::mclp;
  for (std::size_t i = 0; i < n; ++i) {
    if (spec.model == Model::pmedian) {
      double best = kUnreachable;
      for (std::size_t j = 0; j < m; ++j) if (pr.facilities[j].role != Role::competitor) best = std::min(best, pr.cost(i, j));
      mult[i] = pr.demands[i].weight * best;
    } else if (spec.model == Model::mclp) {
      mult[i] = pr.demands[i].weight / 2;
    } else {
      mult[i] = 0.5;
    }
  }
  double best_bound = maximise ? kUnreachable : -kUnreachable;
  double theta = 2.0;
  int stale = 0;
  for (int it = 0; it < iterations; ++it) {
    double L = 0;
    std::fill(reduced.begin(), reduced.end(), 0.0);
    switch (spec.model) {
      case Model::pmedian:
        // min sum_i lambda_i + sum_{j open} sum_i min(0, w_i c_ij - lambda_i)
        for (std::size_t i = 0; i < n; ++i) {
          L += mult[i];
          for (std::size_t j = 0; j < m; ++j) {
            const double r = pr.demands[i].weight * pr.cost(i, j) - mult[i];
            if (r < 0) reduced[j] += r;
          }
        }
        break;
      case Model::mclp:
        // max sum_i max(0, w_i - mu_i) + sum_{j open} sum_{i covered by j} mu_i  (stored negated: pick lowest)
        for (std::size_t i = 0; i < n; ++i) {
          L += std::max(0.0, pr.demands[i].weight - mult[i]);
          for (std::size_t j = 0; j < m; ++j) if (pr.cost(i, j) <= spec.cutoff) reduced[j] -= mult[i];
        }
        break;
      case Model::lscp:
        // min sum_j y_j (1 - sum_{i covered by j} u_i) + sum_i u_i
        for (std::size_t i = 0; i < n; ++i) {
          L += mult[i];
          for (std::size_t j = 0; j < m; ++j) if (pr.cost(i, j) <= spec.cutoff) reduced[j] -= mult[i];
        }
        for (std::size_t j = 0; j < m; ++j) reduced[j] += 1.0;
        break;
      default: break;
    }
    std::vector<std::size_t> open;
    if (spec.model == Model::lscp) {
      open = sets.required;
      for (const auto j : sets.free) if (reduced[j] < 0) open.push_back(j);
    } else {
      open = pick(sets, reduced, free_count);
    }
    std::vector<char> is_open(m, 0);
    for (const auto j : open) is_open[j] = 1, L += maximise ? -reduced[j] : reduced[j];
    const bool better = maximise ? L < best_bound : L > best_bound;
    if (better) best_bound = L, stale = 0;
    else if (++stale >= 20) theta /= 2, stale = 0;
    // Subgradient of the relaxed constraints.
    double norm = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double served = 0;
      for (std::size_t j = 0; j < m; ++j) {
        if (!is_open[j]) continue;
        if (spec.model == Model::pmedian) served += pr.demands[i].weight * pr.cost(i, j) - mult[i] < 0;
        else served += pr.cost(i, j) <= spec.cutoff;
      }
      if (spec.model == Model::pmedian || spec.model == Model::lscp) g[i] = 1 - served;
      else g[i] = served - (pr.demands[i].weight - mult[i] > 0 ? 1 : 0);
      norm += g[i] * g[i];
    }
    if (norm == 0 || theta < 1e-6) break;  // the relaxation's solution is feasible: the bound is tight
    const double step = theta * std::max(std::abs(incumbent - L), 1e-6) / norm;
    for (std::size_t i = 0; i < n; ++i) {
      if (spec.model == Model::pmedian) mult[i] += step * g[i];
      else if (spec.model == Model::lscp) mult[i] = std::max(0.0, mult[i] + step * g[i]);
      else mult[i] = std::max(0.0, mult[i] - step * g[i]);
    }
  }
  if (spec.model == Model::lscp) best_bound = std::ceil(best_bound - 1e-6);
  return best_bound;
}

Solution solve_heuristic(const Problem& pr, const ModelSpec& spec, const SolveOptions& o, const Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto deadline = t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(o.time_limit_s));
  check_instance(pr, spec);
  if (spec.model == Model::cflp) {
    throw UsageError("cflp is solved by CBC (--solver exact or auto): on a large instance it stops at --time-limit with "
                     "its best answer, bound and gap");
  }
  const auto sets = sets_of(pr);
  Solution best;
  best.method = "heuristic";
  Score best_score;
  std::mt19937 rng(o.seed);
  for (int start = 0; start < std::max(1, o.starts); ++start) {
    if (start > 0 && std::chrono::steady_clock::now() > deadline) break;
    std::vector<std::size_t> open;
    Score s;
    if (spec.model == Model::lscp) {
      open = greedy_cover(pr, spec, sets, start == 0 ? nullptr : &rng);
      s.value = static_cast<double>(open.size());
    } else {
      if (start == 0) {
        open = spec.model == Model::market_share ? greedy_share(pr, spec, sets) : greedy(pr, spec, sets);
      } else {
        std::vector<std::size_t> pool = sets.free;
        std::shuffle(pool.begin(), pool.end(), rng);
        open = sets.required;
        open.insert(open.end(), pool.begin(), pool.begin() + (spec.p - static_cast<int>(sets.required.size())));
      }
      s = spec.model == Model::market_share ? interchange_share(pr, spec, sets, open, deadline)
                                            : interchange(pr, spec, sets, open, deadline);
    }
    if (best.open.empty() || s.better_than(best_score)) best_score = s, best.open = open;
    report(progress, static_cast<double>(start + 1) / std::max(1, o.starts), "searching");
  }
  best.evaluation = evaluate(pr, spec, best.open);
  // Attendance, market share and coverage are monotone submodular in the open
  // set, so the best k single additions to the answer bound any other answer
  // (Nemhauser & Wolsey 1978); coverage also has its Lagrangian bound.
  switch (spec.model) {
    case Model::attendance:
    case Model::market_share: best.bound = submodular_bound(pr, spec, best.open); break;
    case Model::mclp:
      best.bound = std::min(lagrangian_bound(pr, spec, best.evaluation.objective), submodular_bound(pr, spec, best.open));
      break;
    default: best.bound = lagrangian_bound(pr, spec, best.evaluation.objective);
  }
  const double obj = best.evaluation.objective;
  best.optimal = minimises(spec.model) ? best.bound >= obj - 1e-9 * std::max(1.0, std::abs(obj))
                                       : best.bound <= obj + 1e-9 * std::max(1.0, std::abs(obj));
  if (best.optimal) best.bound = obj;
  best.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return best;
}

}  // namespace logiplan::siting
