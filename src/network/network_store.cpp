#include "network/network_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/version.hpp"
#include "project/bulk_spatial_index.hpp"

namespace logiplan::network {

namespace {

// Little-endian ISO WKB, the form SpatiaLite's GeomFromWKB reads.
void put_u32(std::vector<unsigned char>& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void put_f64(std::vector<unsigned char>& b, double v) {
  unsigned char raw[8];
  std::memcpy(raw, &v, 8);
  b.insert(b.end(), raw, raw + 8);
}
std::vector<unsigned char> point_wkb(LonLat p) {
  std::vector<unsigned char> b{1};
  put_u32(b, 1);
  put_f64(b, p.lon);
  put_f64(b, p.lat);
  return b;
}
std::vector<unsigned char> line_wkb(const std::vector<LonLat>& pts) {
  std::vector<unsigned char> b{1};
  b.reserve(9 + 16 * pts.size());
  put_u32(b, 2);
  put_u32(b, static_cast<std::uint32_t>(pts.size()));
  for (const auto& p : pts) put_f64(b, p.lon), put_f64(b, p.lat);
  return b;
}
std::vector<LonLat> parse_line_wkb(const std::string& b) {
  std::vector<LonLat> out;
  if (b.size() < 9 || b[0] != 1) return out;
  std::uint32_t n = 0;
  std::memcpy(&n, b.data() + 5, 4);
  for (std::uint32_t i = 0; i < n && 9 + 16 * (i + 1) <= b.size(); ++i) {
    LonLat p;
    std::memcpy(&p.lon, b.data() + 9 + 16 * i, 8);
    std::memcpy(&p.lat, b.data() + 9 + 16 * i + 8, 8);
    out.push_back(p);
  }
  return out;
}

std::string_view speed_source_name(SpeedSource s) {
  switch (s) {
    case SpeedSource::tag: return "tag";
    case SpeedSource::class_default: return "class_default";
    case SpeedSource::none: return "none";
  }
  return "none";
}
SpeedSource parse_speed_source(std::string_view s) {
  if (s == "tag") return SpeedSource::tag;
  if (s == "class_default") return SpeedSource::class_default;
  return SpeedSource::none;
}

NetworkInfo info_from(db::Statement& st) {
  NetworkInfo i;
  i.id = st.column_int(0);
  i.name = st.column_text(1);
  i.built_at = st.column_text(2);
  i.sources = nlohmann::json::parse(st.column_text(3));
  i.settings = nlohmann::json::parse(st.column_text(4));
  i.stats = nlohmann::json::parse(st.column_text(5));
  i.node_count = st.column_int(6);
  i.edge_count = st.column_int(7);
  return i;
}
// The secondary indexes of `table` (not those SQLite makes for its UNIQUE
// constraints), dropped when the rows about to be written outnumber those the
// table holds: one sort after the load builds them in a fraction of what
// updating them row by row costs (Porto: 0.05 s against 0.10 s). Returned as
// their CREATE statements, read from the schema (so they stay defined in one
// place), for recreate_indexes after the load.
std::vector<std::string> drop_indexes_for_load(db::Database& db, const std::string& table, std::size_t new_rows) {
  std::vector<std::string> sql;
  const auto rows = db.query_int(fmt::format("SELECT count(*) FROM \"{}\"", table)).value_or(0);
  if (static_cast<std::size_t>(rows) >= new_rows) return sql;
  std::vector<std::string> names;
  auto st = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name");
  st.bind(1, table);
  while (st.step()) names.push_back(st.column_text(0)), sql.push_back(st.column_text(1));
  for (const auto& n : names) db.exec(fmt::format("DROP INDEX \"{}\"", n));
  return sql;
}
void recreate_indexes(db::Database& db, const std::vector<std::string>& sql) {
  for (const auto& s : sql) db.exec(s);
}

// SpatiaLite's per-row triggers on `table`'s geometry other than its spatial
// index's: the type and SRID checks (ggi, ggu) and the timestamps (tmi, tmu,
// tmd). Dropped; returned as their CREATE statements, read from the schema, to
// be run again after the load.
std::vector<std::string> drop_row_triggers(db::Database& db, const std::string& table) {
  std::vector<std::string> names, sql;
  auto st = db.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND"
      " substr(name, 1, 4) IN ('ggi_', 'ggu_', 'tmi_', 'tmu_', 'tmd_') ORDER BY name");
  st.bind(1, table);
  while (st.step()) names.push_back(st.column_text(0)), sql.push_back(st.column_text(1));
  for (const auto& n : names) db.exec(fmt::format("DROP TRIGGER \"{}\"", n));
  return sql;
}

constexpr const char* kGeometryTables[] = {"network_nodes", "network_edges"};
constexpr const char* kInfoColumns = "id, name, built_at, sources, settings, stats, node_count, edge_count";

}  // namespace

nlohmann::json stats_json(const BuildStats& s) {
  return {{"source_lines", s.source_lines},
          {"zero_length_removed", s.zero_length_removed},
          {"duplicates_removed", s.duplicates_removed},
          {"incomplete_lines", s.incomplete_lines},
          {"incomplete_lines_skipped", s.incomplete_lines_skipped},
          {"incomplete_line_ids", s.incomplete_line_ids},
          {"snapped_endpoints", s.snapped_endpoints},
          {"restrictions_read", s.restrictions_read},
          {"restrictions_unsupported", s.restrictions_unsupported}};
}

std::int64_t save_network(db::Database& db, const std::string& name, const Network& net, const nlohmann::json& sources,
                          const nlohmann::json& settings, bool replace) {
  db::Transaction tx(db);
  // Bulk load: SpatiaLite's per-row triggers (geometry constraints, R*Tree,
  // "last insert" timestamps) cost ten times the inserts themselves. They are
  // dropped for the load and made again after it from their own SQL; the
  // column stays registered. (Discarding and recovering the column, SpatiaLite's
  // own way, re-reads every row to check what this writer makes by construction:
  // points and lines in EPSG:4326; 15 % of a city network's build.) The spatial
  // indexes are packed on a second thread meanwhile (project/bulk_spatial_index).
  project::BulkSpatialIndex node_index(db, "network_nodes"), edge_index(db, "network_edges");
  std::vector<std::string> row_triggers;
  for (const char* table : kGeometryTables) {
    db.exec(fmt::format("SELECT DisableSpatialIndex('{}', 'geom')", table));
    db.exec(fmt::format("DROP TABLE IF EXISTS idx_{}_geom", table));
    for (auto& sql : drop_row_triggers(db, table)) row_triggers.push_back(std::move(sql));
  }
  const bool replaced = find_network(db, name).has_value();
  if (replaced) {
    if (!replace) throw DataError(fmt::format("network '{}' exists in {} (use --overwrite to rebuild it)", name, db.path().string()));
    auto del = db.prepare("DELETE FROM networks WHERE name = ?");
    del.bind(1, name).step();
  }
  auto ins = db.prepare(
      "INSERT INTO networks(name, sources, settings, stats, node_count, edge_count, tool_version) VALUES (?,?,?,?,?,?,?)");
  ins.bind(1, name).bind(2, sources.dump()).bind(3, settings.dump()).bind(4, stats_json(net.stats).dump());
  ins.bind(5, static_cast<std::int64_t>(net.nodes.size())).bind(6, static_cast<std::int64_t>(net.edges.size()));
  ins.bind(7, std::string(kVersion)).step();
  const std::int64_t id = db.last_insert_rowid();

  // Row ids given, not drawn, so the index thread knows them before the rows are written.
  const auto first_id = [&db](const char* table) {
    return db.query_int(fmt::format("SELECT max(coalesce((SELECT max(id) FROM {0}), 0),"
                                    " coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{0}'), 0)) + 1",
                                    table))
        .value_or(1);
  };
  const std::int64_t node_id0 = first_id("network_nodes"), edge_id0 = first_id("network_edges");
  // Two threads build the trees while this one writes the rows.
  edge_index.start([&](const project::BulkSpatialIndex::Sink& sink) {
    for (std::size_t i = 0; i < net.edges.size(); ++i) {
      project::Box b{edge_id0 + static_cast<std::int64_t>(i), HUGE_VAL, -HUGE_VAL, HUGE_VAL, -HUGE_VAL};
      for (const auto& p : net.edges[i].geometry) {
        b.min_x = std::min(b.min_x, p.lon), b.max_x = std::max(b.max_x, p.lon);
        b.min_y = std::min(b.min_y, p.lat), b.max_y = std::max(b.max_y, p.lat);
      }
      if (!net.edges[i].geometry.empty()) sink(b);
    }
  });
  node_index.start([&](const project::BulkSpatialIndex::Sink& sink) {
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
      const auto p = net.nodes[i].position;
      sink({node_id0 + static_cast<std::int64_t>(i), p.lon, p.lon, p.lat, p.lat});
    }
  });

