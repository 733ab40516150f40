// libFuzzer: the timeline parser ("Quý II/2026", "2026 - 2030", "Hằng năm"...).
// Any input must give a Timeline; only the library's own errors may be thrown.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tasks/timeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto t = logiplan::tasks::parse_timeline(std::string_view(reinterpret_cast<const char*>(data), size));
  if (t.start && t.end && *t.start > *t.end) __builtin_trap();  // a period never ends before it starts
  return 0;
}
