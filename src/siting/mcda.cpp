#include "siting/mcda.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "core/error.hpp"

namespace logiplan::siting {

std::vector<double> normalise(const Criterion& c) {
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& v : c.values) {
    if (!v || !std::isfinite(*v)) continue;
    lo = any ? std::min(lo, *v) : *v, hi = any ? std::max(hi, *v) : *v, any = true;
  }
  std::vector<double> out(c.values.size(), 0.0);
  for (std::size_t k = 0; k < out.size(); ++k) {
    const auto& v = c.values[k];
    if (!v || !std::isfinite(*v)) continue;  // unknown or unreachable: the worst
    if (hi == lo) out[k] = 1.0;
    else out[k] = c.higher_is_better ? (*v - lo) / (hi - lo) : (hi - *v) / (hi - lo);
  }
  return out;
}

double random_index(std::size_t n) {
  // Saaty's random consistency index (average CI of random reciprocal matrices).
  static const double ri[] = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  return n < std::size(ri) ? ri[n] : 1.59;
}

Ahp ahp_weights(const std::vector<std::string>& names, const std::vector<std::vector<double>>& a) {
  const std::size_t n = names.size();
  if (n == 0) throw DataError("AHP matrix: no criteria");
  if (a.size() != n) throw DataError(fmt::format("AHP matrix: {} rows for {} criteria", a.size(), n));
  for (std::size_t r = 0; r < n; ++r) {
    if (a[r].size() != n) throw DataError(fmt::format("AHP matrix row '{}': {} values for {} criteria", names[r], a[r].size(), n));
    for (std::size_t c = 0; c < n; ++c) {
      if (!(a[r][c] > 0) || !std::isfinite(a[r][c])) {
        throw DataError(fmt::format("AHP matrix row '{}', column '{}': {} is not a positive number", names[r], names[c], a[r][c]));
      }
    }
    if (std::abs(a[r][r] - 1) > 1e-9) {
      throw DataError(fmt::format("AHP matrix row '{}': the diagonal must be 1, not {}", names[r], a[r][r]));
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = r + 1; c < n; ++c) {
      if (std::abs(a[r][c] * a[c][r] - 1) > 0.01) {
        throw DataError(fmt::format("AHP matrix is not reciprocal: row '{}', column '{}' is {:.4g} but row '{}', column "
                                    "'{}' is {:.4g} (it must be 1/{:.4g} = {:.4g})",
                                    names[r], names[c], a[r][c], names[c], names[r], a[c][r], a[r][c], 1 / a[r][c]));
      }
    }
  }
  // The principal eigenvector by power iteration: a positive reciprocal matrix
  // has a simple dominant eigenvalue (Perron), so this converges.
  std::vector<double> w(n, 1.0 / static_cast<double>(n)), next(n);
  double lambda = static_cast<double>(n);
  for (int it = 0; it < 1000; ++it) {
    for (std::size_t r = 0; r < n; ++r) {
      next[r] = 0;
      for (std::size_t c = 0; c < n; ++c) next[r] += a[r][c] * w[c];
    }
    const double sum = std::accumulate(next.begin(), next.end(), 0.0);
    lambda = sum;  // w sums to 1, so the sum of A w is lambda at convergence
    double change = 0;
    for (std::size_t r = 0; r < n; ++r) change = std::max(change, std::abs(next[r] / sum - w[r])), w[r] = next[r] / sum;
    if (change < 1e-13) break;
  }
  Ahp out{names, w, lambda, 0, 0};
  if (n > 2) {
    out.consistency_index = (lambda - static_cast<double>(n)) / static_cast<double>(n - 1);
    out.consistency_ratio = out.consistency_index / random_index(n);
  }
  return out;
}

