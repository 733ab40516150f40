#pragma once
// Multi-criteria scoring of candidate sites: criteria normalised to 0..1 (1 the
// best), a weighted sum, weights given directly or derived from an AHP
// pairwise-comparison matrix (Saaty 1980) with its consistency ratio, and a
// sensitivity table (does the ranking hold when each weight moves ±20 %?).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace logiplan::siting {

// A criterion's raw values, one per candidate (nullopt: unknown, scored as the
// worst), and whether more is better.
struct Criterion {
  std::string name;
  bool higher_is_better = true;
  std::vector<std::optional<double>> values;
};

// Min–max to 0..1 with 1 the best; every candidate gets 1 when all are equal.
std::vector<double> normalise(const Criterion& c);

struct Ahp {
  std::vector<std::string> names;
  std::vector<double> weights;  // the principal eigenvector, summing to 1
  double lambda_max = 0;
  double consistency_index = 0;
  double consistency_ratio = 0;  // 0 for two criteria or fewer
};
// `matrix[r][c]`: how much more important criterion r is than c (1/9 .. 9).
// DataError naming the row and column when it is not square, not positive, has
// a diagonal other than 1, or is not reciprocal (a_cr = 1/a_rc within 1 %).
Ahp ahp_weights(const std::vector<std::string>& names, const std::vector<std::vector<double>>& matrix);
// Saaty's random index for n criteria (n <= 15).
double random_index(std::size_t n);

// Reads an AHP matrix from CSV: a header row of criterion names (the first cell
// is ignored), then one row per criterion, its name first; cells are numbers or
// fractions ("1/3"). DataError naming the file, row and column.
std::pair<std::vector<std::string>, std::vector<std::vector<double>>> read_ahp_matrix(const std::string& path);

struct Ranked {
  std::vector<double> score;       // per candidate, 0..1
  std::vector<std::size_t> order;  // candidates, best first (ties: lower index first)
};
Ranked rank(const std::vector<std::vector<double>>& normalised, const std::vector<double>& weights);

struct SensitivityRow {
  std::string criterion;
  double change = 0;             // -0.2 or +0.2
  std::size_t top = 0;           // the best candidate with the weight moved
  std::size_t rank_changes = 0;  // candidates whose rank moved
  std::size_t max_shift = 0;     // the largest move of one candidate, in places
};
// Each weight moved by ±`change` (the others rescaled to keep the sum 1).
std::vector<SensitivityRow> sensitivity(const std::vector<Criterion>& criteria,
                                        const std::vector<std::vector<double>>& normalised,
                                        const std::vector<double>& weights, double change = 0.2);

}  // namespace logiplan::siting
