#include "routing/profile.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::routing {

namespace {
constexpr const char* kBuiltin[] = {"container_truck", "truck", "car", "motorbike", "rudimentary", "bus",
                                    "freight_multimodal", "rail_freight", "barge"};

using json_fields::as;
using json_fields::optional;
using json_fields::positive;
using json_fields::required;

std::set<network::LaneUse> lane_set(const nlohmann::json& j, const std::string& where, const std::string& field) {
  std::set<network::LaneUse> out;
  if (!j.is_array()) throw DataError(fmt::format("{}: {}: expected a list of lane types, got {}", where, field, json_fields::type_name(j)));
  for (const auto& v : j) {
    const auto name = as<std::string>(v, where, field);
    const auto use = network::parse_lane_use(name);
    if (!use) {
      throw DataError(fmt::format("{}: {}: unknown lane type '{}' (general, hgv, motorcycle, rudimentary, bus, "
                                  "bicycle)",
                                  where, field, name));
    }
    out.insert(*use);
  }
  return out;
}

std::vector<std::string> string_list(const nlohmann::json& j, const std::string& key, const std::string& where) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end()) return out;
  if (!it->is_array()) throw DataError(fmt::format("{}: {}: expected a list, got {}", where, key, json_fields::type_name(*it)));
  for (const auto& v : *it) out.push_back(as<std::string>(v, where, key));
  return out;
}

Profile parse(const nlohmann::json& j, const std::string& where) {
  Profile p;
  if (!j.is_object()) throw DataError(fmt::format("{}: a profile is a JSON object, not {}", where, json_fields::type_name(j)));
  p.name = required<std::string>(j, "name", where);
  p.label_vi = optional<std::string>(j, "label_vi", p.name, where);
  p.vehicle_class = required<std::string>(j, "vehicle_class", where);
  static const std::set<std::string> classes = {"hgv", "motorcar", "motorcycle", "rudimentary", "bus", "bicycle"};
  if (!classes.count(p.vehicle_class)) {
    throw DataError(fmt::format("{}: unknown vehicle_class '{}' (hgv, motorcar, motorcycle, rudimentary, bus, "
                                "bicycle)",
                                where, p.vehicle_class));
  }
  p.restriction_classes.insert(p.vehicle_class);
  for (const auto& c : string_list(j, "restriction_classes", where)) p.restriction_classes.insert(c);
  if (!j.contains("modes")) throw DataError(fmt::format("{}: modes is missing", where));
  for (const auto& m : string_list(j, "modes", where)) {
    const auto mode = network::parse_mode(m);
    if (!mode) throw DataError(fmt::format("{}: modes: unknown mode '{}' (road, rail, inland_waterway, sea)", where, m));
    p.modes.insert(*mode);
  }
  if (p.modes.empty()) throw DataError(fmt::format("{}: modes: give at least one mode", where));
  if (j.contains("weight_t")) p.weight_t = positive(required<double>(j, "weight_t", where), where, "weight_t");
  if (j.contains("height_m")) p.height_m = positive(required<double>(j, "height_m", where), where, "height_m");
  p.max_speed_kmh = positive(required<double>(j, "max_speed_kmh", where), where, "max_speed_kmh");
  for (const auto& c : string_list(j, "forbidden_classes", where)) p.forbidden_classes.insert(c);
  if (const auto it = j.find("class_speed_kmh"); it != j.end()) {
    if (!it->is_object()) throw DataError(fmt::format("{}: class_speed_kmh: expected an object {{\"class\": km/h}}, got {}", where, json_fields::type_name(*it)));
    for (const auto& [c, v] : it->items()) {
      const std::string path = "class_speed_kmh." + c;
      p.class_speed_kmh[c] = positive(as<double>(v, where, path), where, path);
    }
  }
  if (!j.contains("lanes")) throw DataError(fmt::format("{}: lanes is missing", where));
  const auto& lanes = j.at("lanes");
  if (!lanes.is_object()) throw DataError(fmt::format("{}: lanes: expected an object, got {}", where, json_fields::type_name(lanes)));
  if (!lanes.contains("may_use")) throw DataError(fmt::format("{}: lanes.may_use is missing", where));
  p.may_use = lane_set(lanes.at("may_use"), where, "lanes.may_use");
  if (lanes.contains("dedicated")) p.dedicated = lane_set(lanes.at("dedicated"), where, "lanes.dedicated");
  if (const auto it = lanes.find("speed_kmh"); it != lanes.end()) {
    if (!it->is_object()) throw DataError(fmt::format("{}: lanes.speed_kmh: expected an object, got {}", where, json_fields::type_name(*it)));
    for (const auto& [name, v] : it->items()) {
      const auto use = network::parse_lane_use(name);
      if (!use) throw DataError(fmt::format("{}: lanes.speed_kmh: unknown lane type '{}'", where, name));
      const std::string path = "lanes.speed_kmh." + name;
      p.lane_speed_kmh[*use] = positive(as<double>(v, where, path), where, path);
    }
  }
  p.fingerprint = j.dump();
  return p;
}
}  // namespace

