// libFuzzer: vehicle profile JSON. Every bad profile must be a DataError naming
// the key, never a raw JSON exception (exit 3).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "routing/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto p = logiplan::routing::Profile::from_json_text(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    if (!(p.max_speed_kmh > 0)) __builtin_trap();
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  return 0;
}
