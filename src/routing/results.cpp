#include "routing/results.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/version.hpp"
#include "crs/named_crs.hpp"
#include "io/exporter.hpp"
#include "qgis/layer_styles.hpp"

namespace logiplan::routing {

gdal::GeometryPtr line_geometry(const std::vector<network::LonLat>& points) {
  auto line = std::make_unique<OGRLineString>();
  for (const auto& p : points) line->addPoint(p.lon, p.lat);
  return line;
}

gdal::GeometryPtr point_geometry(network::LonLat p) { return std::make_unique<OGRPoint>(p.lon, p.lat); }

namespace {
void set_value(OGRFeature& f, int i, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) f.SetField(i, s->c_str());
  else if (const auto* n = std::get_if<std::int64_t>(&v)) f.SetField(i, static_cast<GIntBig>(*n));
  else if (const auto* d = std::get_if<double>(&v)) f.SetField(i, *d);
}

nlohmann::json to_json(const ResultLayer& layer, const std::vector<Value>& values) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < layer.fields.size() && i < values.size(); ++i) {
    const auto& v = values[i];
    if (const auto* s = std::get_if<std::string>(&v)) j[layer.fields[i].first] = *s;
    else if (const auto* n = std::get_if<std::int64_t>(&v)) j[layer.fields[i].first] = *n;
    else if (const auto* d = std::get_if<double>(&v)) j[layer.fields[i].first] = *d;
  }
  return j;
}
}  // namespace

std::vector<std::string> write_layers(const std::vector<ResultLayer>& layers, const std::string& path) {
  gdal::ensure_registered();
  const std::string driver_name = io::driver_for(path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  const bool single = driver_name == "GeoJSON" || driver_name == "CSV" || driver_name == "ESRI Shapefile" ||
                      driver_name == "FlatGeobuf";
  std::vector<std::string> files;
  const std::filesystem::path out(path);
  gdal::DatasetPtr shared;
  for (const auto& layer : layers) {
    std::string file = path;
    if (single && layers.size() > 1) {
      file = (out.parent_path() / (out.stem().string() + "_" + layer.name + out.extension().string())).string();
    }
    gdal::DatasetPtr own;
    GDALDataset* ds = nullptr;
    if (single || !shared) {
      std::filesystem::remove(file);
      own.reset(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      if (!own) throw DataError(fmt::format("{}: cannot create: {}", file, gdal::last_error()));
      files.push_back(file);
      if (!single) shared = std::move(own);
    }
    ds = single ? own.get() : shared.get();
    gdal::StringList options;
    if (driver_name == "CSV") options.add(layer.geometry == wkbPoint ? "GEOMETRY=AS_XY" : "GEOMETRY=AS_WKT");
    if (driver_name == "ESRI Shapefile") options.add("ENCODING=UTF-8");
    OGRSpatialReference srs = crs::wgs84();
    OGRLayer* l = ds->CreateLayer(layer.name.c_str(), &srs, layer.geometry, options.get());
    if (!l) throw DataError(fmt::format("{}: cannot create layer {}: {}", file, layer.name, gdal::last_error()));
    for (const auto& [name, type] : layer.fields) {
      OGRFieldDefn def(name.c_str(), type);
      if (l->CreateField(&def) != OGRERR_NONE) throw DataError(fmt::format("{}: cannot add field {}", file, name));
    }
    if (l->StartTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write", file));
    for (const auto& [values, geometry] : layer.features) {
      gdal::FeaturePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
      for (std::size_t i = 0; i < values.size(); ++i) set_value(*f, static_cast<int>(i), values[i]);
      if (geometry) f->SetGeometry(geometry.get());
      if (l->CreateFeature(f.get()) != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write a feature", file));
    }
    if (l->CommitTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write", file));
  }
  // A GeoPackage carries the layers' QGIS styles: opened in QGIS, they come styled.
  if (shared && driver_name == "GPKG") {
    std::vector<std::pair<std::string, std::string>> styles;
    for (const auto& layer : layers) {
      if (auto qml = qgis::style_of(layer.name); !qml.empty()) styles.emplace_back(layer.name, std::move(qml));
    }
    if (!styles.empty()) qgis::write_layer_styles(*shared, styles);
  }
  return files;
}

std::int64_t store_run(db::Database& db, const RunRecord& run, const std::vector<ResultLayer>& layers) {
  db::Transaction tx(db);
  auto st = db.prepare(
      "INSERT INTO analysis_runs(kind, network_id, network_name, profile, params, summary, seconds, tool_version)"
      " VALUES (?,?,?,?,?,?,?,?)");
  st.bind(1, run.kind).bind(2, run.network_id).bind(3, run.network_name).bind(4, run.profile);
  st.bind(5, run.params.dump()).bind(6, run.summary.dump()).bind(7, run.seconds).bind(8, std::string(kVersion)).step();
  const auto id = db.last_insert_rowid();
  for (const auto& layer : layers) {
    const auto flat = wkbFlatten(layer.geometry);
    const char* table = flat == wkbPoint ? "analysis_points"
                        : (flat == wkbPolygon || flat == wkbMultiPolygon) ? "analysis_polygons"
                                                                          : "analysis_lines";
    const char* cast = flat == wkbPoint ? "GeomFromWKB(?, 4326)" : "CastToMulti(GeomFromWKB(?, 4326))";
    auto ins = db.prepare(fmt::format("INSERT INTO {}(run_id, layer, attrs, geom) VALUES (?, ?, ?, {})", table, cast));
    for (const auto& [values, geometry] : layer.features) {
      ins.bind(1, id).bind(2, layer.name).bind(3, to_json(layer, values).dump());
      if (geometry && !geometry->IsEmpty()) {
        std::vector<unsigned char> wkb(geometry->WkbSize());
        geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        ins.bind_blob(4, wkb.data(), wkb.size());
      } else {
        ins.bind(4, std::nullopt);
      }
      ins.step();
      ins.reset();
    }
  }
  tx.commit();
  return id;
}

}  // namespace logiplan::routing
