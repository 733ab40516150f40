#include "project/feature_store.hpp"

#include <fmt/format.h>

#include "text/fold.hpp"

namespace logiplan::project {

std::optional<std::string> FeatureStore::layer_of(const std::string& feature_id) {
  auto st = db_.prepare("SELECT layer FROM features WHERE feature_id = ?");
  st.bind(1, feature_id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

void FeatureStore::remove(const std::string& feature_id) {
  if (auto layer = layer_of(feature_id)) {
    auto st = db_.prepare(fmt::format("DELETE FROM {} WHERE feature_id = ?", *layer));
    st.bind(1, feature_id).step();
  }
}

void FeatureStore::insert(const FeatureRecord& f) {
  const bool line = f.geometry == GeometryClass::line;
  const std::string geom_expr =
      f.geometry == GeometryClass::point ? "GeomFromWKB(?, 4326)" : "CastToMulti(GeomFromWKB(?, 4326))";
  const std::string sql = fmt::format(
      "INSERT INTO {} (feature_id, kind, name, name_ascii, status, capacity, capacity_unit, area_ha, source,"
      " location_basis, approximate, attrs, import_run{}, geom) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?{}, {})",
      table_of(f.geometry), line ? ", mode, length_km" : "", line ? ",?,?" : "", geom_expr);
  auto st = db_.prepare(sql);
  // Explicit positions: chained ++i is well-defined since C++17 but hard to read.
  st.bind(1, f.feature_id).bind(2, f.kind).bind(3, f.name).bind(4, text::fold_ascii(f.name));
  st.bind(5, f.status).bind(6, f.capacity).bind(7, f.capacity_unit).bind(8, f.area_ha);
  st.bind(9, f.source).bind(10, f.location_basis).bind(11, f.approximate ? 1 : 0).bind(12, f.attrs_json);
  st.bind(13, f.import_run);
  int next = 14;
  if (line) {
    st.bind(14, f.mode).bind(15, f.length_km);
    next = 16;
  }
  st.bind_blob(next, f.wkb.data(), f.wkb.size());
  st.step();
}

std::vector<LayerKindSummary> summarize_layers(db::Database& db) {
  std::vector<LayerKindSummary> out;
  for (const char* layer : {"sites", "areas", "corridors"}) {
    auto st = db.prepare(fmt::format(
        "SELECT kind, count(*), min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom))"
        " FROM {} GROUP BY kind ORDER BY kind",
        layer));
    while (st.step()) {
      out.push_back({layer, st.column_text(0), st.column_int(1), st.column_double(2), st.column_double(3),
                     st.column_double(4), st.column_double(5)});
    }
  }
  return out;
}

}  // namespace logiplan::project
