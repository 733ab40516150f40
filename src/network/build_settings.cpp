#include "network/build_settings.hpp"

#include <fmt/format.h>

#include <fstream>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::network {

namespace {
using json_fields::as;
using json_fields::optional;
using json_fields::positive;
using json_fields::required;

const nlohmann::json& object_at(const nlohmann::json& j, const std::string& key, const std::string& where,
                                const std::string& path) {
  if (!j.contains(key)) throw DataError(fmt::format("{}: {} is missing", where, path));
  const auto& v = j.at(key);
  if (!v.is_object()) throw DataError(fmt::format("{}: {}: expected an object, got {}", where, path, json_fields::type_name(v)));
  return v;
}

BuildSettings from_json(const nlohmann::json& j, const std::string& where) {
  BuildSettings s;
  s.json = j;
  if (!j.is_object()) throw DataError(fmt::format("{}: settings are a JSON object", where));
  s.snap_tolerance_m = optional<double>(j, "snap_tolerance_m", 1.0, where);
  if (s.snap_tolerance_m < 0) throw DataError(fmt::format("{}: snap_tolerance_m: must not be negative", where));
  s.near_miss_m = optional<double>(j, "near_miss_m", 10.0, where);
  const auto& attach = object_at(j, "attach", where, "attach");
  s.attach_max_distance_m = positive(optional<double>(attach, "max_distance_m", 3000.0, where, "attach"), where,
                                     "attach.max_distance_m");
  for (const auto& [kind, modes] : object_at(attach, "modes_by_kind", where, "attach.modes_by_kind").items()) {
    const std::string path = "attach.modes_by_kind." + kind;
    if (!modes.is_array()) throw DataError(fmt::format("{}: {}: expected a list of modes", where, path));
    for (const auto& m : modes) {
      const auto name = as<std::string>(m, where, path);
      const auto mode = parse_mode(name);
      if (!mode) throw DataError(fmt::format("{}: {}: unknown mode '{}'", where, path, name));
      s.attach_modes[kind].push_back(*mode);
    }
  }
  for (const auto& [kind, minutes] : object_at(attach, "transfer_minutes", where, "attach.transfer_minutes").items()) {
    const std::string path = "attach.transfer_minutes." + kind;
    s.transfer_minutes[kind] = as<double>(minutes, where, path);
    if (s.transfer_minutes[kind] < 0) throw DataError(fmt::format("{}: {}: must not be negative", where, path));
  }
  for (const auto& [mode_name, classes] : object_at(j, "modes", where, "modes").items()) {
    const auto mode = parse_mode(mode_name);
    if (!mode) throw DataError(fmt::format("{}: modes: unknown mode '{}' (road, rail, inland_waterway, sea)", where, mode_name));
    if (!classes.is_object()) throw DataError(fmt::format("{}: modes.{}: expected an object of classes", where, mode_name));
    for (const auto& [cls, d] : classes.items()) {
      const std::string path = fmt::format("modes.{}.{}", mode_name, cls);
      ClassDefaults c;
      c.speed_kmh = positive(required<double>(d, "speed_kmh", where, path), where, path + ".speed_kmh");
      c.oneway = optional<bool>(d, "oneway", false, where, path);
      s.classes[*mode][cls] = c;
    }
  }
  return s;
}
}  // namespace

BuildSettings BuildSettings::load(const std::optional<std::string>& override_file) {
  auto j = nlohmann::json::parse(resources::embedded("networks/build-defaults.json"));
  std::string where = "networks/build-defaults.json";
  if (override_file) {
    std::ifstream in(*override_file);
    if (!in) throw DataError(fmt::format("{}: no such file", *override_file));
    nlohmann::json user;
    try {
      user = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers out of range
      throw DataError(fmt::format("{}: not valid JSON: {}", *override_file, e.what()));
    }
    j.merge_patch(user);
    where = *override_file;
  }
  return from_json(j, where);
}

const ClassDefaults* BuildSettings::find(Mode mode, std::string_view road_class) const {
  const auto m = classes.find(mode);
  if (m == classes.end()) return nullptr;
  const auto c = m->second.find(road_class);
  return c == m->second.end() ? nullptr : &c->second;
}

}  // namespace logiplan::network
