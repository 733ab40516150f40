#include "network/osm_tags.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace logiplan::network {

std::string_view tag(const Tags& tags, std::string_view key) {
  const auto it = tags.find(key);
  return it == tags.end() ? std::string_view() : std::string_view(it->second);
}

namespace {

std::optional<double> leading_number(std::string_view v, std::string_view* rest) {
  std::string s(v);
  std::replace(s.begin(), s.end(), ',', '.');
  char* end = nullptr;
  const double x = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  std::string_view r(end);
  while (!r.empty() && std::isspace(static_cast<unsigned char>(r.front()))) r.remove_prefix(1);
  if (rest) *rest = v.substr(v.size() - r.size());
  return x;
}

std::optional<int> count_of(std::string_view v) {
  std::string_view rest;
  const auto n = leading_number(v, &rest);
  if (!n || *n < 0 || *n > 32 || !rest.empty()) return std::nullopt;
  return static_cast<int>(*n);
}

std::vector<std::string> split_bars(std::string_view v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto bar = v.find('|', start);
    out.emplace_back(v.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

bool is_yes(std::string_view v) { return v == "yes" || v == "designated" || v == "permissive"; }

// What one lane is for, from the per-lane values of the access keys.
LaneUse classify(const std::map<std::string, std::string, std::less<>>& v) {
  auto get = [&](std::string_view k) {
    const auto it = v.find(k);
    return it == v.end() ? std::string_view() : std::string_view(it->second);
  };
  const bool motor_closed = get("access") == "no" || get("motor_vehicle") == "no";
  if (get("motorcycle") == "designated" || get("moped") == "designated") return LaneUse::motorcycle;
  if (get("hgv") == "designated") return LaneUse::hgv;
  if (get("bus") == "designated" || get("psv") == "designated") return LaneUse::bus;
  if (get("bicycle") == "designated") return LaneUse::bicycle;
  if ((motor_closed || get("motorcar") == "no") && (is_yes(get("motorcycle")) || is_yes(get("moped")))) {
    return LaneUse::motorcycle;
  }
  if (motor_closed && (is_yes(get("bus")) || is_yes(get("psv")))) return LaneUse::bus;
  if (motor_closed && is_yes(get("bicycle"))) return LaneUse::bicycle;
  return LaneUse::general;
}

constexpr std::array<std::string_view, 9> kLaneKeys = {"access", "motor_vehicle", "motorcar", "motorcycle", "moped",
                                                       "hgv",    "bus",           "psv",      "bicycle"};

// Per-lane values of every access key for one direction: "motorcycle:lanes:forward"
// (or, on a one-way road, "motorcycle:lanes").
std::vector<std::map<std::string, std::string, std::less<>>> lane_values(const Tags& tags, std::string_view suffix,
                                                                         std::size_t n) {
  std::vector<std::map<std::string, std::string, std::less<>>> out(n);
  for (auto key : kLaneKeys) {
    const auto v = tag(tags, std::string(key) + ":lanes" + std::string(suffix));
    if (v.empty()) continue;
    const auto parts = split_bars(v);
    if (parts.size() != n) continue;  // inconsistent with the lane count: ignored
    for (std::size_t i = 0; i < n; ++i) out[i][std::string(key)] = parts[i];
  }
  return out;
}

// The count a direction's *:lanes tags imply, when lanes=* is missing.
std::optional<int> count_from_lane_tags(const Tags& tags, std::string_view suffix) {
  for (auto key : kLaneKeys) {
    const auto v = tag(tags, std::string(key) + ":lanes" + std::string(suffix));
    if (!v.empty()) return static_cast<int>(split_bars(v).size());
  }
  return std::nullopt;
}

Lanes build(const Tags& tags, std::string_view suffix, int n) {
  Lanes lanes;
  // lanes=* counts motor lanes only; *:lanes may also list a cycle lane beside
  // them (Heidelberg: lanes=2, access:lanes=yes|yes|no): trust the longer list.
  if (const auto listed = count_from_lane_tags(tags, suffix); listed && n > 0 && *listed == n + 1) n = *listed;
  if (n <= 0) return lanes;
  const auto values = lane_values(tags, suffix, static_cast<std::size_t>(n));
  for (const auto& v : values) lanes.uses.push_back(classify(v));
  return lanes;
}

bool side_has(const Tags& tags, std::string_view base, std::string_view side, std::string_view value) {
  return tag(tags, std::string(base) + ":" + std::string(side)) == value ||
         tag(tags, std::string(base) + ":both") == value;
}

}  // namespace

Oneway parse_oneway(const Tags& tags, bool implied) {
  const auto v = tag(tags, "oneway");
  if (v == "yes" || v == "true" || v == "1") return {true, false};
  if (v == "-1" || v == "reverse") return {false, true};
  if (v == "no" || v == "false" || v == "0") return {true, true};
  const auto junction = tag(tags, "junction");
  if (implied || junction == "roundabout" || junction == "circular") return {true, false};
  return {true, true};
}

std::optional<double> parse_speed_kmh(std::string_view v) {
  if (v == "walk") return 5.0;
  std::string_view rest;
  const auto n = leading_number(v, &rest);
  if (!n || *n <= 0) return std::nullopt;
  if (rest.empty() || rest == "km/h" || rest == "kmh" || rest == "kph") return *n;
  if (rest == "mph") return *n * 1.609344;
  if (rest == "knots") return *n * 1.852;
  return std::nullopt;
}

std::optional<double> parse_weight_t(std::string_view v) {
  std::string_view rest;
  const auto n = leading_number(v, &rest);
  if (!n || *n <= 0) return std::nullopt;
  if (rest.empty() || rest == "t") return *n;
  if (rest == "kg") return *n / 1000.0;
  return std::nullopt;
}

std::optional<double> parse_height_m(std::string_view v) {
  std::string_view rest;
  const auto n = leading_number(v, &rest);
  if (!n || *n <= 0) return std::nullopt;
  if (rest.empty() || rest == "m") return *n;
  if (!rest.empty() && rest.front() == '\'') {  // feet'inches"
    std::string_view inches_part = rest.substr(1);
    const auto inches = leading_number(inches_part, nullptr).value_or(0);
    return *n * 0.3048 + inches * 0.0254;
  }
  return std::nullopt;
}

std::pair<Lanes, Lanes> parse_osm_lanes(const Tags& tags, Oneway oneway) {
  const auto total = count_of(tag(tags, "lanes"));
  auto fwd_n = count_of(tag(tags, "lanes:forward"));
  auto bwd_n = count_of(tag(tags, "lanes:backward"));
  const bool one_way = oneway.forward != oneway.backward;
  Lanes fwd, bwd;
  if (one_way) {
    // On a one-way road, lanes and the unsuffixed *:lanes tags describe the open direction.
    auto n = total ? total : count_from_lane_tags(tags, "");
    Lanes lanes = build(tags, "", n.value_or(0));
    (oneway.forward ? fwd : bwd) = lanes;
  } else {
    if (!fwd_n) fwd_n = count_from_lane_tags(tags, ":forward");
    if (!bwd_n) bwd_n = count_from_lane_tags(tags, ":backward");
    if (total && fwd_n && !bwd_n && *total >= *fwd_n) bwd_n = *total - *fwd_n;
    if (total && bwd_n && !fwd_n && *total >= *bwd_n) fwd_n = *total - *bwd_n;
    if (total && !fwd_n && !bwd_n) {
      fwd_n = *total - *total / 2;  // an odd middle lane counted forward
      bwd_n = *total / 2;
    }
    fwd = build(tags, ":forward", fwd_n.value_or(0));
    bwd = build(tags, ":backward", bwd_n.value_or(0));
  }

  // Whole-road designation: a motorbike road.
  if (tag(tags, "motorcycle") == "designated" &&
      (tag(tags, "motor_vehicle") == "no" || tag(tags, "motorcar") == "no" || tag(tags, "access") == "no")) {
    for (auto* l : {&fwd, &bwd}) std::fill(l->uses.begin(), l->uses.end(), LaneUse::motorcycle);
  }

  // Bus lanes are counted in lanes=*: the rightmost general lane becomes the bus lane.
  auto mark_bus = [](Lanes& l) {
    if (l.has(LaneUse::bus)) return;
    for (auto it = l.uses.rbegin(); it != l.uses.rend(); ++it) {
      if (*it == LaneUse::general) {
        *it = LaneUse::bus;
        return;
      }
    }
    l.uses.push_back(LaneUse::bus);
  };
  const bool bus_all = tag(tags, "busway") == "lane";
  if (oneway.forward && (bus_all || side_has(tags, "busway", "right", "lane"))) mark_bus(fwd);
  if (oneway.backward && (bus_all || side_has(tags, "busway", "left", "lane"))) mark_bus(bwd);

  // Cycle lanes are not counted in lanes=*: they are added at the kerb side.
  const auto cycleway = tag(tags, "cycleway");
  const bool right_lane = cycleway == "lane" || side_has(tags, "cycleway", "right", "lane");
  const bool left_lane = (cycleway == "lane" && !one_way) || side_has(tags, "cycleway", "left", "lane");
  // (unless the *:lanes tags listed the cycle lane already)
  if (oneway.forward && right_lane && !fwd.has(LaneUse::bicycle)) fwd.uses.push_back(LaneUse::bicycle);
  if (oneway.backward && !one_way && left_lane && !bwd.has(LaneUse::bicycle)) bwd.uses.push_back(LaneUse::bicycle);
  if (one_way && oneway.forward && side_has(tags, "cycleway", "left", "lane")) {
    fwd.uses.insert(fwd.uses.begin(), LaneUse::bicycle);
  }
  if (cycleway == "opposite_lane") bwd.uses.push_back(LaneUse::bicycle);
  return {fwd, bwd};
}

}  // namespace logiplan::network
