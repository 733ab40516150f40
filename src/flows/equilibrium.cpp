#include "flows/equilibrium.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <queue>
#include <thread>

#include "core/error.hpp"

namespace logiplan::flows {

std::string_view algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::aon: return "aon";
    case Algorithm::msa: return "msa";
    case Algorithm::fw: return "fw";
    case Algorithm::cfw: return "cfw";
    case Algorithm::bfw: return "bfw";
  }
  return "?";
}

Algorithm parse_algorithm(const std::string& name) {
  for (auto a : {Algorithm::aon, Algorithm::msa, Algorithm::fw, Algorithm::cfw, Algorithm::bfw}) {
    if (name == algorithm_name(a)) return a;
  }
  throw UsageError(fmt::format("unknown algorithm '{}' (aon, msa, fw, cfw, bfw)", name));
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Outgoing links of every node (forward star).
struct ForwardStar {
  std::vector<std::size_t> first;  // links of node n: order[first[n] .. first[n+1])
  std::vector<std::size_t> order;
  explicit ForwardStar(const RoadLinks& l) : first(static_cast<std::size_t>(l.nodes) + 1, 0), order(l.size()) {
    for (const int f : l.from) ++first[static_cast<std::size_t>(f) + 1];
    for (std::size_t n = 0; n < static_cast<std::size_t>(l.nodes); ++n) first[n + 1] += first[n];
    std::vector<std::size_t> at(first.begin(), first.end() - 1);
    for (std::size_t a = 0; a < l.size(); ++a) order[at[static_cast<std::size_t>(l.from[a])]++] = a;
  }
};

// One origin's tree: Dijkstra, then the trips loaded from the leaves up (nodes
// in reverse settling order pass their accumulated trips to their parent link).
struct TreeWorker {
  const RoadLinks& l;
  const ForwardStar& fs;
  std::vector<double> dist, through;
  std::vector<std::size_t> pred;
  std::vector<int> settled;
  TreeWorker(const RoadLinks& links, const ForwardStar& f)
      : l(links), fs(f), dist(static_cast<std::size_t>(links.nodes)), through(static_cast<std::size_t>(links.nodes)),
        pred(static_cast<std::size_t>(links.nodes)) {}

  void tree(int origin, const std::vector<double>& cost) {
    std::fill(dist.begin(), dist.end(), kInf);
    std::fill(pred.begin(), pred.end(), SIZE_MAX);
    settled.clear();
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    dist[static_cast<std::size_t>(origin)] = 0;
    heap.push({0.0, origin});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      const auto uu = static_cast<std::size_t>(u);
      if (d > dist[uu]) continue;
      settled.push_back(u);
      if (u != origin && u < l.first_thru_node) continue;  // a centroid is an end, never a way through
      for (std::size_t k = fs.first[uu]; k < fs.first[uu + 1]; ++k) {
        const auto a = fs.order[k];
        const auto v = static_cast<std::size_t>(l.to[a]);
        const double nd = d + cost[a];
        if (nd < dist[v]) dist[v] = nd, pred[v] = a, heap.push({nd, l.to[a]});
      }
    }
  }

  // Loads origin's trips; returns trips × shortest cost. `missing` gets an
  // unreachable destination with trips.
  double load(int origin, const OdMatrix& od, std::vector<double>& volume, int& missing) {
    double total = 0;
    for (const int n : settled) through[static_cast<std::size_t>(n)] = 0;
    for (int d = 0; d < od.zones; ++d) {
      const double t = od.at(origin, d);
      if (t <= 0 || d == origin) continue;
      if (!std::isfinite(dist[static_cast<std::size_t>(d)])) {
        missing = d;
        continue;
      }
      through[static_cast<std::size_t>(d)] += t;
      total += t * dist[static_cast<std::size_t>(d)];
    }
    for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
      const auto n = static_cast<std::size_t>(*it);
      if (through[n] == 0 || pred[n] == SIZE_MAX) continue;
      volume[pred[n]] += through[n];
      through[static_cast<std::size_t>(l.from[pred[n]])] += through[n];
    }
    return total;
  }
};

double dot_h(const std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& h) {
  double s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * h[k] * b[k];
  return s;
}

}  // namespace

