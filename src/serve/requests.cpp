#include "serve/requests.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/version.hpp"
#include "routing/analyses.hpp"
#include "routing/context.hpp"
#include "routing/route.hpp"

namespace logiplan::serve {

namespace {
std::string text(const nlohmann::json& r, const char* key, const std::string& fallback) {
  if (!r.contains(key) || r[key].is_null()) return fallback;
  if (!r[key].is_string()) throw UsageError(fmt::format("\"{}\": expected a string", key));
  return r[key].get<std::string>();
}
double number(const nlohmann::json& r, const char* key, double fallback) {
  if (!r.contains(key) || r[key].is_null()) return fallback;
  if (!r[key].is_number()) throw UsageError(fmt::format("\"{}\": expected a number", key));
  return r[key].get<double>();
}
std::vector<std::string> place_specs(const nlohmann::json& r, const char* key) {
  if (!r.contains(key)) throw UsageError(fmt::format("\"{}\" is missing", key));
  const auto& v = r[key];
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  else if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_string()) throw UsageError(fmt::format("\"{}\": expected strings (feature id, name, lon,lat or kind:...)", key));
      out.push_back(x.get<std::string>());
    }
  } else {
    throw UsageError(fmt::format("\"{}\": expected a place or a list of places", key));
  }
  if (out.empty()) throw UsageError(fmt::format("\"{}\" is empty", key));
  return out;
}
routing::Metric metric_of(const nlohmann::json& r) {
  const auto m = text(r, "metric", "fastest");
  if (m == "fastest") return routing::Metric::time;
  if (m == "shortest") return routing::Metric::distance;
  throw UsageError(fmt::format("\"metric\": '{}': use fastest or shortest", m));
}
std::optional<std::string> scenario_of(const nlohmann::json& r) {
  const auto s = text(r, "scenario", "");
  return s.empty() ? std::nullopt : std::optional(s);
}
nlohmann::json labels(const routing::AnalysisContext& ctx, std::size_t from, std::size_t to) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = from; i < to; ++i) out.push_back(ctx.place(i).place.label);
  return out;
}
}  // namespace

Requests::Requests(project::Project& project, std::shared_ptr<routing::NetworkSession> session, Defaults defaults)
    : project_(project), session_(std::move(session)), defaults_(std::move(defaults)) {}

nlohmann::json Requests::health() const {
  return {{"status", "ok"}, {"logiplan", kVersion}, {"network", session_->info().name},
          {"network_version", session_->info().id}, {"edges", session_->network()->edges.size()},
          {"nodes", session_->network()->nodes.size()}};
}

nlohmann::json Requests::route(const nlohmann::json& r) {
  const auto from = routing::resolve_places(project_.db(), place_specs(r, "from"));
  const auto to = routing::resolve_places(project_.db(), place_specs(r, "to"));
  if (from.size() != 1 || to.size() != 1) throw UsageError("route takes one origin and one destination (use matrix for many)");
  const int k = static_cast<int>(number(r, "alternatives", 1));
  if (k < 1) throw UsageError("\"alternatives\" must be at least 1");
  routing::AnalysisContext ctx(project_, session_, text(r, "profile", defaults_.profile), defaults_.max_snap_m, scenario_of(r));
  ctx.add_places({from[0], to[0]});
  ctx.build(routing::parse_lane_options(text(r, "lanes", "ignore"), number(r, "mixed_penalty", 5)));
  const auto found = routing::routes(ctx, 0, 1, metric_of(r), k);
  nlohmann::json routes = nlohmann::json::array();
  for (const auto& x : found) routes.push_back(routing::route_json(x));
  return {{"origin", ctx.place(0).place.label}, {"destination", ctx.place(1).place.label}, {"profile", ctx.profile().name},
          {"metric", text(r, "metric", "fastest")}, {"network", ctx.info().name}, {"network_version", ctx.info().id},
          {"reachable", !found.empty()}, {"routes", routes},
          {"snap_m", {ctx.place(0).snap_distance_m, ctx.place(1).snap_distance_m}}};
}

nlohmann::json Requests::matrix(const nlohmann::json& r) {
  routing::AnalysisContext ctx(project_, session_, text(r, "profile", defaults_.profile), defaults_.max_snap_m, scenario_of(r));
  const auto add = [&](const char* key) {
    std::vector<std::size_t> out;
    for (const auto& spec : place_specs(r, key)) {
      const auto ids = ctx.add_spec(spec);
      out.insert(out.end(), ids.begin(), ids.end());
    }
    return out;
  };
  const auto o = add("origins");
  const auto d = add("destinations");
  ctx.build(routing::parse_lane_options(text(r, "lanes", "ignore"), number(r, "mixed_penalty", 5)));
  const auto cells = routing::od_matrix(ctx, o, d, metric_of(r));
  nlohmann::json minutes = nlohmann::json::array(), km = nlohmann::json::array();
  for (std::size_t i = 0; i < o.size(); ++i) {
    nlohmann::json mrow = nlohmann::json::array(), krow = nlohmann::json::array();
    for (std::size_t j = 0; j < d.size(); ++j) {
      const auto& c = cells[i * d.size() + j];
      mrow.push_back(c.time_s ? nlohmann::json(*c.time_s / 60) : nlohmann::json());
      krow.push_back(c.length_m ? nlohmann::json(*c.length_m / 1000) : nlohmann::json());
    }
    minutes.push_back(mrow);
    km.push_back(krow);
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& [p, why] : ctx.skipped()) skipped.push_back({{"place", p.feature_id.value_or(p.label)}, {"reason", why}});
  return {{"origins", labels(ctx, 0, o.size())}, {"destinations", labels(ctx, o.size(), o.size() + d.size())},
          {"profile", ctx.profile().name}, {"metric", text(r, "metric", "fastest")}, {"network_version", ctx.info().id},
          {"minutes", minutes}, {"km", km}, {"not_placed", skipped}};
}

nlohmann::json Requests::service_area(const nlohmann::json& r) {
  const auto from = routing::resolve_places(project_.db(), place_specs(r, "from"));
  if (!r.contains("minutes") || !r["minutes"].is_array() || r["minutes"].empty()) {
    throw UsageError("\"minutes\": expected a list of cutoffs in minutes, e.g. [10, 20, 30]");
  }
  std::vector<double> cutoffs;
  for (const auto& m : r["minutes"]) {
    if (!m.is_number() || m.get<double>() <= 0) throw UsageError("\"minutes\": each cutoff must be a positive number");
    cutoffs.push_back(m.get<double>() * 60);
  }
  routing::AnalysisContext ctx(project_, session_, text(r, "profile", defaults_.profile), defaults_.max_snap_m, scenario_of(r));
  const auto origins = ctx.add_places(from);
  ctx.build();
  nlohmann::json features = nlohmann::json::array();
  for (const auto& a : routing::service_areas(ctx, origins, cutoffs, number(r, "buffer_m", 150))) {
    nlohmann::json geometry;
    if (a.polygon) {
      char* js = a.polygon->exportToJson();
      geometry = nlohmann::json::parse(js);
      CPLFree(js);
    }
    features.push_back({{"type", "Feature"},
                        {"properties", {{"minutes", a.cutoff_s / 60}, {"reached_km", a.reached_km}, {"profile", ctx.profile().name}}},
                        {"geometry", geometry}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace logiplan::serve
