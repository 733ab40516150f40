#include "tasks/task_layers.hpp"

#include <fmt/format.h>

#include <map>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "io/exporter.hpp"

namespace logiplan::tasks {

namespace {

struct GeometryLayer {
  const char* name;
  const char* source_layer;  // in feature_geometries
  OGRwkbGeometryType type;
};
constexpr GeometryLayer kGeometryLayers[] = {
    {"plan_task_sites", "sites", wkbMultiPoint},
    {"plan_task_areas", "areas", wkbMultiPolygon},
    {"plan_task_corridors", "corridors", wkbMultiLineString},
};

std::string places_text(const TaskRecord& t, bool ids) {
  std::string s;
  for (const auto& p : t.places) s += (s.empty() ? "" : "; ") + (ids ? p.feature_id : p.name);
  return s;
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type = OFTString) {
  OGRFieldDefn f(name, type);
  if (layer.CreateField(&f) != OGRERR_NONE) {
    throw DataError(fmt::format("cannot add field '{}' to layer '{}': {}", name, layer.GetName(), gdal::last_error()));
  }
}

void set(OGRFeature& f, const char* field, const std::optional<std::string>& v) {
  if (v) f.SetField(field, v->c_str());
}

// The attributes both kinds of layer carry.
void add_common_fields(OGRLayer& layer) {
  for (const char* n : {"task", "plan", "code", "tt", "content", "lead", "partners", "timeline", "start_date", "end_date",
                        "recurrence", "status", "product", "authority", "places", "feature_ids"}) {
    add_field(layer, n);
  }
  add_field(layer, "level", OFTInteger);
  add_field(layer, "is_group", OFTInteger);
  add_field(layer, "timeline_parsed", OFTInteger);
}

void fill_common(OGRFeature& f, const TaskRecord& t) {
  f.SetField("task", t.key().c_str());
  f.SetField("plan", t.plan.c_str());
  f.SetField("code", t.code.c_str());
  f.SetField("tt", t.tt.c_str());
  f.SetField("content", t.content.c_str());
  set(f, "lead", t.lead);
  set(f, "partners", t.partners);
  set(f, "timeline", t.timeline_text);
  set(f, "start_date", t.start_date);
  set(f, "end_date", t.end_date);
  f.SetField("recurrence", t.recurrence.c_str());
  f.SetField("status", t.status.c_str());
  set(f, "product", t.product);
  set(f, "authority", t.authority);
  f.SetField("places", places_text(t, false).c_str());
  f.SetField("feature_ids", places_text(t, true).c_str());
  f.SetField("level", t.level);
  f.SetField("is_group", t.is_group ? 1 : 0);
  f.SetField("timeline_parsed", t.timeline_parsed ? 1 : 0);
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, OGRwkbGeometryType type) {
  gdal::StringList lco;
  if (std::string(ds.GetDriverName()) == "CSV") lco.add("CREATE_CSVT=NO");
  // GDAL 3.6 takes a non-const pointer; it clones the reference, never changes it.
  OGRLayer* layer = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, lco.get());
  if (!layer) throw DataError(fmt::format("{}: cannot create layer '{}': {}", ds.GetDescription(), name, gdal::last_error()));
  return layer;
}

void write(OGRLayer& layer, OGRFeature& f) {
  if (layer.CreateFeature(&f) != OGRERR_NONE) {
    throw DataError(fmt::format("cannot write to layer '{}': {}", layer.GetName(), gdal::last_error()));
  }
}

}  // namespace

