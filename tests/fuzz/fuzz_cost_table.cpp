// libFuzzer: the siting cost table (demand, candidate, cost through GDAL's CSV
// driver), then a p-median solve of whatever it read. Bad tables must be
// DataError/UsageError naming the row; a table that reads must solve.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "siting/cost_table.hpp"
#include "siting/solve.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  logiplan::gdal::ensure_registered();
  logiplan::gdal::VsiMemFile file("fuzz-costs.csv", std::string(reinterpret_cast<const char*>(data), size));
  try {
    const auto problem = logiplan::siting::read_cost_table(file.path());
    if (problem.demands.size() * problem.facilities.size() > 400) return 0;  // keep each input quick
    logiplan::siting::SolveOptions o;
    o.method = logiplan::siting::Method::heuristic;
    o.starts = 2;
    const auto s = logiplan::siting::solve(problem, {logiplan::siting::Model::pmedian, 1, logiplan::siting::kUnreachable}, o);
    if (s.open.size() != 1) __builtin_trap();
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  return 0;
}