AllOrNothing all_or_nothing(const RoadLinks& l, const OdMatrix& od, const std::vector<double>& cost, unsigned threads) {
  const ForwardStar fs(l);
  const unsigned n = std::max(1u, std::min(threads ? threads : std::thread::hardware_concurrency(),
                                           static_cast<unsigned>(std::max(1, od.zones))));
  std::vector<std::vector<double>> volume(n, std::vector<double>(l.size(), 0.0));
  std::vector<double> totals(n, 0.0);
  std::vector<int> missing(n, -1), missing_origin(n, -1);
  auto work = [&](unsigned w) {
    TreeWorker tw(l, fs);
    for (int o = static_cast<int>(w); o < od.zones; o += static_cast<int>(n)) {
      bool any = false;
      for (int d = 0; d < od.zones && !any; ++d) any = od.at(o, d) > 0 && d != o;
      if (!any) continue;
      tw.tree(o, cost);
      int m = -1;
      totals[w] += tw.load(o, od, volume[w], m);
      if (m >= 0 && missing[w] < 0) missing[w] = m, missing_origin[w] = o;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < n; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  for (unsigned w = 0; w < n; ++w) {
    if (missing[w] >= 0) {
      throw DataError(fmt::format("zone {} → zone {} has {} trips but no path", missing_origin[w] + 1, missing[w] + 1,
                                  od.at(missing_origin[w], missing[w])));
    }
  }
  AllOrNothing out{std::move(volume[0]), 0};
  for (unsigned w = 1; w < n; ++w) for (std::size_t a = 0; a < l.size(); ++a) out.volume[a] += volume[w][a];
  for (const double t : totals) out.shortest_total += t;
  return out;
}

namespace {

// Per class, per link: the flows the iterations combine (class-major).
using ClassFlows = std::vector<std::vector<double>>;

// The all-or-nothing flows of every class at `cost` (links a class may not use
// cost +infinity for it) and the total trips × shortest path cost.
double all_or_nothing(const RoadLinks& l, const std::vector<ClassDemand>& classes, const std::vector<double>& cost,
                      unsigned threads, ClassFlows& out) {
  double shortest = 0;
  out.resize(classes.size());
  std::vector<double> masked;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const auto* use = &cost;
    if (!classes[c].allowed.empty()) {
      masked = cost;
      for (std::size_t a = 0; a < masked.size(); ++a) if (!classes[c].allowed[a]) masked[a] = kInf;
      use = &masked;
    }
    try {
      auto aon = all_or_nothing(l, classes[c].trips, *use, threads);
      out[c] = std::move(aon.volume);
      shortest += aon.shortest_total;
    } catch (const DataError& e) {
      if (classes.size() == 1) throw;
      throw DataError(fmt::format("{}: {}", classes[c].name, e.what()));
    }
  }
  return shortest;
}

// Sum over classes of a link quantity.
std::vector<double> total_of(const ClassFlows& f, std::size_t m) {
  std::vector<double> t(m, 0.0);
  for (const auto& c : f) for (std::size_t a = 0; a < m; ++a) t[a] += c[a];
  return t;
}

// Differences of two class-flow sets, summed over the classes, per link: the
// conjugate formulas act on totals (the cost depends on the total only).
std::vector<double> diff_total(const ClassFlows& p, const ClassFlows& q, std::size_t m) {
  std::vector<double> t(m, 0.0);
  for (std::size_t c = 0; c < p.size(); ++c) for (std::size_t a = 0; a < m; ++a) t[a] += p[c][a] - q[c][a];
  return t;
}

}  // namespace

AssignmentResult assign(const RoadLinks& l, const OdMatrix& od, const AssignmentOptions& o,
                        const std::function<void(const IterationReport&)>& each) {
  return assign(l, std::vector<ClassDemand>{ClassDemand{"all", od, 1.0, {}}}, o, each);
}

AssignmentResult assign(const RoadLinks& l, const std::vector<ClassDemand>& classes, const AssignmentOptions& o,
                        const std::function<void(const IterationReport&)>& each) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto since = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const std::size_t m = l.size(), nc = classes.size();
  if (nc == 0) throw UsageError("no demand to assign");
  for (const auto& c : classes) {
    if (c.trips.zones > l.nodes) throw DataError(fmt::format("{} zones but only {} nodes", c.trips.zones, l.nodes));
    if (!c.allowed.empty() && c.allowed.size() != m) throw std::logic_error("class link mask of the wrong size");
  }
  AssignmentResult r;
  std::vector<double> cost(m), h(m);
  for (std::size_t a = 0; a < m; ++a) cost[a] = l.cost(a, 0);
  ClassFlows x, y, s, s_prev, s_prev2;
  all_or_nothing(l, classes, cost, o.threads, x);
  double tau_prev = 1;
  bool restart = false;
  auto objective = [&](const std::vector<double>& v) {
    double z = 0;
    for (std::size_t a = 0; a < m; ++a) z += l.integral(a, v[a]);
    return z;
  };
  for (int k = 1;; ++k) {
    const auto v = total_of(x, m);
    for (std::size_t a = 0; a < m; ++a) cost[a] = l.cost(a, v[a]);
    double total = 0;
    for (std::size_t a = 0; a < m; ++a) total += v[a] * cost[a];
    const double shortest = all_or_nothing(l, classes, cost, o.threads, y);
    r.gap = total > 0 ? (total - shortest) / total : 0;
    r.objective = objective(v);
    IterationReport rep{k, r.gap, r.objective, k == 1 ? 1.0 : r.iterations.back().step, since()};
    r.converged = r.gap <= o.gap;
    if (r.converged || o.algorithm == Algorithm::aon || k >= o.max_iterations) {
      r.iterations.push_back(rep);
      if (each) each(rep);
      break;
    }
    // The direction: a convex combination of this and earlier all-or-nothing
    // solutions, so every step stays a feasible flow.
    const bool conjugate = o.algorithm == Algorithm::cfw || o.algorithm == Algorithm::bfw;
    s = y;
    // After a full step (the old directions are spent), start again with
    // Frank-Wolfe, then a conjugate step, then bi-conjugate ones (as AequilibraE).
    if (restart) s_prev.clear(), s_prev2.clear(), restart = false;
    if (conjugate && !s_prev.empty()) {
      for (std::size_t a = 0; a < m; ++a) h[a] = l.derivative(a, v[a]);
      const auto sx = diff_total(s_prev, x, m), yx = diff_total(y, x, m);
      if (o.algorithm == Algorithm::bfw && !s_prev2.empty() && tau_prev < 1 - 1e-9) {
        // Bi-conjugate (Mitradjieva & Lindberg 2013): s = b0 y + b1 s_{k-1} + b2 s_{k-2},
        // H-conjugate to the two previous directions.
        std::vector<double> x2(m, 0.0), s21 = diff_total(s_prev2, s_prev, m);
        for (std::size_t c = 0; c < nc; ++c) {
          for (std::size_t a = 0; a < m; ++a) x2[a] += tau_prev * s_prev[c][a] - x[c][a] + (1 - tau_prev) * s_prev2[c][a];
        }
        const double mu_den = dot_h(x2, s21, h);
        const double mu = std::max(0.0, mu_den != 0 ? -dot_h(x2, yx, h) / mu_den : 0.0);
        const double nu_den = dot_h(sx, sx, h);
        const double nu = std::max(0.0, nu_den != 0 ? -dot_h(sx, yx, h) / nu_den + mu * tau_prev / (1 - tau_prev) : 0.0);
        const double b0 = 1 / (1 + mu + nu), b1 = nu * b0, b2 = mu * b0;
        for (std::size_t c = 0; c < nc; ++c) {
          for (std::size_t a = 0; a < m; ++a) s[c][a] = b0 * y[c][a] + b1 * s_prev[c][a] + b2 * s_prev2[c][a];
        }
      } else {
        // Conjugate: s = alpha s_{k-1} + (1 - alpha) y with (s_{k-1} - x) H (s - x) = 0.
        const auto ys = diff_total(y, s_prev, m);
        const double den = dot_h(sx, ys, h);
        const double alpha = std::clamp(den != 0 ? dot_h(sx, yx, h) / den : 0.0, 0.0, 1 - 1e-6);
        for (std::size_t c = 0; c < nc; ++c) {
          for (std::size_t a = 0; a < m; ++a) s[c][a] = alpha * s_prev[c][a] + (1 - alpha) * y[c][a];
        }
      }
    }
    auto d = diff_total(s, x, m);
    // A conjugate direction that does not descend falls back to Frank-Wolfe's.
    double slope = 0;
    for (std::size_t a = 0; a < m; ++a) slope += cost[a] * d[a];
    if (slope >= 0 && conjugate && !s_prev.empty()) {
      s = y;
      d = diff_total(s, x, m);
    }
    double tau;
    if (o.algorithm == Algorithm::msa) {
      tau = 1.0 / (k + 1);
    } else {
      // The exact line search: the objective's derivative along d,
      // sum cost(v + tau d) d, rises with tau; find its zero in [0, 1].
      auto derivative = [&](double t) {
        double g = 0;
        for (std::size_t a = 0; a < m; ++a) g += l.cost(a, v[a] + t * d[a]) * d[a];
        return g;
      };
      double lo = 0, hi = 1;
      if (derivative(1) <= 0) {
        tau = 1;
      } else {
        for (int it = 0; it < 60 && hi - lo > 1e-14; ++it) {
          const double mid = (lo + hi) / 2;
          (derivative(mid) > 0 ? hi : lo) = mid;
        }
        tau = (lo + hi) / 2;
      }
    }
    for (std::size_t c = 0; c < nc; ++c) for (std::size_t a = 0; a < m; ++a) x[c][a] += tau * (s[c][a] - x[c][a]);
    rep.step = tau;
    r.iterations.push_back(rep);
    if (each) each(rep);
    s_prev2 = std::move(s_prev);
    s_prev = s;
    tau_prev = tau;
    if (tau >= 1) restart = true;
  }
  r.volume = total_of(x, m);
  r.cost.resize(m);
  for (std::size_t a = 0; a < m; ++a) r.cost[a] = l.cost(a, r.volume[a]);
  r.class_volume = std::move(x);
  r.seconds = since();
  return r;
}

}  // namespace logiplan::flows
