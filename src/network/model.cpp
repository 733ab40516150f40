#include "network/model.hpp"

#include "text/fold.hpp"

namespace logiplan::network {

std::string_view mode_name(Mode m) {
  switch (m) {
    case Mode::road: return "road";
    case Mode::rail: return "rail";
    case Mode::inland_waterway: return "inland_waterway";
    case Mode::sea: return "sea";
  }
  return "?";
}

std::optional<Mode> parse_mode(std::string_view s) {
  std::string k = text::match_key(s);
  for (char& c : k) {
    if (c == ' ' || c == '-') c = '_';
  }
  if (k == "road") return Mode::road;
  if (k == "rail" || k == "railway") return Mode::rail;
  if (k == "inland_waterway" || k == "waterway") return Mode::inland_waterway;
  if (k == "sea") return Mode::sea;
  return std::nullopt;
}

}  // namespace logiplan::network
