#include "corridor/corridor_context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "handles/gdal.hpp"
#include "text/fold.hpp"

namespace logiplan::corridor {

CorridorContext corridor_context(project::Project& project, const CorridorTrace& t) {
  CorridorContext c;
  c.corridor = t.def.name, c.buffer_km = t.def.buffer_km;
  OGRMultiLineString path;
  const auto& g = t.ctx->graph();
  for (const auto& piece : t.pieces) {
    for (const auto a : piece.arcs) {
      OGRLineString ls;
      for (const auto& p : g.arc_geometry(a)) ls.addPoint(p.lon, p.lat);
      if (ls.getNumPoints() >= 2) path.addGeometry(&ls);
    }
  }
  // The through places count even where the path does not reach them.
  for (const auto i : t.places) {
    const auto& at = t.ctx->place(i).place.position;
    OGRLineString ls;
    ls.addPoint(at.lon, at.lat), ls.addPoint(at.lon + 1e-9, at.lat);
    path.addGeometry(&ls);
  }
  std::vector<unsigned char> wkb(path.WkbSize());
  path.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  auto& db = project.db();
  auto st = db.prepare(
      "SELECT layer, feature_id, kind, coalesce(name, ''), ST_Distance(geom, GeomFromWKB(?1, 4326), 1) AS d"
      " FROM feature_geometries WHERE geom IS NOT NULL AND d <= ?2 ORDER BY d");
  st.bind_blob(1, wkb.data(), wkb.size()).bind(2, t.def.buffer_km * 1000);
  while (st.step()) c.features.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_double(4)});
  std::set<std::int64_t> seen;
  for (const auto& f : c.features) {
    tasks::TaskQuery q;
    q.linked_to = f.feature_id;
    for (auto& task : tasks::query_tasks(db, q)) {
      if (seen.insert(task.id).second) c.tasks.push_back(std::move(task));
    }
  }
  std::stable_sort(c.tasks.begin(), c.tasks.end(), [](const auto& a, const auto& b) {
    return a.end_date.value_or("9999") < b.end_date.value_or("9999");
  });
  return c;
}

nlohmann::json CorridorContext::summary() const {
  nlohmann::json f = nlohmann::json::array(), ts = nlohmann::json::array();
  for (const auto& x : features) {
    f.push_back({{"layer", x.layer}, {"feature_id", x.feature_id}, {"kind", x.kind}, {"name", x.name}, {"distance_m", x.distance_m}});
  }
  for (const auto& x : tasks) {
    nlohmann::json places = nlohmann::json::array();
    for (const auto& p : x.places) places.push_back(p.feature_id);
    ts.push_back({{"task", x.key()}, {"content", x.content}, {"lead", x.lead ? nlohmann::json(*x.lead) : nlohmann::json()},
                  {"end_date", x.end_date ? nlohmann::json(*x.end_date) : nlohmann::json()}, {"status", x.status},
                  {"places", places}});
  }
  return {{"corridor", corridor}, {"buffer_km", buffer_km}, {"features", f}, {"tasks", ts}};
}

std::string CorridorContext::text() const {
  std::string t = fmt::format("within {:.1f} km of corridor '{}': {} features, {} plan tasks linked to them\n", buffer_km,
                              corridor, features.size(), tasks.size());
  for (const auto& f : features) {
    t += fmt::format("  {:>7.0f} m  {:<18} {}\n", f.distance_m, f.kind, text::truncate(f.name.empty() ? f.feature_id : f.name, 60));
  }
  if (!tasks.empty()) t += fmt::format("  {:<14} {:<10} {:<28} {}\n", "task", "deadline", "lead", "content");
  for (const auto& x : tasks) {
    t += fmt::format("  {:<14} {:<10} {:<28} {}\n", x.key(), x.end_date.value_or("—"), text::truncate(x.lead.value_or("—"), 28),
                     text::truncate(x.content, 70));
  }
  return t;
}

}  // namespace logiplan::corridor