std::pair<std::vector<std::string>, std::vector<std::vector<double>>> read_ahp_matrix(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataError(fmt::format("{}: cannot open the AHP matrix", path));
  auto cells = [](const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream s(line);
    while (std::getline(s, cell, ',')) {
      cell.erase(0, cell.find_first_not_of(" \t\r\""));
      cell.erase(cell.find_last_not_of(" \t\r\"") + 1);
      out.push_back(cell);
    }
    return out;
  };
  std::string line;
  if (!std::getline(in, line)) throw DataError(fmt::format("{}: empty AHP matrix", path));
  auto header = cells(line);
  if (header.size() < 2) throw DataError(fmt::format("{}: the header must name the criteria after a first cell", path));
  std::vector<std::string> names(header.begin() + 1, header.end());
  std::vector<std::vector<double>> m;
  for (int row = 2; std::getline(in, line); ++row) {
    if (line.find_first_not_of(" \t\r,") == std::string::npos) continue;
    const auto c = cells(line);
    const std::size_t r = m.size();
    if (r >= names.size()) throw DataError(fmt::format("{}, line {}: more rows than the {} criteria of the header", path, row, names.size()));
    if (c.empty() || c[0] != names[r]) {
      throw DataError(fmt::format("{}, line {}: the row must start with '{}' (rows in the header's order), not '{}'", path,
                                  row, names[r], c.empty() ? "" : c[0]));
    }
    if (c.size() != names.size() + 1) {
      throw DataError(fmt::format("{}, line {} ('{}'): {} values for {} criteria", path, row, c[0], c.size() - 1, names.size()));
    }
    std::vector<double> values;
    for (std::size_t k = 1; k < c.size(); ++k) {
      const auto slash = c[k].find('/');
      char* e1 = nullptr;
      char* e2 = nullptr;
      double v = 0;
      if (slash == std::string::npos) {
        v = std::strtod(c[k].c_str(), &e1);
        if (c[k].empty() || *e1) v = NAN;
      } else {
        const std::string num = c[k].substr(0, slash), den = c[k].substr(slash + 1);
        const double a = std::strtod(num.c_str(), &e1), b = std::strtod(den.c_str(), &e2);
        v = (num.empty() || den.empty() || *e1 || *e2 || b == 0) ? NAN : a / b;
      }
      if (!(v > 0) || !std::isfinite(v)) {
        throw DataError(fmt::format("{}, line {}, column '{}': '{}' is not a positive number or fraction", path, row,
                                    names[k - 1], c[k]));
      }
      values.push_back(v);
    }
    m.push_back(std::move(values));
  }
  if (m.size() != names.size()) {
    throw DataError(fmt::format("{}: {} rows for the {} criteria of the header", path, m.size(), names.size()));
  }
  return {names, m};
}

Ranked rank(const std::vector<std::vector<double>>& normalised, const std::vector<double>& weights) {
  Ranked r;
  const std::size_t n = normalised.empty() ? 0 : normalised[0].size();
  r.score.assign(n, 0.0);
  for (std::size_t k = 0; k < normalised.size(); ++k) {
    for (std::size_t c = 0; c < n; ++c) r.score[c] += weights[k] * normalised[k][c];
  }
  r.order.resize(n);
  std::iota(r.order.begin(), r.order.end(), 0);
  std::stable_sort(r.order.begin(), r.order.end(), [&](auto a, auto b) { return r.score[a] > r.score[b] + 1e-12; });
  return r;
}

std::vector<SensitivityRow> sensitivity(const std::vector<Criterion>& criteria,
                                        const std::vector<std::vector<double>>& normalised,
                                        const std::vector<double>& weights, double change) {
  const auto base = rank(normalised, weights);
  std::vector<std::size_t> base_place(base.order.size());
  for (std::size_t p = 0; p < base.order.size(); ++p) base_place[base.order[p]] = p;
  std::vector<SensitivityRow> out;
  for (std::size_t k = 0; k < criteria.size(); ++k) {
    for (const double d : {-change, change}) {
      std::vector<double> w = weights;
      const double moved = std::min(1.0, w[k] * (1 + d));
      const double rest = 1 - w[k];
      for (std::size_t o = 0; o < w.size(); ++o) {
        if (o != k) w[o] = rest > 0 ? w[o] * (1 - moved) / rest : 0;
      }
      w[k] = moved;
      const auto r = rank(normalised, w);
      SensitivityRow row{criteria[k].name, d, r.order.empty() ? 0 : r.order[0], 0, 0};
      for (std::size_t p = 0; p < r.order.size(); ++p) {
        const std::size_t was = base_place[r.order[p]];
        const std::size_t shift = was > p ? was - p : p - was;
        row.rank_changes += shift > 0;
        row.max_shift = std::max(row.max_shift, shift);
      }
      out.push_back(row);
    }
  }
  return out;
}

}  // namespace logiplan::siting
