#include "siting/cbc_model.hpp"

#include <coin/Cbc_C_Interface.h>

#include <cmath>
#include <limits>
#include <string>

#include "handles/shared_library.hpp"

namespace logiplan::siting {

namespace {
// CBC's C interface, loaded on the first solve (handles/shared_library): the
// commands that never solve an integer program do not load its libraries.
#define LOGIPLAN_CBC_FUNCTIONS(X)                                                                                     \
  X(Cbc_newModel) X(Cbc_deleteModel) X(Cbc_loadProblem) X(Cbc_setInteger) X(Cbc_setObjSense) X(Cbc_setMIPStartI)       \
  X(Cbc_setLogLevel) X(Cbc_setMaximumSeconds) X(Cbc_setAllowableGap) X(Cbc_setAllowableFractionGap) X(Cbc_solve)       \
  X(Cbc_isProvenOptimal) X(Cbc_getColSolution) X(Cbc_getObjValue) X(Cbc_isProvenInfeasible)                            \
  X(Cbc_getBestPossibleObjValue)

struct Cbc {
  io::SharedLibrary library{LOGIPLAN_CBC_SONAME, "siting's integer programs (CBC, COIN-OR)"};
#define LOGIPLAN_CBC_MEMBER(name) decltype(&::name) name = library.function<decltype(&::name)>(#name);
  LOGIPLAN_CBC_FUNCTIONS(LOGIPLAN_CBC_MEMBER)
#undef LOGIPLAN_CBC_MEMBER
};

const Cbc& cbc() {
  static const Cbc loaded;  // a failed load throws, and the next call tries again
  return loaded;
}

struct CbcDeleter {
  void operator()(Cbc_Model* m) const noexcept { cbc().Cbc_deleteModel(m); }
};
}  // namespace

int MipModel::add_column(double lower, double upper, double objective, bool integer) {
  lower_.push_back(lower), upper_.push_back(upper), objective_.push_back(objective), integer_.push_back(integer);
  return static_cast<int>(lower_.size() - 1);
}

void MipModel::add_row(const std::vector<Term>& terms, double lower, double upper) {
  rows_.push_back(terms), row_lower_.push_back(lower), row_upper_.push_back(upper);
}

MipModel::Result MipModel::minimise(double time_limit_s) const {
  // Column-major (CSC) arrays, as Cbc_loadProblem takes them.
  const auto ncols = static_cast<int>(lower_.size());
  std::vector<std::vector<std::pair<int, double>>> by_column(lower_.size());
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    for (const auto& t : rows_[r]) by_column[static_cast<std::size_t>(t.column)].emplace_back(static_cast<int>(r), t.coefficient);
  }
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& col : by_column) {
    for (const auto& [r, v] : col) index.push_back(r), value.push_back(v);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  const Cbc& lib = cbc();
  std::unique_ptr<Cbc_Model, CbcDeleter> m(lib.Cbc_newModel());
  lib.Cbc_loadProblem(m.get(), ncols, static_cast<int>(rows_.size()), start.data(), index.data(), value.data(),
                      lower_.data(), upper_.data(), objective_.data(), row_lower_.data(), row_upper_.data());
  for (int c = 0; c < ncols; ++c) if (integer_[static_cast<std::size_t>(c)]) lib.Cbc_setInteger(m.get(), c);
  lib.Cbc_setObjSense(m.get(), 1.0);
  if (!start_.empty()) {
    std::vector<int> cols;
    std::vector<double> vals;
    for (const auto& t : start_) cols.push_back(t.column), vals.push_back(t.coefficient);
    lib.Cbc_setMIPStartI(m.get(), static_cast<int>(cols.size()), cols.data(), vals.data());
  }
  lib.Cbc_setLogLevel(m.get(), 0);
  lib.Cbc_setMaximumSeconds(m.get(), time_limit_s);
  lib.Cbc_setAllowableGap(m.get(), 1e-7);
  lib.Cbc_setAllowableFractionGap(m.get(), 1e-9);
  lib.Cbc_solve(m.get());
  Result r;
  r.optimal = lib.Cbc_isProvenOptimal(m.get());
  const double* sol = lib.Cbc_getColSolution(m.get());
  r.objective = lib.Cbc_getObjValue(m.get());
  r.has_solution = sol != nullptr && std::isfinite(r.objective) && std::abs(r.objective) < 1e50 &&
                   !lib.Cbc_isProvenInfeasible(m.get());
  if (r.has_solution) r.values.assign(sol, sol + ncols);
  r.bound = lib.Cbc_getBestPossibleObjValue(m.get());
  if (r.optimal) r.bound = r.objective;
  return r;
}

}  // namespace logiplan::siting
