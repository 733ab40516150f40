#include "flows/run_volumes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/error.hpp"

namespace logiplan::flows {

double RunVolumes::of(std::int64_t edge, const std::string& cls) const {
  const auto e = vehicles.find(edge);
  if (e == vehicles.end()) return 0;
  const auto c = e->second.find(cls);
  return c == e->second.end() ? 0 : c->second;
}

RunVolumes load_run_volumes(db::Database& db, std::int64_t run_id) {
  auto run = db.prepare("SELECT kind, network_id, params, profile FROM analysis_runs WHERE id = ?");
  run.bind(1, run_id);
  if (!run.step()) throw DataError(fmt::format("no analysis run {} in the project", run_id));
  if (run.column_text(0) != "assignment") {
    throw DataError(fmt::format("run {} is a {} run, not an assignment (logiplan assign stores those)", run_id, run.column_text(0)));
  }
  RunVolumes v;
  v.run_id = run_id;
  v.network_id = run.column_int(1);
  const auto params = nlohmann::json::parse(run.column_text(2), nullptr, false);
  if (params.is_object() && params.contains("scenario")) v.scenario = params["scenario"].get<std::string>();
  const std::string profiles = run.column_text(3);
  for (std::size_t at = 0; at <= profiles.size();) {
    const auto comma = std::min(profiles.find(',', at), profiles.size());
    if (comma > at) v.classes.insert(profiles.substr(at, comma - at));
    at = comma + 1;
  }
  auto rows = db.prepare("SELECT attrs FROM analysis_lines WHERE run_id = ? AND layer = 'assignment_links'");
  rows.bind(1, run_id);
  while (rows.step()) {
    const auto a = nlohmann::json::parse(rows.column_text(0), nullptr, false);
    if (!a.is_object() || !a.contains("edge")) continue;
    const auto edge = a["edge"].get<std::int64_t>();
    auto& per = v.vehicles[edge];
    const auto ratio = [&](const char* time, const char* free) {
      const double t0 = a.contains(free) && a[free].is_number() ? a[free].get<double>() : a.value("t0_min", 0.0);
      return a.contains(time) && a[time].is_number() && t0 > 0 ? a[time].get<double>() / t0 : 1.0;
    };
    v.slowdown[edge] = {ratio("time_ab_min", "t0_ab_min"), ratio("time_ba_min", "t0_ba_min")};
    if (a.contains("vc_max") && a["vc_max"].is_number()) v.vc[edge] = a["vc_max"].get<double>();
    for (const auto& c : v.classes) {
      for (const char* dir : {"_ab", "_ba"}) {
        const auto key = c + dir;
        if (a.contains(key) && a[key].is_number()) per[c] += a[key].get<double>();
      }
    }
  }
  return v;
}

void apply_congestion(const RunVolumes& v, const network::NetworkInfo& info, const std::optional<std::string>& scenario,
                      network::Network& net) {
  if (v.network_id != info.id) {
    throw DataError(fmt::format("run {} was assigned on network version {}, and '{}' is now version {}: assign again on it",
                                v.run_id, v.network_id, info.name, info.id));
  }
  if (v.scenario != scenario) {
    throw DataError(fmt::format("run {} was assigned {}, and this study is {}: use the same scenario", v.run_id,
                                v.scenario ? "on scenario '" + *v.scenario + "'" : "on the base network",
                                scenario ? "on scenario '" + *scenario + "'" : "on the base network"));
  }
  for (const auto& [edge, s] : v.slowdown) {
    if (edge < 0 || static_cast<std::size_t>(edge) >= net.edges.size()) continue;
    auto& e = net.edges[static_cast<std::size_t>(edge)];
    if (s.first > 0) e.forward.speed_kmh /= s.first;
    if (s.second > 0) e.backward.speed_kmh /= s.second;
  }
}

void rank_audit_by_volumes(routing::AuditResult& r, const RunVolumes& v) {
  for (const char* cls : {"container_truck", "motorbike"}) {
    if (!v.classes.count(cls)) {
      std::string classes;
      for (const auto& c : v.classes) classes += (classes.empty() ? "" : ", ") + c;
      throw DataError(fmt::format("run {} has no {} volumes (its classes: {}); assign a demand with both container trucks "
                                  "and motorbikes (logiplan demand import --class motorbike)",
                                  v.run_id, cls, classes));
    }
  }
  for (auto& s : r.segments) s.container_trucks = v.of(s.edge, "container_truck"), s.motorbikes = v.of(s.edge, "motorbike");
  std::stable_sort(r.segments.begin(), r.segments.end(),
                   [](const routing::AuditSegment& a, const routing::AuditSegment& b) { return a.conflict() > b.conflict(); });
}

}  // namespace logiplan::flows
