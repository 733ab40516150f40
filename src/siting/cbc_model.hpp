#pragma once
// The one small interface to the integer-programming solver (CBC, COIN-OR): a
// model built row by row, solved with a time limit; the CBC handle is owned here.
#include <cstddef>
#include <memory>
#include <vector>

namespace logiplan::siting {

class MipModel {
 public:
  struct Term {
    int column;
    double coefficient;
  };
  // Adds a variable; returns its column.
  int add_column(double lower, double upper, double objective, bool integer);
  void add_row(const std::vector<Term>& terms, double lower, double upper);
  // A known feasible solution to start from: the integer columns that are not 0.
  void set_start(std::vector<Term> start) { start_ = std::move(start); }

  struct Result {
    bool has_solution = false;
    bool optimal = false;
    double objective = 0;
    double bound = 0;  // no solution is better than this (minimisation)
    std::vector<double> values;
  };
  // Minimises within `time_limit_s` seconds on `threads` threads.
  Result minimise(double time_limit_s) const;

  std::size_t columns() const { return lower_.size(); }
  std::size_t rows() const { return row_lower_.size(); }

 private:
  std::vector<double> lower_, upper_, objective_;
  std::vector<char> integer_;
  std::vector<std::vector<Term>> rows_;
  std::vector<double> row_lower_, row_upper_;
  std::vector<Term> start_;
};

}  // namespace logiplan::siting
