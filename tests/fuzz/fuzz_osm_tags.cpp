// libFuzzer: OSM tags to an edge (oneway, speeds, lanes per direction, access,
// maxweight). Input: lines of key=value. Only the library's errors may be thrown.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "network/build_settings.hpp"
#include "network/lanes.hpp"
#include "network/osm_source.hpp"
#include "network/osm_tags.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto settings = logiplan::network::BuildSettings::load();
  const std::string text(reinterpret_cast<const char*>(data), size);
  logiplan::network::Tags tags;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (const auto eq = line.find('='); eq != std::string::npos) tags[line.substr(0, eq)] = line.substr(eq + 1);
    start = end + 1;
  }
  logiplan::network::Edge e;
  e.mode = logiplan::network::Mode::road;
  e.road_class = std::string(logiplan::network::tag(tags, "highway"));
  if (e.road_class.empty()) e.road_class = "primary";
  try {
    logiplan::network::apply_osm_tags(e, tags, settings);
    logiplan::network::parse_lanes(text);
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  if (e.forward.speed_kmh < 0 || e.backward.speed_kmh < 0) __builtin_trap();
  return 0;
}
