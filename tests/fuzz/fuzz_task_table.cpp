// libFuzzer: the task-table reader (CSV through GDAL, header search, TT numbering).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "tasks/task_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  logiplan::gdal::ensure_registered();
  logiplan::gdal::VsiMemFile file("fuzz-plan.csv", bytes);
  try {
    logiplan::tasks::read_task_table(file.path());
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  return 0;
}
