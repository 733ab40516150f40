#include "siting/criteria.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/error.hpp"
#include "handles/geos.hpp"
#include "network/metric_frame.hpp"
#include "project/vocabulary.hpp"
#include "siting/network_costs.hpp"
#include "siting/problem.hpp"

namespace logiplan::siting {

std::optional<double> status_score(const std::string& status) {
  if (status == "operating") return 1.0;
  if (status == "under_construction") return 0.75;
  if (status == "approved") return 0.5;
  if (status == "planned") return 0.25;
  if (status == "proposed") return 0.1;
  return std::nullopt;
}

CriteriaPlan::CriteriaPlan(const std::vector<std::string>& specs) {
  if (specs.empty()) throw UsageError("give at least one --criterion (e.g. time:seaport, in:free_trade_zone, area_ha)");
  for (const auto& text : specs) {
    Spec s{text, text, "", false, {}};
    if (!s.type.empty() && s.type[0] == '-') s.flip = true, s.type.erase(0, 1);
    if (const auto colon = s.type.find(':'); colon != std::string::npos) s.arg = s.type.substr(colon + 1), s.type.resize(colon);
    const bool with_arg = s.type == "time" || s.type == "access" || s.type == "in" || s.type == "attr";
    const bool plain = s.type == "area_ha" || s.type == "status" || s.type == "tasks";
    if (!(with_arg && !s.arg.empty()) && !(plain && s.arg.empty())) {
      throw UsageError(fmt::format("--criterion '{}': one of time:KIND, access:MODE|CLASS, in:KIND, area_ha, status, tasks, "
                                   "attr:NAME (a leading '-' turns the direction round)",
                                   text));
    }
    if (s.type == "time" || s.type == "in") s.arg = project::find_kind(s.arg).kind;  // UsageError for an unknown kind
    for (const auto& other : specs_) {
      if (other.text == text) throw UsageError(fmt::format("--criterion '{}' given twice", text));
    }
    specs_.push_back(std::move(s));
  }
}

void CriteriaPlan::add_places(db::Database& db, routing::AnalysisContext& ctx) {
  for (auto& s : specs_) {
    if (s.type == "time") s.targets = ctx.add_places(routing::resolve_places(db, "kind:" + s.arg), true);
    if (s.type == "time" && s.targets.empty()) {
      throw DataError(fmt::format("--criterion '{}': no {} can be placed on the network", s.text, s.arg));
    }
  }
}

namespace {

// Straight-line metres from each site to the nearest edge that `keep` accepts.
std::vector<std::optional<double>> distance_to_edges(const network::Network& net, const std::vector<CandidateSite>& sites,
                                                     const std::function<bool(const network::Edge&)>& keep) {
  std::vector<network::LonLat> pts;
  for (const auto& s : sites) pts.push_back(s.at);
  const auto frame = network::MetricFrame::around(pts);
  geos::Context ctx;
  auto* h = ctx.get();
  std::vector<geos::GeometryPtr> lines;
  auto tree = ctx.make_strtree();
  for (const auto& e : net.edges) {
    if (!keep(e)) continue;
    lines.push_back(frame.line(ctx, e.geometry));
    GEOSSTRtree_insert_r(h, tree.get(), lines.back().get(), lines.back().get());
  }
  std::vector<std::optional<double>> out(sites.size());
  if (lines.empty()) return out;
  for (std::size_t k = 0; k < sites.size(); ++k) {
    double x = sites[k].at.lon, y = sites[k].at.lat;
    frame.to_metric(x, y);
    auto point = ctx.own(GEOSGeom_createPointFromXY_r(h, x, y));
    const auto* g = static_cast<const GEOSGeometry*>(GEOSSTRtree_nearest_generic_r(
        h, tree.get(), point.get(), point.get(),
        [](const void* a, const void* b, double* d, void* c) {
          return GEOSDistance_r(static_cast<GEOSContextHandle_t>(c), static_cast<const GEOSGeometry*>(a),
                                static_cast<const GEOSGeometry*>(b), d);
        },
        h));
    double d = 0;
    if (g && GEOSDistance_r(h, g, point.get(), &d)) out[k] = d;
  }
  return out;
}

}  // namespace

std::vector<Criterion> CriteriaPlan::compute(db::Database& db, const routing::AnalysisContext& ctx,
                                             const std::vector<CandidateSite>& sites, routing::Metric metric,
                                             const Progress& progress) const {
  std::vector<Criterion> out;
  std::vector<std::size_t> site_places;
  for (const auto& s : sites) site_places.push_back(s.place);
  for (const auto& s : specs_) {
    Criterion c{s.text, true, std::vector<std::optional<double>>(sites.size())};
    if (s.type == "time") {
      c.higher_is_better = false;
      const auto costs = network_costs(ctx, s.targets, site_places, metric, kUnreachable, progress);
      for (std::size_t k = 0; k < sites.size(); ++k) {
        double best = kUnreachable;
        for (std::size_t t = 0; t < s.targets.size(); ++t) best = std::min(best, costs[t * sites.size() + k]);
        if (std::isfinite(best)) c.values[k] = metric == routing::Metric::time ? best / 60 : best / 1000;
      }
    } else if (s.type == "access") {
      c.higher_is_better = false;
      const auto mode = network::parse_mode(s.arg);
      const auto metres = distance_to_edges(ctx.network(), sites, [&](const network::Edge& e) {
        return mode ? e.mode == *mode : (e.mode == network::Mode::road && e.road_class == s.arg);
      });
      for (std::size_t k = 0; k < sites.size(); ++k) if (metres[k]) c.values[k] = *metres[k] / 1000;
      if (std::none_of(metres.begin(), metres.end(), [](auto& v) { return v.has_value(); })) {
        throw DataError(fmt::format("--criterion '{}': the network has no {} edge", s.text, s.arg));
      }
    } else if (s.type == "in") {
      auto st = db.prepare("SELECT count(*) FROM areas WHERE kind = ? AND ST_Contains(geom, MakePoint(?, ?, 4326))");
      auto zone = db.prepare(
          "SELECT count(*) FROM areas a, areas z WHERE z.feature_id = ? AND a.kind = ? AND (a.id = z.id OR "
          "ST_Contains(a.geom, ST_PointOnSurface(z.geom)))");
      for (std::size_t k = 0; k < sites.size(); ++k) {
        auto& q = sites[k].whole_zone ? zone : st;
        q.reset();
        if (sites[k].whole_zone) q.bind(1, *sites[k].feature_id).bind(2, s.arg);
        else q.bind(1, s.arg).bind(2, sites[k].at.lon).bind(3, sites[k].at.lat);
        q.step();
        c.values[k] = q.column_int(0) > 0 ? 1.0 : 0.0;
      }
    } else if (s.type == "tasks") {
      auto st = db.prepare("SELECT count(DISTINCT task_id) FROM task_links WHERE feature_id = ?");
      for (std::size_t k = 0; k < sites.size(); ++k) {
        if (!sites[k].feature_id) continue;
        st.reset();
        st.bind(1, *sites[k].feature_id).step();
        c.values[k] = static_cast<double>(st.column_int(0));
      }
    } else {  // area_ha, status, attr:NAME: from the feature (sites or areas)
      for (std::size_t k = 0; k < sites.size(); ++k) {
        if (!sites[k].feature_id) continue;
        for (const char* table : {"sites", "areas"}) {
          auto st = db.prepare(fmt::format("SELECT area_ha, status, attrs FROM {} WHERE feature_id = ?", table));
          if (!st.bind(1, *sites[k].feature_id).step()) continue;
          if (s.type == "area_ha") c.values[k] = st.column_double_opt(0);
          else if (s.type == "status") c.values[k] = status_score(st.column_text(1));
          else {
            const auto attrs = nlohmann::json::parse(st.column_text(2), nullptr, false);
            if (attrs.is_object() && attrs.contains(s.arg)) {
              const auto& v = attrs[s.arg];
              if (v.is_number()) c.values[k] = v.get<double>();
              else if (!v.is_null()) {
                throw DataError(fmt::format("--criterion '{}': feature '{}' has '{}', not a number", s.text,
                                            *sites[k].feature_id, v.is_string() ? v.get<std::string>() : v.dump()));
              }
            }
          }
          break;
        }
      }
    }
    if (s.flip) c.higher_is_better = !c.higher_is_better;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace logiplan::siting
