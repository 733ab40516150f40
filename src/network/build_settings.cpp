#include "network/build_settings.hpp"

#include <fmt/format.h>

#include <fstream>

#include "core/error.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::network {

namespace {
BuildSettings from_json(const nlohmann::json& j, const std::string& where) {
  BuildSettings s;
  s.json = j;
  try {
    s.snap_tolerance_m = j.value("snap_tolerance_m", 1.0);
    s.near_miss_m = j.value("near_miss_m", 10.0);
    const auto& attach = j.at("attach");
    s.attach_max_distance_m = attach.value("max_distance_m", 3000.0);
    for (const auto& [kind, modes] : attach.at("modes_by_kind").items()) {
      for (const auto& m : modes) {
        const auto mode = parse_mode(m.get<std::string>());
        if (!mode) throw DataError(fmt::format("{}: attach.modes_by_kind.{}: unknown mode '{}'", where, kind, m.get<std::string>()));
        s.attach_modes[kind].push_back(*mode);
      }
    }
    for (const auto& [kind, minutes] : attach.at("transfer_minutes").items()) s.transfer_minutes[kind] = minutes.get<double>();
    for (const auto& [mode_name, classes] : j.at("modes").items()) {
      const auto mode = parse_mode(mode_name);
      if (!mode) throw DataError(fmt::format("{}: modes: unknown mode '{}' (road, rail, inland_waterway, sea)", where, mode_name));
      for (const auto& [cls, d] : classes.items()) {
        ClassDefaults c;
        c.speed_kmh = d.at("speed_kmh").get<double>();
        c.oneway = d.value("oneway", false);
        if (c.speed_kmh <= 0) throw DataError(fmt::format("{}: modes.{}.{}: speed_kmh must be positive", where, mode_name, cls));
        s.classes[*mode][cls] = c;
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw DataError(fmt::format("{}: {}", where, e.what()));
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
    } catch (const nlohmann::json::parse_error& e) {
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