  const auto node_indexes = drop_indexes_for_load(db, "network_nodes", net.nodes.size());
  const auto edge_indexes = drop_indexes_for_load(db, "network_edges", net.edges.size());
  auto node_st = db.prepare(
      "INSERT INTO network_nodes(id, network_id, node, osm_id, geom) VALUES (?, ?, ?, ?, GeomFromWKB(?, 4326))");
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const auto wkb = point_wkb(net.nodes[i].position);
    node_st.bind(1, node_id0 + static_cast<std::int64_t>(i));
    node_st.bind(2, id).bind(3, static_cast<std::int64_t>(i)).bind(4, net.nodes[i].osm_id).bind_blob(5, wkb.data(), wkb.size());
    node_st.step();
    node_st.reset();
  }
  auto edge_st = db.prepare(
      "INSERT INTO network_edges(network_id, edge, from_node, to_node, mode, class, name, ref, length_m, forward,"
      " backward, speed_fwd_kmh, speed_bwd_kmh, speed_source, time_fwd_s, time_bwd_s, lanes_fwd, lanes_bwd,"
      " lane_use_fwd, lane_use_bwd, access, hgv, maxweight_t, maxheight_m, bridge, tunnel, layer, source_id, geom, id)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, GeomFromWKB(?, 4326), ?)");
  for (std::size_t i = 0; i < net.edges.size(); ++i) {
    const Edge& e = net.edges[i];
    auto nullable = [](double v) { return v > 0 ? std::optional<double>(v) : std::nullopt; };
    auto text_or_null = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
    edge_st.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, e.from).bind(4, e.to);
    edge_st.bind(5, mode_name(e.mode)).bind(6, text_or_null(e.road_class)).bind(7, text_or_null(e.name));
    edge_st.bind(8, text_or_null(e.ref)).bind(9, e.length_m).bind(10, e.forward.allowed ? 1 : 0);
    edge_st.bind(11, e.backward.allowed ? 1 : 0).bind(12, nullable(e.forward.speed_kmh));
    edge_st.bind(13, nullable(e.backward.speed_kmh)).bind(14, speed_source_name(e.speed_source));
    edge_st.bind(15, nullable(e.time_s(true))).bind(16, nullable(e.time_s(false)));
    edge_st.bind(17, static_cast<std::int64_t>(e.forward.lanes.count()));
    edge_st.bind(18, static_cast<std::int64_t>(e.backward.lanes.count()));
    edge_st.bind(19, e.forward.lanes.str()).bind(20, e.backward.lanes.str());
    edge_st.bind(21, text_or_null(e.access)).bind(22, text_or_null(e.hgv)).bind(23, e.maxweight_t).bind(24, e.maxheight_m);
    edge_st.bind(25, e.bridge ? 1 : 0).bind(26, e.tunnel ? 1 : 0).bind(27, e.layer).bind(28, e.source_id);
    const auto wkb = line_wkb(e.geometry);
    edge_st.bind_blob(29, wkb.data(), wkb.size()).bind(30, edge_id0 + static_cast<std::int64_t>(i));
    edge_st.step();
    edge_st.reset();
  }
  recreate_indexes(db, node_indexes);
  recreate_indexes(db, edge_indexes);
  auto tr_st = db.prepare(
      "INSERT INTO turn_restrictions(network_id, kind, from_edge, via_node, to_edge, vehicles, except_vehicles,"
      " source_id, origin) VALUES (?,?,?,?,?,?,?,?,?)");
  for (const auto& r : net.restrictions) {
    tr_st.bind(1, id).bind(2, r.kind).bind(3, r.from_edge).bind(4, r.via_node).bind(5, r.to_edge);
    tr_st.bind(6, r.vehicles).bind(7, r.except).bind(8, r.source_id).bind(9, r.source_id == "planner" ? "planner" : "source");
    tr_st.step();
    tr_st.reset();
  }
  for (const auto& sql : row_triggers) db.exec(sql);
  for (const char* table : kGeometryTables) {
    // What the timestamp triggers would have written, once.
    db.exec(fmt::format("UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'){}"
                        " WHERE lower(f_table_name) = lower('{}') AND lower(f_geometry_column) = 'geom'",
                        replaced ? ", last_delete = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "", table));
  }
  node_index.finish();
  edge_index.finish();
  tx.commit();
  return id;
}

std::optional<NetworkInfo> find_network(db::Database& db, const std::string& name) {
  auto st = db.prepare(fmt::format("SELECT {} FROM networks WHERE name = ?", kInfoColumns));
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return info_from(st);
}

std::vector<NetworkInfo> list_networks(db::Database& db) {
  std::vector<NetworkInfo> out;
  auto st = db.prepare(fmt::format("SELECT {} FROM networks ORDER BY name", kInfoColumns));
  while (st.step()) out.push_back(info_from(st));
  return out;
}

Network load_network(db::Database& db, const std::string& name, bool with_geometry) {
  const auto info = find_network(db, name);
  if (!info) {
    std::string names;
    for (const auto& n : list_networks(db)) names += (names.empty() ? "" : ", ") + n.name;
    throw DataError(fmt::format("{}: no network '{}' ({}); build one with `logiplan network build`",
                                db.path().string(), name, names.empty() ? "it has none" : "it has: " + names));
  }
  Network net;
  net.nodes.resize(static_cast<std::size_t>(info->node_count));
  auto nodes = db.prepare("SELECT node, osm_id, X(geom), Y(geom) FROM network_nodes WHERE network_id = ?");
  nodes.bind(1, info->id);
  while (nodes.step()) {
    auto& n = net.nodes.at(static_cast<std::size_t>(nodes.column_int(0)));
    if (!nodes.is_null(1)) n.osm_id = nodes.column_int(1);
    n.position = {nodes.column_double(2), nodes.column_double(3)};
  }
  net.edges.resize(static_cast<std::size_t>(info->edge_count));
  auto edges = db.prepare(fmt::format(
      "SELECT edge, from_node, to_node, mode, class, name, ref, length_m, forward, backward, speed_fwd_kmh,"
      " speed_bwd_kmh, speed_source, lane_use_fwd, lane_use_bwd, access, hgv, maxweight_t, maxheight_m, bridge,"
      " tunnel, layer, source_id{} FROM network_edges WHERE network_id = ?",
      with_geometry ? ", AsBinary(geom)" : ""));
  edges.bind(1, info->id);
  while (edges.step()) {
    auto& e = net.edges.at(static_cast<std::size_t>(edges.column_int(0)));
    e.from = edges.column_int(1);
    e.to = edges.column_int(2);
    e.mode = parse_mode(edges.column_text(3)).value_or(Mode::road);
    e.road_class = edges.column_text(4);
    e.name = edges.column_text(5);
    e.ref = edges.column_text(6);
    e.length_m = edges.column_double(7);
    e.forward.allowed = edges.column_int(8) != 0;
    e.backward.allowed = edges.column_int(9) != 0;
    e.forward.speed_kmh = edges.column_double(10);
    e.backward.speed_kmh = edges.column_double(11);
    e.speed_source = parse_speed_source(edges.column_text(12));
    e.forward.lanes = parse_lanes(edges.column_text(13));
    e.backward.lanes = parse_lanes(edges.column_text(14));
    e.access = edges.column_text(15);
    e.hgv = edges.column_text(16);
    e.maxweight_t = edges.column_double_opt(17);
    e.maxheight_m = edges.column_double_opt(18);
    e.bridge = edges.column_int(19) != 0;
    e.tunnel = edges.column_int(20) != 0;
    e.layer = static_cast<int>(edges.column_int(21));
    e.source_id = edges.column_text(22);
    if (with_geometry) e.geometry = parse_line_wkb(edges.column_text(23));
  }
  auto tr = db.prepare(
      "SELECT kind, from_edge, via_node, to_edge, vehicles, except_vehicles, source_id FROM turn_restrictions"
      " WHERE network_id = ? ORDER BY id");
  tr.bind(1, info->id);
  while (tr.step()) {
    net.restrictions.push_back(TurnRestriction{tr.column_text(0), tr.column_int(1), tr.column_int(2), tr.column_int(3),
                                               tr.column_text(4), tr.column_text(5), tr.column_text(6)});
  }
  return net;
}

std::int64_t add_restriction(db::Database& db, const std::string& network, const TurnRestriction& r) {
  static const std::set<std::string, std::less<>> kinds = {
      "no_left_turn", "no_right_turn", "no_straight_on", "no_u_turn", "only_left_turn", "only_right_turn",
      "only_straight_on", "only_u_turn"};
  if (!kinds.count(r.kind)) {
    std::string list;
    for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
    throw UsageError(fmt::format("unknown restriction '{}' (use {})", r.kind, list));
  }
  const auto info = find_network(db, network);
  if (!info) throw DataError(fmt::format("{}: no network '{}'", db.path().string(), network));
  auto ends = [&](std::int64_t edge) {
    auto st = db.prepare("SELECT from_node, to_node FROM network_edges WHERE network_id = ? AND edge = ?");
    st.bind(1, info->id).bind(2, edge);
    if (!st.step()) throw DataError(fmt::format("network '{}' has no edge {}", network, edge));
    return std::make_pair(st.column_int(0), st.column_int(1));
  };
  for (const auto edge : {r.from_edge, r.to_edge}) {
    const auto [a, b] = ends(edge);
    if (a != r.via_node && b != r.via_node) {
      throw DataError(fmt::format("edge {} does not touch node {} (it runs from node {} to node {})", edge, r.via_node, a, b));
    }
  }
  auto st = db.prepare(
      "INSERT INTO turn_restrictions(network_id, kind, from_edge, via_node, to_edge, vehicles, except_vehicles,"
      " source_id, origin) VALUES (?,?,?,?,?,?,?, 'planner', 'planner')");
  st.bind(1, info->id).bind(2, r.kind).bind(3, r.from_edge).bind(4, r.via_node).bind(5, r.to_edge);
  st.bind(6, r.vehicles).bind(7, r.except).step();
  return db.last_insert_rowid();
}

}  // namespace logiplan::network
