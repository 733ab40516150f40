#include "routing/profile.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::routing {

namespace {
constexpr const char* kBuiltin[] = {"container_truck", "truck", "car", "motorbike", "rudimentary", "bus",
                                    "freight_multimodal"};

std::set<network::LaneUse> lane_set(const nlohmann::json& j, const std::string& where, const char* field) {
  std::set<network::LaneUse> out;
  for (const auto& v : j) {
    const auto use = network::parse_lane_use(v.get<std::string>());
    if (!use) {
      throw DataError(fmt::format("{}: lanes.{}: unknown lane type '{}' (general, hgv, motorcycle, rudimentary, bus, "
                                  "bicycle)",
                                  where, field, v.get<std::string>()));
    }
    out.insert(*use);
  }
  return out;
}

Profile parse(const nlohmann::json& j, const std::string& where) {
  Profile p;
  try {
    p.name = j.at("name").get<std::string>();
    p.label_vi = j.value("label_vi", p.name);
    p.vehicle_class = j.at("vehicle_class").get<std::string>();
    static const std::set<std::string> classes = {"hgv", "motorcar", "motorcycle", "rudimentary", "bus", "bicycle"};
    if (!classes.count(p.vehicle_class)) {
      throw DataError(fmt::format("{}: unknown vehicle_class '{}' (hgv, motorcar, motorcycle, rudimentary, bus, "
                                  "bicycle)",
                                  where, p.vehicle_class));
    }
    p.restriction_classes.insert(p.vehicle_class);
    for (const auto& c : j.value("restriction_classes", nlohmann::json::array())) p.restriction_classes.insert(c.get<std::string>());
    for (const auto& m : j.at("modes")) {
      const auto mode = network::parse_mode(m.get<std::string>());
      if (!mode) throw DataError(fmt::format("{}: modes: unknown mode '{}'", where, m.get<std::string>()));
      p.modes.insert(*mode);
    }
    if (j.contains("weight_t")) p.weight_t = j["weight_t"].get<double>();
    if (j.contains("height_m")) p.height_m = j["height_m"].get<double>();
    p.max_speed_kmh = j.value("max_speed_kmh", 0.0);
    if (p.max_speed_kmh <= 0) throw DataError(fmt::format("{}: max_speed_kmh must be positive", where));
    for (const auto& c : j.value("forbidden_classes", nlohmann::json::array())) p.forbidden_classes.insert(c.get<std::string>());
    const auto caps = j.value("class_speed_kmh", nlohmann::json::object());  // items() needs a named object
    for (const auto& [c, v] : caps.items()) p.class_speed_kmh[c] = v.get<double>();
    const auto& lanes = j.at("lanes");
    p.may_use = lane_set(lanes.at("may_use"), where, "may_use");
    p.dedicated = lane_set(lanes.value("dedicated", nlohmann::json::array()), where, "dedicated");
    const auto lane_speeds = lanes.value("speed_kmh", nlohmann::json::object());
    for (const auto& [name, v] : lane_speeds.items()) {
      const auto use = network::parse_lane_use(name);
      if (!use) throw DataError(fmt::format("{}: lanes.speed_kmh: unknown lane type '{}'", where, name));
      p.lane_speed_kmh[*use] = v.get<double>();
    }
  } catch (const nlohmann::json::exception& e) {
    throw DataError(fmt::format("{}: {}", where, e.what()));
  }
  return p;
}
}  // namespace

std::vector<std::string> Profile::builtin_names() { return {std::begin(kBuiltin), std::end(kBuiltin)}; }

Profile Profile::load(const std::string& name_or_path) {
  for (const char* b : kBuiltin) {
    if (name_or_path == b) {
      const std::string path = fmt::format("networks/profiles/{}.json", b);
      return parse(nlohmann::json::parse(resources::embedded(path)), path);
    }
  }
  if (name_or_path.size() > 5 && name_or_path.substr(name_or_path.size() - 5) == ".json") {
    std::ifstream in(name_or_path);
    if (!in) throw DataError(fmt::format("{}: no such profile file", name_or_path));
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
      throw DataError(fmt::format("{}: not valid JSON: {}", name_or_path, e.what()));
    }
    return parse(j, name_or_path);
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
