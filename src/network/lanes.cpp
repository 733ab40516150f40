#include "network/lanes.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/error.hpp"
#include "text/fold.hpp"

namespace logiplan::network {

namespace {
constexpr std::array<std::pair<std::string_view, LaneUse>, 6> kNames = {{
    {"general", LaneUse::general},
    {"hgv", LaneUse::hgv},
    {"motorcycle", LaneUse::motorcycle},
    {"rudimentary", LaneUse::rudimentary},
    {"bus", LaneUse::bus},
    {"bicycle", LaneUse::bicycle},
}};
// Other spellings planners use, as match keys.
constexpr std::array<std::pair<std::string_view, LaneUse>, 12> kAliases = {{
    {"mixed", LaneUse::general}, {"hon hop", LaneUse::general}, {"truck", LaneUse::hgv},
    {"freight", LaneUse::hgv}, {"xe tai", LaneUse::hgv}, {"motorbike", LaneUse::motorcycle},
    {"xe may", LaneUse::motorcycle}, {"xe tho so", LaneUse::rudimentary}, {"cart", LaneUse::rudimentary},
    {"psv", LaneUse::bus}, {"xe buyt", LaneUse::bus}, {"cycle", LaneUse::bicycle},
}};
}  // namespace

std::string_view lane_use_name(LaneUse u) {
  for (const auto& [name, use] : kNames) {
    if (use == u) return name;
  }
  return "?";
}

std::optional<LaneUse> parse_lane_use(std::string_view s) {
  const std::string key = text::match_key(s);
  for (const auto& [name, use] : kNames) {
    if (key == name) return use;
  }
  for (const auto& [name, use] : kAliases) {
    if (key == name) return use;
  }
  return std::nullopt;
}

bool Lanes::has(LaneUse u) const {
  for (auto x : uses) {
    if (x == u) return true;
  }
  return false;
}

std::string Lanes::str() const {
  std::string out;
  for (std::size_t i = 0; i < uses.size(); ++i) {
    if (i) out += '|';
    out += lane_use_name(uses[i]);
  }
  return out;
}

Lanes parse_lanes(std::string_view text) {
  Lanes lanes;
  if (text.empty()) return lanes;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto bar = text.find('|', start);
    const auto item = text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    const auto use = parse_lane_use(item);
    if (!use) {
      throw UsageError(fmt::format("unknown lane type '{}' in '{}' (lane types: general, hgv, motorcycle, "
                                   "rudimentary, bus, bicycle)",
                                   item, text));
    }
    lanes.uses.push_back(*use);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return lanes;
}

}  // namespace logiplan::network
