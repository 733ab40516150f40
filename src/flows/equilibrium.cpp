#include "flows/equilibrium.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "core/error.hpp"
#include "flows/shortest_tree.hpp"

namespace logiplan::flows {

std::string_view algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::aon: return "aon";
    case Algorithm::incremental: return "incremental";
    case Algorithm::msa: return "msa";
    case Algorithm::fw: return "fw";
    case Algorithm::cfw: return "cfw";
    case Algorithm::bfw: return "bfw";
  }
  return "?";
}

Algorithm parse_algorithm(const std::string& name) {
  for (auto a : {Algorithm::aon, Algorithm::incremental, Algorithm::msa, Algorithm::fw, Algorithm::cfw, Algorithm::bfw}) {
    if (name == algorithm_name(a)) return a;
  }
  throw UsageError(fmt::format("unknown algorithm '{}' (aon, incremental, msa, fw, cfw, bfw)", name));
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One origin's all-or-nothing loading: the trips go down its shortest-path tree
// and are summed from the leaves up (nodes in reverse settling order pass their
// accumulated trips to their parent link). For each selected link, the trips
// whose path uses it are kept apart too: per destination (the select-link OD
// block) and on every link (their volumes). `out` is laid out as
// [link volumes | per selected link: zones × zones OD block, link volumes].
struct OriginLoader {
  ShortestTree tree;
  std::vector<double> through;
  std::vector<char> uses;
  OriginLoader(const RoadLinks& l, const ForwardStar& f)
      : tree(l, f), through(static_cast<std::size_t>(l.nodes)), uses(static_cast<std::size_t>(l.nodes)) {}

  void push_up(std::vector<double>& out, std::size_t offset) {
    const auto& l = tree.links;
    for (auto it = tree.settled.rbegin(); it != tree.settled.rend(); ++it) {
      const auto n = static_cast<std::size_t>(*it);
      const auto a = tree.pred[n];
      if (through[n] == 0 || a == kNoLink) continue;
      out[offset + a] += through[n];
      through[static_cast<std::size_t>(l.from[a])] += through[n];
    }
  }

  // Returns trips × shortest cost; `missing` gets the unreachable destinations with trips.
  double load(int origin, const OdMatrix& od, const std::vector<std::size_t>& select, std::vector<double>& out,
              std::vector<int>& missing) {
    const auto& l = tree.links;
    const std::size_t m = l.size(), zz = static_cast<std::size_t>(od.zones) * static_cast<std::size_t>(od.zones);
    double total = 0;
    for (const int n : tree.settled) through[static_cast<std::size_t>(n)] = 0;
    for (int d = 0; d < od.zones; ++d) {
      const double t = od.at(origin, d);
      if (t <= 0 || d == origin) continue;
      if (!tree.reached(d)) {
        missing.push_back(d);
        continue;
      }
      through[static_cast<std::size_t>(d)] += t;
      total += t * tree.dist[static_cast<std::size_t>(d)];
    }
    push_up(out, 0);
    for (std::size_t k = 0; k < select.size(); ++k) {
      const auto chosen = select[k];
      if (tree.pred[static_cast<std::size_t>(l.to[chosen])] != chosen) continue;  // no path of this origin uses it
      for (const int n : tree.settled) {
        const auto nn = static_cast<std::size_t>(n);
        const auto a = tree.pred[nn];
        uses[nn] = a != kNoLink && (a == chosen || uses[static_cast<std::size_t>(l.from[a])]);
        through[nn] = 0;
      }
      const std::size_t base = m + k * (zz + m);
      bool any = false;
      for (int d = 0; d < od.zones; ++d) {
        const double t = od.at(origin, d);
        if (t <= 0 || d == origin || !tree.reached(d) || !uses[static_cast<std::size_t>(d)]) continue;
        out[base + static_cast<std::size_t>(origin) * static_cast<std::size_t>(od.zones) + static_cast<std::size_t>(d)] += t;
        through[static_cast<std::size_t>(d)] += t;
        any = true;
      }
      if (any) push_up(out, base + zz);
    }
    return total;
  }
};

std::size_t flow_size(const RoadLinks& l, const OdMatrix& od, const std::vector<std::size_t>& select) {
  return l.size() + select.size() * (static_cast<std::size_t>(od.zones) * static_cast<std::size_t>(od.zones) + l.size());
}

// The all-or-nothing loading of `od` at `cost`, origins spread over the cores;
// returns trips × shortest cost and fills `out` (see OriginLoader). Pairs with
// trips and no path are a DataError, or with `unreached` given, left out and listed there.
double load_all_or_nothing(const RoadLinks& l, const OdMatrix& od, const std::vector<double>& cost, unsigned threads,
                           const std::vector<std::size_t>& select, std::vector<double>& out,
                           std::vector<std::pair<int, int>>* unreached = nullptr) {
  if (unreached) unreached->clear();
  const ForwardStar fs(l);
  const unsigned n = std::max(1u, std::min(threads ? threads : std::thread::hardware_concurrency(),
                                           static_cast<unsigned>(std::max(1, od.zones))));
  const std::size_t size = flow_size(l, od, select);
  std::vector<std::vector<double>> volume(n);
  std::vector<double> totals(n, 0.0);
  std::vector<std::vector<std::pair<int, int>>> missing(n);
  auto work = [&](unsigned w) {
    volume[w].assign(size, 0.0);
    OriginLoader loader(l, fs);
    std::vector<int> m;
    for (int o = static_cast<int>(w); o < od.zones; o += static_cast<int>(n)) {
      bool any = false;
      for (int d = 0; d < od.zones && !any; ++d) any = od.at(o, d) > 0 && d != o;
      if (!any) continue;
      loader.tree.grow(o, cost);
      m.clear();
      totals[w] += loader.load(o, od, select, volume[w], m);
      for (const int d : m) missing[w].emplace_back(o, d);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < n; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  for (unsigned w = 0; w < n; ++w) {
    if (unreached) {
      unreached->insert(unreached->end(), missing[w].begin(), missing[w].end());
    } else if (!missing[w].empty()) {
      const auto [a, b] = missing[w].front();
      throw DataError(fmt::format("zone {} → zone {} has {} trips but no path", a + 1, b + 1, od.at(a, b)));
    }
  }
  if (unreached) std::sort(unreached->begin(), unreached->end());
  out = std::move(volume[0]);
  for (unsigned w = 1; w < n; ++w) for (std::size_t a = 0; a < size; ++a) out[a] += volume[w][a];
  double shortest = 0;
  for (const double t : totals) shortest += t;
  return shortest;
}

double dot_h(const std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& h) {
  double s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * h[k] * b[k];
  return s;
}

}  // namespace

AllOrNothing all_or_nothing(const RoadLinks& l, const OdMatrix& od, const std::vector<double>& cost, unsigned threads) {
  AllOrNothing out;
  out.shortest_total = load_all_or_nothing(l, od, cost, threads, {}, out.volume);
  return out;
}

namespace {

// Per class, per link: the flows the iterations combine (class-major).
using ClassFlows = std::vector<std::vector<double>>;

// The all-or-nothing flows of every class at `cost` (links a class may not use
// cost +infinity for it) and the total trips × shortest path cost.
double all_or_nothing(const RoadLinks& l, const std::vector<ClassDemand>& classes, const std::vector<double>& cost,
                      unsigned threads, const std::vector<std::size_t>& select, ClassFlows& out,
                      std::vector<std::vector<std::pair<int, int>>>* unreached) {
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
      shortest += load_all_or_nothing(l, classes[c].trips, *use, threads, select, out[c],
                                      unreached ? &(*unreached)[c] : nullptr);
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
  for (const auto a : o.select_links) if (a >= m) throw std::logic_error("a selected link out of range");
  for (const auto& c : classes) {
    if (c.trips.zones > l.nodes) throw DataError(fmt::format("{} zones but only {} nodes", c.trips.zones, l.nodes));
    if (!c.allowed.empty() && c.allowed.size() != m) throw std::logic_error("class link mask of the wrong size");
  }
  AssignmentResult r;
  std::vector<double> cost(m), h(m);
  for (std::size_t a = 0; a < m; ++a) cost[a] = l.cost(a, 0);
  ClassFlows x, y, s, s_prev, s_prev2;
  std::vector<std::vector<std::pair<int, int>>> unreached(nc);
  all_or_nothing(l, classes, cost, o.threads, o.select_links, x, o.drop_unreachable ? &unreached : nullptr);
  if (o.drop_unreachable) {
    // The pairs with no path are the same at every cost: take them out of the demand once.
    r.unreached.resize(nc);
    for (std::size_t c = 0; c < nc; ++c) {
      for (const auto& [a, b] : unreached[c]) r.unreached[c].push_back({a, b, classes[c].trips.at(a, b)});
    }
  }
  if (o.algorithm == Algorithm::incremental) {
    // A quick look: the demand in equal parts, each all-or-nothing on the costs the parts before it left.
    const int parts = std::max(1, o.increments);
    for (auto& c : x) for (auto& v : c) v /= parts;
    for (int i = 2; i <= parts; ++i) {
      const auto v = total_of(x, m);
      for (std::size_t a = 0; a < m; ++a) cost[a] = l.cost(a, v[a]);
      all_or_nothing(l, classes, cost, o.threads, o.select_links, y, o.drop_unreachable ? &unreached : nullptr);
      for (std::size_t c = 0; c < nc; ++c) for (std::size_t a = 0; a < x[c].size(); ++a) x[c][a] += y[c][a] / parts;
    }
  }
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
    const double shortest = all_or_nothing(l, classes, cost, o.threads, o.select_links, y, o.drop_unreachable ? &unreached : nullptr);
    r.gap = total > 0 ? (total - shortest) / total : 0;
    r.objective = objective(v);
    IterationReport rep{k, r.gap, r.objective, k == 1 ? 1.0 : r.iterations.back().step, since()};
    r.converged = r.gap <= o.gap;
    if (r.converged || o.algorithm == Algorithm::aon || o.algorithm == Algorithm::incremental || k >= o.max_iterations) {
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
          for (std::size_t a = 0; a < s[c].size(); ++a) s[c][a] = b0 * y[c][a] + b1 * s_prev[c][a] + b2 * s_prev2[c][a];
        }
      } else {
        // Conjugate: s = alpha s_{k-1} + (1 - alpha) y with (s_{k-1} - x) H (s - x) = 0.
        const auto ys = diff_total(y, s_prev, m);
        const double den = dot_h(sx, ys, h);
        const double alpha = std::clamp(den != 0 ? dot_h(sx, yx, h) / den : 0.0, 0.0, 1 - 1e-6);
        for (std::size_t c = 0; c < nc; ++c) {
          for (std::size_t a = 0; a < s[c].size(); ++a) s[c][a] = alpha * s_prev[c][a] + (1 - alpha) * y[c][a];
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
    // The select-link blocks ride along: the same combination of the same all-or-nothing solutions.
    for (std::size_t c = 0; c < nc; ++c) for (std::size_t a = 0; a < x[c].size(); ++a) x[c][a] += tau * (s[c][a] - x[c][a]);
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
  for (std::size_t k = 0; k < o.select_links.size(); ++k) {
    SelectLink sl{o.select_links[k], {}, {}};
    for (std::size_t c = 0; c < nc; ++c) {
      const int z = classes[c].trips.zones;
      const std::size_t zz = static_cast<std::size_t>(z) * static_cast<std::size_t>(z), base = m + k * (zz + m);
      OdMatrix od(z);
      std::copy(x[c].begin() + static_cast<std::ptrdiff_t>(base), x[c].begin() + static_cast<std::ptrdiff_t>(base + zz), od.trips.begin());
      sl.od.push_back(std::move(od));
      sl.volume.emplace_back(x[c].begin() + static_cast<std::ptrdiff_t>(base + zz),
                             x[c].begin() + static_cast<std::ptrdiff_t>(base + zz + m));
    }
    r.select.push_back(std::move(sl));
  }
  for (auto& c : x) c.resize(m);
  r.class_volume = std::move(x);
  r.seconds = since();
  return r;
}

}  // namespace logiplan::flows
