#include "project/schema.hpp"

#include <fmt/format.h>

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "project/vocabulary.hpp"

namespace logiplan::project {

namespace {

// Columns shared by the three feature tables. WGS84 storage; metric values are
// computed in metres (see geom/measure.hpp) and stored as numbers.
std::string feature_table_sql(std::string_view table, std::string_view extra) {
  std::string status_list;
  for (auto s : statuses()) status_list += fmt::format("{}'{}'", status_list.empty() ? "" : ",", s);
  return fmt::format(
      "CREATE TABLE {0} (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  feature_id TEXT NOT NULL UNIQUE,   -- stable id, kept across export/import\n"
      "  kind TEXT NOT NULL REFERENCES kinds(kind),\n"
      "  name TEXT NOT NULL,                -- Vietnamese, with diacritics\n"
      "  name_ascii TEXT NOT NULL,          -- diacritics folded\n"
      "  status TEXT CHECK (status IS NULL OR status IN ({1})),\n"
      "  capacity REAL,\n"
      "  capacity_unit TEXT,\n"
      "  area_ha REAL,                      -- computed for polygons, sourced for points\n"
      "  {2}"
      "  source TEXT,                       -- source keys, e.g. 'IMAP; SEED2'\n"
      "  location_basis TEXT,               -- how the position was obtained\n"
      "  approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),\n"
      "  attrs TEXT NOT NULL DEFAULT '{{}}', -- free attributes, JSON object\n"
      "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
      ");\n"
      "CREATE INDEX {0}_kind ON {0}(kind);\n"
      "CREATE INDEX {0}_name_ascii ON {0}(name_ascii);\n",
      table, status_list, extra);
}

void migration_1(db::Database& db) {
  db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  // Full spatial_ref_sys, so users can add VN-2000 columns with the spatialite CLI.
  db.exec("SELECT InitSpatialMetadata(0)");
  db.exec(
      "CREATE TABLE kinds (kind TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_vi TEXT NOT NULL,"
      " point INTEGER NOT NULL, polygon INTEGER NOT NULL, line INTEGER NOT NULL)");
  auto ins = db.prepare("INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& k : kinds()) {
    ins.bind(1, k.kind).bind(2, k.label_en).bind(3, k.label_vi).bind(4, k.point ? 1 : 0);
    ins.bind(5, k.polygon ? 1 : 0).bind(6, k.line ? 1 : 0);
    ins.step();
    ins.reset();
  }
  std::string modes_list;
  for (auto m : modes()) modes_list += fmt::format("{}'{}'", modes_list.empty() ? "" : ",", m);
  db.exec(feature_table_sql("sites", ""));
  db.exec(feature_table_sql("areas", ""));
  db.exec(feature_table_sql("corridors", fmt::format("mode TEXT NOT NULL CHECK (mode IN ({})),\n"
                                                     "  length_km REAL,                    -- geodesic\n",
                                                     modes_list)));
  db.exec("SELECT AddGeometryColumn('sites', 'geom', 4326, 'POINT', 'XY', 1)");
  db.exec("SELECT AddGeometryColumn('areas', 'geom', 4326, 'MULTIPOLYGON', 'XY', 1)");
  db.exec("SELECT AddGeometryColumn('corridors', 'geom', 4326, 'MULTILINESTRING', 'XY', 1)");
  for (const char* t : {"sites", "areas", "corridors"}) {
    db.exec(fmt::format("SELECT CreateSpatialIndex('{}', 'geom')", t));
  }
}

void migration_2(db::Database& db) {
  // Provenance: every import recorded, so a feature traces back to its file.
  db.exec(
      "CREATE TABLE import_runs (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
      "  source_path TEXT NOT NULL, source_layer TEXT, source_crs TEXT,\n"
      "  options TEXT NOT NULL DEFAULT '{}', features_added INTEGER NOT NULL,\n"
      "  features_replaced INTEGER NOT NULL DEFAULT 0, features_skipped INTEGER NOT NULL DEFAULT 0,\n"
      "  tool_version TEXT NOT NULL)");
  for (const char* t : {"sites", "areas", "corridors"}) {
    db.exec(fmt::format("ALTER TABLE {} ADD COLUMN import_run INTEGER REFERENCES import_runs(id)", t));
  }
  // One place to look a feature up by id or name, whatever its geometry.
  db.exec(
      "CREATE VIEW features AS\n"
      "  SELECT 'sites' AS layer, id, feature_id, kind, name, name_ascii, status FROM sites\n"
      "  UNION ALL SELECT 'areas', id, feature_id, kind, name, name_ascii, status FROM areas\n"
      "  UNION ALL SELECT 'corridors', id, feature_id, kind, name, name_ascii, status FROM corridors");
}

void migration_3(db::Database& db) {
  // Routable networks. `networks.id` grows with every build, so it doubles as
  // the network version that analysis results refer to.
  db.exec(
      "CREATE TABLE networks (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  name TEXT NOT NULL UNIQUE,\n"
      "  built_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
      "  sources TEXT NOT NULL,   -- JSON: files, modes, field maps, CRS\n"
      "  settings TEXT NOT NULL,  -- JSON: the build settings used\n"
      "  stats TEXT NOT NULL,     -- JSON: what the build removed, snapped, skipped\n"
      "  node_count INTEGER NOT NULL, edge_count INTEGER NOT NULL, tool_version TEXT NOT NULL)");
  db.exec(
      "CREATE TABLE network_nodes (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,\n"
      "  node INTEGER NOT NULL, osm_id INTEGER, UNIQUE (network_id, node))");
  db.exec(
      "CREATE TABLE network_edges (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,\n"
      "  edge INTEGER NOT NULL, from_node INTEGER NOT NULL, to_node INTEGER NOT NULL,\n"
      "  mode TEXT NOT NULL, class TEXT, name TEXT, ref TEXT, length_m REAL NOT NULL,\n"
      "  forward INTEGER NOT NULL, backward INTEGER NOT NULL,  -- direction open (from->to, to->from)\n"
      "  speed_fwd_kmh REAL, speed_bwd_kmh REAL, speed_source TEXT NOT NULL,  -- tag, class_default, none\n"
      "  time_fwd_s REAL, time_bwd_s REAL,\n"
      "  lanes_fwd INTEGER NOT NULL, lanes_bwd INTEGER NOT NULL,  -- 0: unknown\n"
      "  lane_use_fwd TEXT NOT NULL, lane_use_bwd TEXT NOT NULL,  -- e.g. general|general|motorcycle\n"
      "  access TEXT, hgv TEXT, maxweight_t REAL, maxheight_m REAL,\n"
      "  bridge INTEGER NOT NULL, tunnel INTEGER NOT NULL, layer INTEGER NOT NULL,\n"
      "  source_id TEXT NOT NULL,  -- osm:way/123, roads.shp:45\n"
      "  UNIQUE (network_id, edge))");
  db.exec("SELECT AddGeometryColumn('network_nodes', 'geom', 4326, 'POINT', 'XY', 1)");
  db.exec("SELECT AddGeometryColumn('network_edges', 'geom', 4326, 'LINESTRING', 'XY', 1)");
  db.exec("SELECT CreateSpatialIndex('network_nodes', 'geom')");
  db.exec("SELECT CreateSpatialIndex('network_edges', 'geom')");
  db.exec(
      "CREATE TABLE turn_restrictions (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,\n"
      "  kind TEXT NOT NULL, from_edge INTEGER NOT NULL, via_node INTEGER NOT NULL, to_edge INTEGER NOT NULL,\n"
      "  vehicles TEXT NOT NULL DEFAULT 'all', except_vehicles TEXT NOT NULL DEFAULT '',\n"
      "  source_id TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('source', 'planner')))");
  db.exec(
      "CREATE TABLE network_attachments (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,\n"
      "  feature_id TEXT NOT NULL, kind TEXT NOT NULL, mode TEXT NOT NULL,\n"
      "  edge INTEGER,            -- NULL: nothing of this mode within the maximum distance\n"
      "  fraction REAL,           -- where on the edge, 0 at from_node\n"
      "  distance_m REAL,         -- to the nearest edge of the mode (also when too far)\n"
      "  transfer_minutes REAL)");
  db.exec("SELECT AddGeometryColumn('network_attachments', 'geom', 4326, 'POINT', 'XY', 0)");
  db.exec("CREATE INDEX network_edges_from ON network_edges(network_id, from_node)");
  db.exec("CREATE INDEX network_edges_to ON network_edges(network_id, to_node)");
}

void migration_4(db::Database& db) {
  // Analysis runs and their result layers (routes, matrices, service areas...),
  // so a result traces back to its parameters, network version and profile.
  db.exec(
      "CREATE TABLE analysis_runs (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  kind TEXT NOT NULL,        -- route, matrix, service_area, connectivity, critical_links\n"
      "  network_id INTEGER, network_name TEXT, profile TEXT,\n"
      "  params TEXT NOT NULL, summary TEXT NOT NULL,  -- JSON\n"
      "  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
      "  seconds REAL, tool_version TEXT NOT NULL)");
  for (const auto& [table, type] : {std::pair{"analysis_points", "POINT"}, std::pair{"analysis_lines", "MULTILINESTRING"},
                                    std::pair{"analysis_polygons", "MULTIPOLYGON"}}) {
    db.exec(fmt::format(
        "CREATE TABLE {} (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " run_id INTEGER NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,"
        " layer TEXT NOT NULL, attrs TEXT NOT NULL)",
        table));
    db.exec(fmt::format("SELECT AddGeometryColumn('{}', 'geom', 4326, '{}', 'XY')", table, type));
    db.exec(fmt::format("SELECT CreateSpatialIndex('{}', 'geom')", table));
    db.exec(fmt::format("CREATE INDEX {0}_run ON {0}(run_id, layer)", table));
  }
}

void migration_5(db::Database& db) {
  // Scenarios: named edits over a base network (lanes, new links, closures),
  // applied in memory by every analysis run with --scenario; the base is never changed.
  db.exec(
      "CREATE TABLE scenarios (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
      " network_name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  db.exec(
      "CREATE TABLE scenario_edits (id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,"
      " kind TEXT NOT NULL CHECK (kind IN ('set_lanes', 'close_link', 'add_link')),"
      " edit TEXT NOT NULL)  -- JSON: target and values");
}

void migration_6(db::Database& db) {
  // Plans and their task tables (appendices), tasks tied to features by links,
  // and suggested links awaiting a planner's decision.
  db.exec(
      "CREATE TABLE plans (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE,"
      " title TEXT NOT NULL DEFAULT '', issuer TEXT, issued_on TEXT,  -- YYYY, YYYY-MM or YYYY-MM-DD\n"
      " source_path TEXT, source_layer TEXT, header_row INTEGER,"
      " imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), tool_version TEXT NOT NULL)");
  db.exec(
      "CREATE TABLE tasks (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,\n"
      "  code TEXT NOT NULL,            -- TT within its Roman group: 3.2, VI.43, II.1.1\n"
      "  tt TEXT NOT NULL,              -- TT as written\n"
      "  parent_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,\n"
      "  level INTEGER NOT NULL, position INTEGER NOT NULL, source_row INTEGER NOT NULL,\n"
      "  is_group INTEGER NOT NULL DEFAULT 0,  -- has tasks under it\n"
      "  content TEXT NOT NULL, content_ascii TEXT NOT NULL,\n"
      "  lead TEXT, partners TEXT, product TEXT, authority TEXT,\n"
      "  timeline_text TEXT, start_date TEXT, end_date TEXT,  -- ISO dates\n"
      "  recurrence TEXT NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'annual', 'ongoing')),\n"
      "  timeline_parsed INTEGER NOT NULL DEFAULT 1,  -- 0: kept as text only, listed on import\n"
      "  timeline_parts TEXT NOT NULL DEFAULT '[]',   -- JSON: dated phrases\n"
      "  status TEXT NOT NULL DEFAULT 'not_started'\n"
      "    CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),\n"
      "  UNIQUE (plan_id, code))");
  db.exec("CREATE INDEX tasks_end ON tasks(end_date)");
  db.exec(
      "CREATE TABLE task_links (id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
      " feature_id TEXT NOT NULL,  -- sites, areas or corridors; checked on insert\n"
      " role TEXT NOT NULL CHECK (role IN ('site', 'area', 'corridor', 'affects')),"
      " origin TEXT NOT NULL DEFAULT 'manual', note TEXT,"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
      " UNIQUE (task_id, feature_id, role))");
  db.exec("CREATE INDEX task_links_feature ON task_links(feature_id)");
  db.exec(
      "CREATE TABLE task_suggestions (id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
      " feature_id TEXT NOT NULL, role TEXT NOT NULL, score REAL NOT NULL, matched TEXT NOT NULL,"
      " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
      " UNIQUE (task_id, feature_id))");
  // Every feature's geometry through one name, for task queries and layers.
  db.exec(
      "CREATE VIEW feature_geometries AS\n"
      "  SELECT 'sites' AS layer, feature_id, kind, name, geom FROM sites\n"
      "  UNION ALL SELECT 'areas', feature_id, kind, name, geom FROM areas\n"
      "  UNION ALL SELECT 'corridors', feature_id, kind, name, geom FROM corridors");
}

void migration_7(db::Database& db) {
  // Travel demand: named origin–destination matrices per vehicle class (trips
  // per day or per peak hour), imported or generated from port throughput.
  db.exec(
      "CREATE TABLE demand_matrices (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
      " vehicle_class TEXT NOT NULL,  -- a profile name: container_truck, motorbike, ...\n"
      " period TEXT NOT NULL CHECK (period IN ('day', 'peak_hour')),"
      " source TEXT NOT NULL,         -- the file imported, or 'port throughput'\n"
      " params TEXT NOT NULL DEFAULT '{}',  -- JSON: the factors a generated matrix used\n"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
      " UNIQUE (name, vehicle_class))");
  db.exec(
      "CREATE TABLE demand_trips (matrix_id INTEGER NOT NULL REFERENCES demand_matrices(id) ON DELETE CASCADE,"
      " origin TEXT NOT NULL, destination TEXT NOT NULL,  -- places: feature ids or lon,lat\n"
      " trips REAL NOT NULL CHECK (trips >= 0), PRIMARY KEY (matrix_id, origin, destination))");
}

void migration_8(db::Database& db) {
  // Corridor studies: a named corridor through places, per mode; its path is
  // kept per network version and scenario, so a rebuilt network re-snaps it and
  // says what changed.
  db.exec(
      "CREATE TABLE corridor_studies (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
      " profile TEXT NOT NULL,           -- the road vehicle profile\n"
      " modes TEXT NOT NULL,             -- JSON: [\"road\", \"rail\", ...]\n"
      " through TEXT NOT NULL,           -- JSON: the place specs, in order\n"
      " from_feature TEXT,               -- a corridor_link feature it was drawn from\n"
      " buffer_km REAL NOT NULL DEFAULT 2,"
      " network_name TEXT NOT NULL DEFAULT 'main',"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  db.exec(
      "CREATE TABLE corridor_study_paths (id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " corridor_id INTEGER NOT NULL REFERENCES corridor_studies(id) ON DELETE CASCADE,"
      " mode TEXT NOT NULL, network_id INTEGER NOT NULL, scenario TEXT NOT NULL DEFAULT '',"
      " edges TEXT NOT NULL,             -- JSON: [[edge, forward, source_id, metres], ...] in order\n"
      " length_m REAL NOT NULL, time_s REAL NOT NULL,"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
      " UNIQUE (corridor_id, mode, network_id, scenario))");
  db.exec("SELECT AddGeometryColumn('corridor_study_paths', 'geom', 4326, 'MULTILINESTRING', 'XY')");
}

const std::vector<std::function<void(db::Database&)>>& migrations() {
  static const std::vector<std::function<void(db::Database&)>> all = {migration_1, migration_2, migration_3, migration_4,
                                                                      migration_5, migration_6, migration_7, migration_8};
  return all;
}

}  // namespace

int schema_version(db::Database& db) {
  if (!db.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'").value_or(0)) {
    return 0;
  }
  const auto v = db.query_text("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!v) return 0;
  try {
    return std::stoi(*v);
  } catch (const std::exception&) {
    throw DataError(fmt::format("meta.schema_version is '{}', not a number", *v));
  }
}

void migrate(db::Database& db, int from, int to) {
  static_assert(kSchemaVersion >= 1);
  if (static_cast<std::size_t>(kSchemaVersion) != migrations().size()) {
    throw std::logic_error("kSchemaVersion does not match the migration list");
  }
  for (int v = from + 1; v <= to; ++v) {
    migrations().at(static_cast<std::size_t>(v - 1))(db);
    auto st = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)");
    st.bind(1, std::to_string(v)).step();
  }
}

}  // namespace logiplan::project
