#include "qgis/qgis_export.hpp"

#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"
#include "io/exporter.hpp"
#include "qgis/context_layers.hpp"
#include "qgis/layer_catalogue.hpp"
#include "qgis/layer_styles.hpp"
#include "qgis/map_sheets.hpp"
#include "qgis/sheet_renderer.hpp"
#include "qgis/qgs_document.hpp"
#include "resources/embedded_files.hpp"
#include "tasks/task_layers.hpp"
#include "tasks/task_query.hpp"

namespace logiplan::qgis {

namespace {

// Mainland Hải Phòng, lon/lat: what the overview sheet frames (with the zones
// and the sites inside it), not the far border gates and corridor ends.
constexpr std::array<double, 4> kHaiPhongBox = {106.35, 20.55, 107.15, 21.10};

// Lane status for the map: a road is 'dedicated' when every open direction
// has a motorbike or rudimentary-vehicle lane, 'partial' when one has,
// 'mixed' otherwise (the plan's clause: no mixed lanes port <-> logistics centre).
constexpr const char* kLaneStatusSql =
    "UPDATE network_edges SET lane_status = CASE"
    " WHEN mode <> 'road' THEN 'not_road'"
    " WHEN (NOT forward OR lane_use_fwd LIKE '%motorcycle%' OR lane_use_fwd LIKE '%rudimentary%')"
    "  AND (NOT backward OR lane_use_bwd LIKE '%motorcycle%' OR lane_use_bwd LIKE '%rudimentary%') THEN 'dedicated'"
    " WHEN lane_use_fwd LIKE '%motorcycle%' OR lane_use_fwd LIKE '%rudimentary%' OR lane_use_bwd LIKE '%motorcycle%'"
    "  OR lane_use_bwd LIKE '%rudimentary%' THEN 'partial'"
    " ELSE 'mixed' END";

void exec_sql(GDALDataset& ds, const std::string& sql) {
  CPLErrorReset();
  OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result) ds.ReleaseResultSet(result);
  if (CPLGetLastErrorType() >= CE_Failure) {
    throw DataError(fmt::format("{}: {}: {}", ds.GetDescription(), sql.substr(0, 60), gdal::last_error()));
  }
}

std::int64_t count(db::Database& db, const std::string& table) {
  return db.query_int(fmt::format("SELECT count(*) FROM {}", table)).value_or(0);
}

// Analysis runs to include: the chosen ones, or the latest of each kind.
std::vector<std::int64_t> chosen_runs(db::Database& db, const std::vector<std::int64_t>& runs) {
  if (!runs.empty()) {
    for (const auto id : runs) {
      if (!db.query_int(fmt::format("SELECT count(*) FROM analysis_runs WHERE id = {}", id)).value_or(0)) {
        throw DataError(fmt::format("no analysis run {} in the project", id));
      }
    }
    return runs;
  }
  std::vector<std::int64_t> out;
  auto st = db.prepare("SELECT max(id) FROM analysis_runs GROUP BY kind ORDER BY kind");
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

struct ResultRows {
  OGRwkbGeometryType type = wkbUnknown;
  std::vector<std::pair<std::string, OGRFieldType>> fields;
  std::vector<std::tuple<std::int64_t, nlohmann::json, std::string>> rows;  // run, attrs, WKB
};

OGRFieldType type_of(const nlohmann::json& v) {
  if (v.is_number_integer() || v.is_boolean()) return OFTInteger64;
  if (v.is_number()) return OFTReal;
  return OFTString;
}

// Result rows of the runs, by layer name, with the fields their attributes use.
std::map<std::string, ResultRows> result_rows(db::Database& db, const std::vector<std::int64_t>& runs) {
  std::map<std::string, ResultRows> out;
  for (const auto& [table, type] : {std::pair{"analysis_points", wkbPoint}, std::pair{"analysis_lines", wkbMultiLineString},
                                    std::pair{"analysis_polygons", wkbMultiPolygon}}) {
    for (const auto run : runs) {
      auto st = db.prepare(fmt::format(
          "SELECT layer, attrs, ST_AsBinary(geom) FROM {} WHERE run_id = ? AND geom IS NOT NULL ORDER BY id", table));
      st.bind(1, run);
      while (st.step()) {
        auto& r = out[st.column_text(0)];
        r.type = type;
        auto attrs = nlohmann::json::parse(st.column_text(1));
        for (const auto& item : attrs.items()) {
          if (item.value().is_null()) continue;
          const std::string key = item.key();
          if (std::none_of(r.fields.begin(), r.fields.end(), [&](const auto& f) { return f.first == key; })) {
            r.fields.emplace_back(key, type_of(item.value()));
          }
        }
        r.rows.emplace_back(run, std::move(attrs), st.column_text(2));
      }
    }
  }
  return out;
}

void write_results(GDALDataset& ds, const std::string& name, const ResultRows& r) {
  OGRSpatialReference wgs84 = crs::wgs84();
  OGRLayer* layer = ds.CreateLayer(name.c_str(), &wgs84, r.type, nullptr);
  if (!layer) throw DataError(fmt::format("{}: cannot create layer {}: {}", ds.GetDescription(), name, gdal::last_error()));
  OGRFieldDefn run_field("run_id", OFTInteger64);
  layer->CreateField(&run_field);
  for (const auto& [k, t] : r.fields) {
    OGRFieldDefn f(k.c_str(), t);
    layer->CreateField(&f);
  }
  if (layer->StartTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write {}", ds.GetDescription(), name));
  for (const auto& [run, attrs, wkb] : r.rows) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("run_id", static_cast<GIntBig>(run));
    for (const auto& [k, v] : attrs.items()) {
      const int i = f.GetFieldIndex(k.c_str());
      if (i < 0 || v.is_null()) continue;
      if (v.is_number_integer()) {
        f.SetField(i, static_cast<GIntBig>(v.get<std::int64_t>()));
      } else if (v.is_boolean()) {
        f.SetField(i, static_cast<GIntBig>(v.get<bool>() ? 1 : 0));
      } else if (v.is_number()) {
        f.SetField(i, v.get<double>());
      } else {
        f.SetField(i, v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
      }
    }
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) == OGRERR_NONE && g) {
      gdal::GeometryPtr owned(g);
      if (r.type == wkbMultiLineString) owned.reset(OGRGeometryFactory::forceToMultiLineString(owned.release()));
      if (r.type == wkbMultiPolygon) owned.reset(OGRGeometryFactory::forceToMultiPolygon(owned.release()));
      f.SetGeometry(owned.get());
    }
    if (layer->CreateFeature(&f) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: cannot write to {}: {}", ds.GetDescription(), name, gdal::last_error()));
    }
  }
  if (layer->CommitTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write {}", ds.GetDescription(), name));
}

std::pair<std::string, std::string> qgis_geometry(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint: return {"Point", "Point"};
    case wkbMultiPoint: return {"Point", "MultiPoint"};
    case wkbLineString: return {"Line", "LineString"};
    case wkbMultiLineString: return {"Line", "MultiLineString"};
    case wkbPolygon: return {"Polygon", "Polygon"};
    case wkbMultiPolygon: return {"Polygon", "MultiPolygon"};
    case wkbNone: return {"No geometry", "NoGeometry"};
    default: return {"Unknown geometry", "Unknown"};
  }
}

// The overview's frame: the zones and the sites inside mainland Hải Phòng.
std::array<double, 4> overview_frame(db::Database& db) {
  const auto e = db.query_text(fmt::format(
      "SELECT MbrMinX(x) || ' ' || MbrMinY(x) || ' ' || MbrMaxX(x) || ' ' || MbrMaxY(x) FROM (SELECT Extent(geom) AS x FROM"
      " (SELECT geom FROM areas UNION ALL SELECT geom FROM sites WHERE MbrMinX(geom) BETWEEN {0} AND {2}"
      "  AND MbrMinY(geom) BETWEEN {1} AND {3}))",
      kHaiPhongBox[0], kHaiPhongBox[1], kHaiPhongBox[2], kHaiPhongBox[3]));
  std::array<double, 4> out = kHaiPhongBox;
  if (e && std::sscanf(e->c_str(), "%lf %lf %lf %lf", &out[0], &out[1], &out[2], &out[3]) == 4) return out;
  return kHaiPhongBox;
}

// The source keys the project's features cite ("IMAP; SEED2"), each once.
std::string data_sources(db::Database& db) {
  std::vector<std::string> keys;
  auto st = db.prepare("SELECT DISTINCT source FROM sites WHERE source IS NOT NULL UNION SELECT DISTINCT source FROM areas"
                       " WHERE source IS NOT NULL");
  while (st.step()) {
    std::string all = st.column_text(0);
    std::size_t start = 0;
    while (start <= all.size()) {
      const auto end = std::min(all.find(';', start), all.size());
      std::string k = all.substr(start, end - start);
      k.erase(0, k.find_first_not_of(' '));
      k.erase(k.find_last_not_of(' ') + 1);
      if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      start = end + 1;
    }
  }
  std::sort(keys.begin(), keys.end());
  if (keys.empty()) return "—";
  constexpr std::size_t kShown = 24;
  std::string out = fmt::format("{}", fmt::join(keys.begin(), keys.begin() + std::min(keys.size(), kShown), ", "));
  if (keys.size() > kShown) out += fmt::format(" … (+{})", keys.size() - kShown);
  return out;
}

// "OpenStreetMap" when a network was built from OSM, else its source file's name.
std::string network_source(db::Database& db) {
  std::string out;
  auto st = db.prepare("SELECT sources FROM networks ORDER BY id");
  while (st.step()) {
    for (const auto& src : nlohmann::json::parse(st.column_text(0))) {
      const std::string path = src.value("path", "");
      const std::string reader = src.value("reader", "");
      const auto name = std::filesystem::path(path).filename().string();
      if (reader == "osm" || name.find(".osm") != std::string::npos) return "OpenStreetMap";
      if (out.empty()) out = name;
    }
  }
  return out;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

QgisExportReport export_qgis(project::Project& project, const QgisExportOptions& options, const Progress& progress) {
  gdal::ensure_registered();
  auto& db = project.db();
  const std::string name = options.name.empty() ? project.path().stem().string() : options.name;
  const OGRSpatialReference project_crs = crs::spatial_reference(options.crs);  // validates first
  if (options.lang != "vi" && options.lang != "en") {
    throw UsageError(fmt::format("unknown --lang '{}': vi or en", options.lang));
  }
  if (!options.context.empty() && !std::filesystem::exists(options.context)) {
    throw DataError(fmt::format("{}: no such file (--context: a province polygon layer)", options.context.string()));
  }
  std::filesystem::create_directories(options.out_dir);
  QgisExportReport report;
  report.gpkg = options.out_dir / (name + ".gpkg");
  report.qgs = options.out_dir / (name + ".qgs");
  for (const auto& p : {report.gpkg, report.qgs}) {
    if (std::filesystem::exists(p) && !options.overwrite) {
      throw DataError(fmt::format("{}: file exists (use --overwrite to replace it)", p.string()));
    }
  }
  std::filesystem::remove(report.gpkg);
  std::filesystem::remove(report.qgs);

  // 1. The project's layers, in their storage CRS (WGS84): QGIS reprojects on the fly.
  io::ExportOptions base;
  for (const char* t : {"sites", "areas", "corridors", "network_edges"}) {
    if (count(db, t) > 0) base.layers.emplace_back(t);
  }
  if (base.layers.empty()) throw DataError(fmt::format("{}: nothing to export", project.path().string()));
  io::export_layers(project, report.gpkg, base);
  logiplan::report(progress, 0.4, "layers");

  gdal::DatasetPtr ds(GDALDataset::Open(report.gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!ds) throw DataError(fmt::format("{}: cannot reopen: {}", report.gpkg.string(), gdal::last_error()));
  if (ds->GetLayerByName("network_edges")) {
    exec_sql(*ds, "ALTER TABLE network_edges ADD COLUMN lane_status TEXT");
    exec_sql(*ds, kLaneStatusSql);
  }
  // 2. Plan tasks with the geometry of their places.
  const auto all_tasks = tasks::query_tasks(db, {});
  if (!all_tasks.empty()) tasks::write_task_layers(*ds, db, all_tasks, crs::wgs84(), true, true);
  logiplan::report(progress, 0.6, "plan tasks");
  // 3. Analysis results with a style.
  for (const auto& [layer, rows] : result_rows(db, chosen_runs(db, options.runs))) {
    if (!layer_entry(layer) || style_of(layer).empty()) {
      report.skipped.push_back(fmt::format("{} ({} features): no QGIS style for it yet; export it with the analysis' --out",
                                           layer, rows.rows.size()));
      continue;
    }
    write_results(*ds, layer, rows);
  }
  logiplan::report(progress, 0.7, "analysis results");
  // 4. Context under the model: provinces and the coastline around Hải Phòng.
  const auto overview = overview_frame(db);
  std::string context_attribution;
  if (!options.context.empty()) {
    // Around everything a sheet may frame: the overview and every result layer.
    std::array<double, 4> frame = {overview[0] - 0.35, overview[1] - 0.3, overview[2] + 0.35, overview[3] + 0.3};
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
      OGRLayer* l = ds->GetLayer(i);
      OGREnvelope e;
      const LayerEntry* entry = layer_entry(l->GetName());
      if (!entry || std::string(entry->group) != "Analyses" || l->GetFeatureCount() == 0 ||
          l->GetExtent(&e, TRUE) != OGRERR_NONE) {
        continue;
      }
      frame = {std::min(frame[0], e.MinX - 0.2), std::min(frame[1], e.MinY - 0.2), std::max(frame[2], e.MaxX + 0.2),
               std::max(frame[3], e.MaxY + 0.2)};
    }
    context_attribution = write_context_layers(*ds, options.context, frame).attribution;
  }
  logiplan::report(progress, 0.8, "context");

  // 5. The project over what was written, and the styles in layer_styles.
  ProjectDocument doc;
  doc.title = fmt::format("logiplan — {}", name);
  doc.gpkg_file = report.gpkg.filename().string();
  doc.layer_crs = crs::wgs84();
  doc.project_crs = project_crs;
  std::vector<std::pair<std::string, std::string>> styles;
  for (const auto& l : layer_catalogue()) {
    OGRLayer* layer = ds->GetLayerByName(l.table);
    if (!layer) continue;
    const auto [geometry, wkb_type] = qgis_geometry(layer->GetGeomType());
    ProjectLayer pl{l.table, l.title, l.group, geometry, wkb_type, style_of(l.table), l.visible};
    if (!pl.qml.empty()) styles.emplace_back(l.table, pl.qml);
    doc.layers.push_back(pl);
    report.layers.push_back({l.table, l.group, l.title, layer->GetFeatureCount()});
  }
  for (const char* g : layer_groups()) {
    if (std::any_of(doc.layers.begin(), doc.layers.end(), [&](const ProjectLayer& l) { return l.group == g; })) {
      doc.groups.emplace_back(g);
    }
  }
  // Open on the zones and the corridors (Hải Phòng), not on the far border gates.
  if (auto e = db.query_text(
          "SELECT MbrMinX(x) || ' ' || MbrMinY(x) || ' ' || MbrMaxX(x) || ' ' || MbrMaxY(x) FROM"
          " (SELECT Extent(geom) AS x FROM (SELECT geom FROM areas UNION ALL SELECT geom FROM corridors))")) {
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    if (std::sscanf(e->c_str(), "%lf %lf %lf %lf", &xmin, &ymin, &xmax, &ymax) == 4) {
      const double mx = (xmax - xmin) * 0.15, my = (ymax - ymin) * 0.15;
      auto ct = gdal::make_transformation(crs::wgs84(), project_crs);
      std::array<double, 4> out{};
      if (ct->TransformBounds(xmin - mx, ymin - my, xmax + mx, ymax + my, &out[0], &out[1], &out[2], &out[3], 21)) {
        doc.extent = out;
      }
    }
  }
  // 6. The map sheets.
  SheetTexts texts{options.lang, project.path().filename().string(), today(), data_sources(db), network_source(db),
                   context_attribution};
  doc.sheets = plan_sheets(*ds, doc, overview, texts);
  for (const auto& sheet : doc.sheets) report.sheets.push_back(sheet.name);
  write_layer_styles(*ds, styles);
  ds.reset();  // flush the GeoPackage before QGIS may read it
  std::ofstream qgs(report.qgs, std::ios::binary);
  qgs << render_qgs(doc);
  qgs.close();
  if (!qgs) throw DataError(fmt::format("{}: cannot write", report.qgs.string()));
  if (options.pdf) {
    logiplan::report(progress, 0.85, "map sheets to PDF (QGIS)");
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& sheet : doc.sheets) files.emplace_back(sheet.name, name + "-" + sheet.file_stem);
    report.rendered = render_sheets(report.qgs, options.out_dir, files);
  }
  logiplan::report(progress, 1.0, "QGIS project");
  return report;
}

}  // namespace logiplan::qgis