std::vector<std::pair<std::string, int>> write_task_layers(GDALDataset& ds, db::Database& db,
                                                           const std::vector<TaskRecord>& tasks,
                                                           const OGRSpatialReference& target, bool with_table,
                                                           bool with_geometry) {
  std::vector<std::pair<std::string, int>> written;
  std::map<std::int64_t, const TaskRecord*> by_id;
  for (const auto& t : tasks) by_id[t.id] = &t;
  if (with_table) {
    OGRLayer* layer = create_layer(ds, "plan_tasks", nullptr, wkbNone);
    add_common_fields(*layer);
    for (const auto& t : tasks) {
      OGRFeature f(layer->GetLayerDefn());
      fill_common(f, t);
      write(*layer, f);
    }
    written.emplace_back("plan_tasks", static_cast<int>(tasks.size()));
  }
  if (!with_geometry) return written;
  const auto to_target = gdal::make_transformation(crs::wgs84(), target);
  for (const auto& g : kGeometryLayers) {
    auto st = db.prepare(
        "SELECT l.task_id, ST_AsBinary(ST_Multi(ST_Collect(f.geom))) FROM task_links l"
        " JOIN feature_geometries f ON f.feature_id = l.feature_id WHERE f.layer = ? GROUP BY l.task_id");
    st.bind(1, g.source_layer);
    OGRLayer* layer = nullptr;
    int n = 0;
    while (st.step()) {
      const auto it = by_id.find(st.column_int(0));
      if (it == by_id.end() || st.is_null(1)) continue;
      if (!layer) {
        layer = create_layer(ds, g.name, &target, g.type);
        add_common_fields(*layer);
      }
      const auto blob = st.column_text(1);
      OGRGeometry* geom = nullptr;
      if (OGRGeometryFactory::createFromWkb(blob.data(), nullptr, &geom, blob.size()) != OGRERR_NONE || !geom) {
        throw DataError(fmt::format("task {}: unreadable geometry of its {}", it->second->key(), g.source_layer));
      }
      gdal::GeometryPtr owned(geom);
      owned->transform(to_target.get());
      OGRFeature f(layer->GetLayerDefn());
      fill_common(f, *it->second);
      f.SetGeometry(owned.get());
      write(*layer, f);
      ++n;
    }
    if (layer) written.emplace_back(g.name, n);
  }
  return written;
}

TaskExportReport export_tasks(db::Database& db, const std::filesystem::path& out, const std::vector<TaskRecord>& tasks,
                              const TaskExportOptions& options) {
  gdal::ensure_registered();
  const std::string driver_name = options.format ? *options.format : [&] {
    auto ext = out.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".xlsx") return std::string("XLSX");
    if (ext == ".ods") return std::string("ODS");
    return io::driver_for(out);
  }();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) throw UsageError(fmt::format("unknown GDAL driver '{}'", driver_name));
  const OGRSpatialReference target = options.crs ? crs::spatial_reference(*options.crs) : crs::wgs84();
  const bool table_only = driver_name == "CSV" || driver_name == "XLSX" || driver_name == "ODS";
  const bool one_layer_per_file = driver_name == "GeoJSON" || driver_name == "FlatGeobuf" || driver_name == "ESRI Shapefile";

  TaskExportReport report;
  const auto create = [&](const std::filesystem::path& path) {
    if (std::filesystem::exists(path)) {
      if (!options.overwrite) throw DataError(fmt::format("{}: file exists (use --overwrite to replace it)", path.string()));
      std::filesystem::remove(path);
    }
    CPLErrorReset();
    gdal::DatasetPtr ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw DataError(fmt::format("{}: cannot create: {}", path.string(), gdal::last_error()));
    report.files.push_back(path);
    return ds;
  };
  if (!one_layer_per_file) {
    auto ds = create(out);
    // CSV and sheets hold the table only; a GeoPackage holds all four layers.
    report.layers = write_task_layers(*ds, db, tasks, target, true, !table_only);
    return report;
  }
  // One file per geometry layer, through an in-memory dataset.
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
  gdal::DatasetPtr tmp(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  const auto layers = write_task_layers(*tmp, db, tasks, target, false, true);
  for (const auto& [name, n] : layers) {
    const auto path = out.parent_path() / (out.stem().string() + "_" + name.substr(std::string("plan_task_").size()) +
                                           out.extension().string());
    auto ds = create(path);
    gdal::StringList lco;
    if (driver_name == "ESRI Shapefile") lco.add("ENCODING=UTF-8");
    if (!ds->CopyLayer(tmp->GetLayerByName(name.c_str()), name.c_str(), lco.get())) {
      throw DataError(fmt::format("{}: cannot write layer '{}': {}", path.string(), name, gdal::last_error()));
    }
    report.layers.emplace_back(name, n);
  }
  if (layers.empty()) throw DataError("no task in the selection is linked to a place: nothing to map");
  return report;
}

}  // namespace logiplan::tasks
