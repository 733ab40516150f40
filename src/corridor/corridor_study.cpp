#include "corridor/corridor_study.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <set>

#include "core/error.hpp"
#include "flows/run_volumes.hpp"
#include "network/network_store.hpp"
#include "routing/route.hpp"
#include "text/fold.hpp"

namespace logiplan::corridor {

CorridorOutcome run_corridor_profile(project::Project& project, const CorridorStudy& study) {
  const auto def = load_corridor(project.db(), study.name);
  if (std::find(def.modes.begin(), def.modes.end(), study.mode) == def.modes.end()) {
    std::vector<std::string_view> modes;
    for (const auto m : def.modes) modes.push_back(network::mode_name(m));
    throw DataError(fmt::format("corridor '{}' is defined for {}, not {} (define it again with --modes)", def.name, fmt::join(modes, ", "),
                                network::mode_name(study.mode)));
  }
  // The run is checked before tracing, which stores the path: a refused study changes nothing.
  ProfileOptions options;
  if (study.volumes_run) {
    const auto v = flows::load_run_volumes(project.db(), *study.volumes_run);
    const auto net = network::find_network(project.db(), def.network);
    if (!net || v.network_id != net->id || v.scenario != study.scenario) {
      throw DataError(fmt::format("run {} was assigned on network version {}{}; the corridor is traced on version {}{}: "
                                  "use a run of the same network and scenario",
                                  v.run_id, v.network_id, v.scenario ? ", scenario " + *v.scenario : "", net ? net->id : 0,
                                  study.scenario ? ", scenario " + *study.scenario : ""));
    }
    options.vc = v.vc, options.volumes_run = v.run_id;
  }
  CorridorOutcome o{trace_corridor(project, def, study.mode, study.scenario, true), {}};
  o.profile = build_profile(project, o.trace, options);
  return o;
}

std::int64_t store_corridor_run(db::Database& db, const CorridorStudy& study, const CorridorOutcome& o) {
  nlohmann::json params = {{"corridor", study.name}, {"mode", o.profile.mode}};
  if (study.scenario) params["scenario"] = *study.scenario;
  if (study.volumes_run) params["volumes_run"] = *study.volumes_run;
  const auto s = o.profile.summary();
  return routing::store_run(db,
                            {"corridor", o.trace.ctx->info().id, o.trace.ctx->info().name, o.profile.profile, params,
                             {{"length_km", s["length_km"]}, {"minutes", s["minutes"]}, {"mixed_km", s["mixed_km"]},
                              {"bottlenecks", s["bottlenecks"].size()}},
                             0},
                            o.profile.layers());
}

ModesComparison compare_modes(project::Project& project, const std::string& name, const std::optional<std::string>& scenario) {
  const auto def = load_corridor(project.db(), name);
  ModesComparison c;
  c.corridor = def.name;
  for (const auto mode : def.modes) {
    const auto t = trace_corridor(project, def, mode, scenario, true);
    if (c.places.empty()) for (std::size_t k = 0; k < t.places.size(); ++k) c.places.push_back(t.place_label(k));
    ModeLegs m{std::string(network::mode_name(mode)), t.ctx->profile().name, 0, t.place_km, {0.0}, t.missing};
    double s = 0;
    for (std::size_t leg = 0; leg + 1 < t.places.size(); ++leg) {
      for (const auto& p : t.pieces) if (p.leg == static_cast<int>(leg)) s += p.seconds;
      m.place_minutes.push_back(s / 60);
    }
    c.modes.push_back(std::move(m));
  }
  // Every mode at once, changing at ports, ICDs and stations for the transfer time of the build settings.
  if (def.modes.size() > 1) {
    routing::AnalysisContext ctx(project, def.network, "freight_multimodal", std::nullopt, scenario);
    std::vector<std::size_t> at;
    for (const auto& spec : def.through) at.push_back(ctx.add_places(routing::resolve_places(project.db(), spec)).front());
    ctx.build();
    ModeLegs m{"combined", "freight_multimodal", 0, {0.0}, {0.0}, {}};
    double km = 0, minutes = 0;
    for (std::size_t k = 0; k + 1 < at.size(); ++k) {
      const auto r = routing::routes(ctx, at[k], at[k + 1], routing::Metric::time);
      if (r.empty()) {
        m.missing.push_back(ctx.place(at[k]).place.label + " → " + ctx.place(at[k + 1]).place.label);
      } else {
        km += r.front().length_m / 1000, minutes += r.front().time_s / 60, m.mode_changes += r.front().mode_changes;
      }
      m.place_km.push_back(km), m.place_minutes.push_back(minutes);
    }
    c.modes.push_back(std::move(m));
  }
  return c;
}

nlohmann::json ModesComparison::summary() const {
  nlohmann::json modes_json = nlohmann::json::array();
  for (const auto& m : modes) {
    modes_json.push_back({{"mode", m.mode}, {"profile", m.profile}, {"mode_changes", m.mode_changes}, {"place_km", m.place_km},
                          {"place_minutes", m.place_minutes}, {"missing_legs", m.missing}});
  }
  return {{"corridor", corridor}, {"places", places}, {"modes", modes_json}};
}

std::string ModesComparison::text() const {
  std::string t = fmt::format("corridor '{}' by mode (cumulative km / hours at each place)\n{:<34}", corridor, "");
  for (const auto& m : modes) t += fmt::format(" {:>20}", m.mode + " (" + m.profile + ")");
  t += "\n";
  for (std::size_t k = 0; k < places.size(); ++k) {
    t += fmt::format("{:<34}", text::truncate(places[k], 34));
    for (const auto& m : modes) {
      const bool ok = k < m.place_km.size() && k < m.place_minutes.size();
      t += fmt::format(" {:>20}", ok ? fmt::format("{:.1f} km / {:.2f} h", m.place_km[k], m.place_minutes[k] / 60) : "—");
    }
    t += "\n";
  }
  for (const auto& m : modes) for (const auto& x : m.missing) t += fmt::format("  {}: no path {}\n", m.mode, x);
  return t;
}

ScenarioComparison compare_scenarios(project::Project& project, const CorridorStudy& study, const std::vector<std::string>& scenarios) {
  ScenarioComparison c;
  for (const auto& name : scenarios) {
    auto s = study;
    s.scenario = name == "base" ? std::nullopt : std::optional<std::string>(name);
    if (s.volumes_run && name != scenarios.front()) s.volumes_run.reset();  // a run belongs to one network
    c.names.push_back(name);
    c.profiles.push_back(run_corridor_profile(project, s).profile);
  }
  return c;
}

namespace {
std::set<std::string> keys(const CorridorProfile& p) {
  std::set<std::string> k;
  for (const auto& b : p.bottlenecks) k.insert(b.key());
  return k;
}
}  // namespace

nlohmann::json ScenarioComparison::summary() const {
  nlohmann::json runs = nlohmann::json::array();
  const auto base = profiles.empty() ? std::set<std::string>{} : keys(profiles.front());
  for (std::size_t k = 0; k < profiles.size(); ++k) {
    const auto& p = profiles[k];
    const auto now = keys(p);
    nlohmann::json removed = nlohmann::json::array(), added = nlohmann::json::array();
    for (const auto& b : base) if (!now.count(b)) removed.push_back(b);
    for (const auto& b : now) if (!base.count(b)) added.push_back(b);
    nlohmann::json times = nlohmann::json::object();
    if (!p.segments.empty()) {
      for (const auto& cl : p.segments.front().classes) {
        const double m = p.class_minutes(cl.profile);
        times[cl.profile] = std::isnan(m) ? nlohmann::json() : nlohmann::json(m);
      }
    }
    runs.push_back({{"name", names[k]}, {"length_km", p.length_km}, {"minutes", p.minutes}, {"minutes_by_class", times},
                    {"mixed_km", p.km_with_status("mixed")}, {"dedicated_km", p.km_with_status("dedicated")},
                    {"bottlenecks", p.bottlenecks.size()}, {"bottlenecks_removed", removed}, {"bottlenecks_added", added}});
  }
  return {{"corridor", profiles.empty() ? "" : profiles.front().corridor}, {"runs", runs}};
}

std::string ScenarioComparison::text() const {
  const auto s = summary();
  std::string t = fmt::format("corridor '{}'\n{:<26}", s["corridor"].get<std::string>(), "");
  for (const auto& n : names) t += fmt::format(" {:>16}", text::truncate(n, 16));
  t += "\n";
  const auto row = [&](const std::string& label, auto value) {
    t += fmt::format("{:<26}", label);
    for (const auto& r : s["runs"]) t += fmt::format(" {:>16}", value(r));
    t += "\n";
  };
  row("km", [](const nlohmann::json& r) { return fmt::format("{:.2f}", r["length_km"].get<double>()); });
  if (!profiles.empty() && !profiles.front().segments.empty()) {
    for (const auto& cl : profiles.front().segments.front().classes) {
      row("minutes, " + cl.profile, [&](const nlohmann::json& r) {
        const auto& v = r["minutes_by_class"][cl.profile];
        return v.is_null() ? std::string("—") : fmt::format("{:.1f}", v.get<double>());
      });
    }
  }
  row("mixed-lane km", [](const nlohmann::json& r) { return fmt::format("{:.2f}", r["mixed_km"].get<double>()); });
  row("dedicated-lane km", [](const nlohmann::json& r) { return fmt::format("{:.2f}", r["dedicated_km"].get<double>()); });
  row("bottlenecks", [](const nlohmann::json& r) { return fmt::format("{}", r["bottlenecks"].get<std::size_t>()); });
  for (std::size_t k = 1; k < names.size(); ++k) {
    for (const auto& b : s["runs"][k]["bottlenecks_removed"]) t += fmt::format("  {} removes: {}\n", names[k], b.get<std::string>());
    for (const auto& b : s["runs"][k]["bottlenecks_added"]) t += fmt::format("  {} adds: {}\n", names[k], b.get<std::string>());
  }
  return t;
}

}  // namespace logiplan::corridor