Profile Profile::from_json_text(std::string_view text, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers out of range
    throw DataError(fmt::format("{}: not valid JSON: {}", where, e.what()));
  }
  return parse(j, where);
}

std::vector<std::string> Profile::builtin_names() { return {std::begin(kBuiltin), std::end(kBuiltin)}; }

Profile Profile::load(const std::string& name_or_path) {
  for (const char* b : kBuiltin) {
    if (name_or_path == b) {
      const std::string path = fmt::format("networks/profiles/{}.json", b);
      return parse(nlohmann::json::parse(resources::embedded(path)), path);
    }
  }
  if (name_or_path.size() > 5 && name_or_path.substr(name_or_path.size() - 5) == ".json") {
    std::ifstream in(name_or_path, std::ios::binary);
    if (!in) throw DataError(fmt::format("{}: no such profile file", name_or_path));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return from_json_text(text, name_or_path);
  }
  std::string names;
  for (const char* b : kBuiltin) names += (names.empty() ? "" : ", ") + std::string(b);
  throw UsageError(fmt::format("unknown profile '{}' (built in: {}; or give a .json file)", name_or_path, names));
}

bool Profile::may_travel(const network::Edge& e, bool forward) const {
  const auto& d = forward ? e.forward : e.backward;
  if (!d.allowed || !modes.count(e.mode) || forbidden_classes.count(e.road_class)) return false;
  if (e.access == "no" || e.access == "private") return false;
  if (vehicle_class == "hgv" && e.hgv == "no") return false;
  if (weight_t && e.maxweight_t && *weight_t > *e.maxweight_t) return false;
  if (height_m && e.maxheight_m && *height_m > *e.maxheight_m) return false;
  if (d.lanes.count() > 0 &&
      std::none_of(d.lanes.uses.begin(), d.lanes.uses.end(), [&](network::LaneUse u) { return may_use.count(u) > 0; })) {
    return false;
  }
  return speed_kmh(e, forward) > 0;
}

double Profile::speed_kmh(const network::Edge& e, bool forward) const {
  double v = (forward ? e.forward : e.backward).speed_kmh;
  if (v <= 0) return 0;
  v = std::min(v, max_speed_kmh);
  if (const auto it = class_speed_kmh.find(e.road_class); it != class_speed_kmh.end()) v = std::min(v, it->second);
  // In its own lane the vehicle keeps that lane's pace (the fastest such lane on offer).
  double lane_cap = 0;
  for (const auto u : (forward ? e.forward : e.backward).lanes.uses) {
    if (!dedicated.count(u)) continue;
    const auto it = lane_speed_kmh.find(u);
    if (it == lane_speed_kmh.end()) return v;  // a dedicated lane without its own limit
    lane_cap = std::max(lane_cap, it->second);
  }
  return lane_cap > 0 ? std::min(v, lane_cap) : v;
}

bool Profile::bound_by(const network::TurnRestriction& r) const {
  if (r.vehicles != "all" && !restriction_classes.count(r.vehicles)) return false;
  std::size_t start = 0;
  while (start <= r.except.size()) {
    auto end = r.except.find(';', start);
    if (end == std::string::npos) end = r.except.size();
    std::string token = r.except.substr(start, end - start);
    token.erase(std::remove(token.begin(), token.end(), ' '), token.end());
    if (!token.empty() && (token == vehicle_class || (token == "psv" && vehicle_class == "bus"))) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace logiplan::routing
