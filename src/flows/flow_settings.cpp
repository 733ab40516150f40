#include "flows/flow_settings.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::flows {

namespace {

nlohmann::json parse(std::string_view text, const std::string& where) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw DataError(fmt::format("{}: not a JSON object", where));
  return j;
}

// Every numeric entry of `table` (keys starting with '_' are notes), each positive.
void read_table(const nlohmann::json& j, const char* key, std::map<std::string, double, std::less<>>& into,
                const std::string& where) {
  if (!j.contains(key)) return;
  const auto& t = j[key];
  if (!t.is_object()) throw DataError(fmt::format("{}: {}: expected an object, got {}", where, key, json_fields::type_name(t)));
  for (const auto& [k, v] : t.items()) {
    if (!k.empty() && k[0] == '_') continue;
    const std::string path = fmt::format("{}.{}", key, k);
    into[k] = json_fields::positive(json_fields::as<double>(v, where, path), where, path);
  }
}

void apply(FlowSettings& s, const nlohmann::json& j, const std::string& where) {
  using json_fields::optional;
  using json_fields::positive;
  read_table(j, "pcu", s.pcu, where);
  read_table(j, "capacity_pcu_per_lane_hour", s.capacity_per_lane, where);
  read_table(j, "default_lanes_per_direction", s.default_lanes, where);
  if (j.contains("bpr")) {
    s.bpr_alpha = optional<double>(j["bpr"], "alpha", s.bpr_alpha, where, "bpr");
    s.bpr_beta = optional<double>(j["bpr"], "beta", s.bpr_beta, where, "bpr");
    if (!(s.bpr_alpha >= 0) || !(s.bpr_beta >= 0)) throw DataError(fmt::format("{}: bpr: alpha and beta must be non-negative", where));
  }
  if (j.contains("port_trucks")) {
    const auto& p = j["port_trucks"];
    auto& f = s.port;
    f.teu_per_truck = positive(optional<double>(p, "teu_per_truck", f.teu_per_truck, where, "port_trucks"), where, "port_trucks.teu_per_truck");
    f.tonnes_per_truck = positive(optional<double>(p, "tonnes_per_truck", f.tonnes_per_truck, where, "port_trucks"), where, "port_trucks.tonnes_per_truck");
    f.working_days = positive(optional<double>(p, "working_days", f.working_days, where, "port_trucks"), where, "port_trucks.working_days");
    auto share = [&](const char* key, double fallback) {
      const double v = optional<double>(p, key, fallback, where, "port_trucks");
      if (!(v >= 0 && v <= 1)) throw DataError(fmt::format("{}: port_trucks.{}: a share between 0 and 1, got {}", where, key, v));
      return v;
    };
    f.peak_hour_share = share("peak_hour_share", f.peak_hour_share);
    f.empty_trip_share = share("empty_trip_share", f.empty_trip_share);
    f.rail_share = share("rail_share", f.rail_share);
    f.barge_share = share("barge_share", f.barge_share);
    if (f.rail_share + f.barge_share > 1) throw DataError(fmt::format("{}: port_trucks: rail and barge shares add up to more than 1", where));
  }
  if (j.contains("gravity")) {
    s.gravity_beta_per_minute = optional<double>(j["gravity"], "beta_per_minute", s.gravity_beta_per_minute, where, "gravity");
    if (!(s.gravity_beta_per_minute >= 0)) throw DataError(fmt::format("{}: gravity.beta_per_minute: must be non-negative", where));
  }
}

}  // namespace

FlowSettings FlowSettings::load(const std::optional<std::string>& override_path) {
  FlowSettings s;
  apply(s, parse(resources::embedded("networks/flows.json"), "networks/flows.json"), "networks/flows.json");
  if (override_path) {
    std::ifstream in(*override_path);
    if (!in) throw DataError(fmt::format("{}: cannot open the settings file", *override_path));
    std::stringstream text;
    text << in.rdbuf();
    apply(s, parse(text.str(), *override_path), *override_path);
  }
  return s;
}

double FlowSettings::pcu_of(const std::string& profile) const {
  const auto it = pcu.find(profile);
  if (it == pcu.end()) {
    std::string known;
    for (const auto& [k, v] : pcu) known += (known.empty() ? "" : ", ") + k;
    throw UsageError(fmt::format("no PCU factor for vehicle class '{}' (known: {}; add it under \"pcu\" with --settings)",
                                 profile, known));
  }
  return it->second;
}

double FlowSettings::capacity_of(const std::string& road_class) const {
  const auto it = capacity_per_lane.find(road_class);
  return it != capacity_per_lane.end() ? it->second : capacity_per_lane.count("default") ? capacity_per_lane.at("default") : 600;
}

double FlowSettings::lanes_of(const std::string& road_class) const {
  const auto it = default_lanes.find(road_class);
  return it != default_lanes.end() ? it->second : default_lanes.count("default") ? default_lanes.at("default") : 1;
}

}  // namespace logiplan::flows
