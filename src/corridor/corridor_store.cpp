#include "corridor/corridor_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "routing/results.hpp"

namespace logiplan::corridor {

namespace {

CorridorDef row_to_def(db::Statement& st) {
  CorridorDef d;
  d.id = st.column_int(0), d.name = st.column_text(1), d.profile = st.column_text(2);
  d.modes.clear();
  for (const auto& m : nlohmann::json::parse(st.column_text(3))) {
    if (const auto mode = network::parse_mode(m.get<std::string>())) d.modes.push_back(*mode);
  }
  d.through = nlohmann::json::parse(st.column_text(4)).get<std::vector<std::string>>();
  d.from_feature = st.column_text_opt(5);
  d.buffer_km = st.column_double(6);
  d.network = st.column_text(7);
  return d;
}

constexpr const char* kColumns = "id, name, profile, modes, through, from_feature, buffer_km, network_name";

}  // namespace

std::int64_t save_corridor(db::Database& db, const CorridorDef& def, bool replace) {
  db::Transaction tx(db);
  auto existing = db.prepare("SELECT id FROM corridor_studies WHERE name = ?");
  existing.bind(1, def.name);
  if (existing.step()) {
    if (!replace) throw DataError(fmt::format("corridor '{}' exists already (use --replace to define it again)", def.name));
    auto del = db.prepare("DELETE FROM corridor_studies WHERE id = ?");
    del.bind(1, existing.column_int(0)).step();
  }
  nlohmann::json modes = nlohmann::json::array();
  for (const auto m : def.modes) modes.push_back(std::string(network::mode_name(m)));
  auto ins = db.prepare(
      "INSERT INTO corridor_studies(name, profile, modes, through, from_feature, buffer_km, network_name)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, def.name).bind(2, def.profile).bind(3, modes.dump()).bind(4, nlohmann::json(def.through).dump());
  ins.bind(5, def.from_feature).bind(6, def.buffer_km).bind(7, def.network).step();
  const auto id = db.last_insert_rowid();
  tx.commit();
  return id;
}

CorridorDef load_corridor(db::Database& db, const std::string& name) {
  auto st = db.prepare(fmt::format("SELECT {} FROM corridor_studies WHERE name = ?", kColumns));
  st.bind(1, name);
  if (st.step()) return row_to_def(st);
  std::vector<std::string> names;
  for (const auto& d : list_corridors(db)) names.push_back(d.name);
  throw DataError(fmt::format("no corridor named '{}' ({})", name,
                              names.empty() ? std::string("none defined yet: logiplan corridor define")
                                            : fmt::format("corridors: {}", fmt::join(names, ", "))));
}

std::vector<CorridorDef> list_corridors(db::Database& db) {
  std::vector<CorridorDef> out;
  auto st = db.prepare(fmt::format("SELECT {} FROM corridor_studies ORDER BY name", kColumns));
  while (st.step()) out.push_back(row_to_def(st));
  return out;
}

void delete_corridor(db::Database& db, const std::string& name) {
  const auto d = load_corridor(db, name);  // says which exist
  db::Transaction tx(db);
  auto del = db.prepare("DELETE FROM corridor_studies WHERE id = ?");
  del.bind(1, d.id).step();
  tx.commit();
}

std::optional<std::pair<network::LonLat, network::LonLat>> corridor_feature_ends(db::Database& db, const std::string& feature_id) {
  auto st = db.prepare(
      "SELECT X(StartPoint(a)), Y(StartPoint(a)), X(EndPoint(b)), Y(EndPoint(b)) FROM ("
      " SELECT CASE WHEN GeometryType(geom) LIKE 'MULTI%' THEN GeometryN(geom, 1) ELSE geom END AS a,"
      " CASE WHEN GeometryType(geom) LIKE 'MULTI%' THEN GeometryN(geom, NumGeometries(geom)) ELSE geom END AS b"
      " FROM corridors WHERE feature_id = ?)");
  st.bind(1, feature_id);
  if (!st.step() || st.is_null(0) || st.is_null(2)) return std::nullopt;
  return std::pair{network::LonLat{st.column_double(0), st.column_double(1)}, network::LonLat{st.column_double(2), st.column_double(3)}};
}

std::optional<StoredPath> last_path(db::Database& db, std::int64_t corridor_id, const std::string& mode,
                                    const std::string& scenario) {
  auto st = db.prepare(
      "SELECT network_id, edges, length_m, time_s FROM corridor_study_paths WHERE corridor_id = ? AND mode = ? AND scenario = ?"
      " ORDER BY network_id DESC, id DESC LIMIT 1");
  st.bind(1, corridor_id).bind(2, mode).bind(3, scenario);
  if (!st.step()) return std::nullopt;
  StoredPath p;
  p.mode = mode, p.scenario = scenario, p.network_id = st.column_int(0);
  for (const auto& e : nlohmann::json::parse(st.column_text(1))) {
    p.edges.push_back({e.at(0).get<std::int64_t>(), e.at(1).get<bool>(), e.at(2).get<std::string>(), e.at(3).get<double>()});
  }
  p.length_m = st.column_double(2), p.time_s = st.column_double(3);
  return p;
}

void save_path(db::Database& db, std::int64_t corridor_id, const StoredPath& path,
               const std::vector<std::vector<network::LonLat>>& lines) {
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : path.edges) edges.push_back({e.edge, e.forward, e.source_id, e.metres});
  OGRMultiLineString ml;
  for (const auto& line : lines) {
    if (line.size() < 2) continue;
    OGRLineString ls;
    for (const auto& p : line) ls.addPoint(p.lon, p.lat);
    ml.addGeometry(&ls);
  }
  std::vector<unsigned char> wkb(ml.WkbSize());
  ml.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  db::Transaction tx(db);
  auto del = db.prepare("DELETE FROM corridor_study_paths WHERE corridor_id = ? AND mode = ? AND network_id = ? AND scenario = ?");
  del.bind(1, corridor_id).bind(2, path.mode).bind(3, path.network_id).bind(4, path.scenario).step();
  auto ins = db.prepare(
      "INSERT INTO corridor_study_paths(corridor_id, mode, network_id, scenario, edges, length_m, time_s, geom)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))");
  ins.bind(1, corridor_id).bind(2, path.mode).bind(3, path.network_id).bind(4, path.scenario).bind(5, edges.dump());
  ins.bind(6, path.length_m).bind(7, path.time_s).bind_blob(8, wkb.data(), wkb.size()).step();
  tx.commit();
}

}  // namespace logiplan::corridor
