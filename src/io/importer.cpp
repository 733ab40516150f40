#include "io/importer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <cpl_conv.h>

#include "core/error.hpp"
#include "core/version.hpp"
#include "crs/named_crs.hpp"
#include "geom/measure.hpp"
#include "geom/validate.hpp"
#include "handles/gdal.hpp"
#include "handles/geos.hpp"
#include "io/field_mapping.hpp"
#include "project/feature_store.hpp"
#include "project/vocabulary.hpp"
#include "text/fold.hpp"
#include "text/recode.hpp"

namespace logiplan::io {

namespace {

using project::GeometryClass;

// Where a feature sits in its source, for messages. GIS sources are named by
// FID (what ogrinfo and QGIS show); spreadsheets by row, the header being row 1
// (GDAL numbers CSV data rows from FID 1, XLSX/ODS rows by their sheet row).
struct Place {
  const std::string* path;
  int row_offset = -1;  // row = FID + row_offset; -1: not a spreadsheet
  GIntBig fid = 0;
  std::string name;
  std::string str() const {
    std::string s = row_offset >= 0 ? fmt::format("{}: row {}", *path, fid + row_offset)
                                    : fmt::format("{}: feature {}", *path, fid);
    if (!name.empty()) s += fmt::format(" '{}'", name);
    return s;
  }
};

std::optional<std::string> text_field(const OGRFeature& f, std::optional<int> idx) {
  if (!idx || !f.IsFieldSetAndNotNull(*idx)) return std::nullopt;
  std::string v = f.GetFieldAsString(*idx);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
  if (v.empty()) return std::nullopt;
  return v;
}

// Numbers as planners type them: "106.90547" or, from Vietnamese spreadsheets, "106,90547".
std::optional<double> number_field(const OGRFeature& f, std::optional<int> idx, const Place& where,
                                   std::string_view what) {
  if (!idx || !f.IsFieldSetAndNotNull(*idx)) return std::nullopt;
  const auto type = f.GetFieldDefnRef(*idx)->GetType();
  if (type == OFTReal || type == OFTInteger || type == OFTInteger64) return f.GetFieldAsDouble(*idx);
  auto text = text_field(f, idx);
  if (!text) return std::nullopt;
  std::string s = *text;
  if (s.find('.') == std::string::npos) std::replace(s.begin(), s.end(), ',', '.');
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) {
    throw DataError(fmt::format("{}: {} '{}' is not a number", where.str(), what, *text));
  }
  return v;
}

bool truthy(std::string_view v) {
  const std::string k = text::match_key(v);
  return k == "1" || k == "true" || k == "yes" || k == "y" || k == "co" || k == "a";
}

// Text in the source's encoding, as UTF-8 (or refused, naming the field).
std::string utf8_text(std::string v, const std::optional<std::string>& encoding, const std::string& where,
                      std::string_view field) {
  if (encoding) v = text::recode_to_utf8(v, *encoding);
  if (!text::is_valid_utf8(v)) {
    throw DataError(fmt::format(
        "{}: field '{}' is not valid UTF-8{}; re-save the file as UTF-8, give --encoding (CP1258 for old Vietnamese "
        "Windows files, LATIN1), or give a Shapefile its .cpg file",
        where, text::is_valid_utf8(field) ? std::string(field) : text::fold_ascii(field),
        encoding ? fmt::format(" even after decoding from {}", *encoding) : ""));
  }
  return v;
}

nlohmann::json field_json(const OGRFeature& f, int idx, const std::optional<std::string>& encoding,
                          const std::string& where) {
  switch (f.GetFieldDefnRef(idx)->GetType()) {
    case OFTInteger: return f.GetFieldAsInteger(idx);
    case OFTInteger64: return f.GetFieldAsInteger64(idx);
    case OFTReal: {
      const double v = f.GetFieldAsDouble(idx);
      if (std::isfinite(v)) return v;
      return nullptr;  // JSON has no NaN or infinity
    }
    default: return utf8_text(f.GetFieldAsString(idx), encoding, where, f.GetFieldDefnRef(idx)->GetNameRef());
  }
}

// GDAL hands text on as C strings, so a NUL byte would silently cut a name or a
// value short. Text sources are scanned for one first (and JSON for \u0000).
void refuse_nul_bytes(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::set<std::string> text_formats = {".csv", ".tsv", ".txt", ".geojson", ".json", ".kml", ".gml", ".gpx"};
  if (!text_formats.count(ext) || path.rfind("/vsi", 0) == 0) return;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  const bool json = ext == ".geojson" || ext == ".json";
  for (std::int64_t n = 1; std::getline(in, line); ++n) {
    if (line.find('\0') != std::string::npos) {
      throw DataError(fmt::format("{}: line {} holds a NUL byte, which would cut its text short (a binary file, or "
                                  "text saved as UTF-16?); re-save the file as UTF-8",
                                  path, n));
    }
    if (json && line.find("\\u0000") != std::string::npos) {
      throw DataError(fmt::format("{}: line {} holds a \\u0000 (NUL) character, which would cut its text short; "
                                  "remove it",
                                  path, n));
    }
  }
}

std::optional<GeometryClass> class_of(const OGRGeometry& g) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: return GeometryClass::point;
    case wkbMultiPoint:
      if (g.toMultiPoint()->getNumGeometries() == 1) return GeometryClass::point;
      return std::nullopt;
    case wkbPolygon: case wkbMultiPolygon: return GeometryClass::polygon;
    case wkbLineString: case wkbMultiLineString: return GeometryClass::line;
    default: return std::nullopt;
  }
}

// Viet Nam and the border region it trades with: a point outside is most
// likely a CRS mistake (swapped axes, wrong datum, wrong zone).
bool in_region(const OGREnvelope& e) { return e.MinX >= 100 && e.MaxX <= 115 && e.MinY >= 5 && e.MaxY <= 26; }

class Importer {
 public:
  Importer(project::Project& project, const std::string& path, const ImportOptions& options, const Progress& progress)
      : project_(project), path_(path), options_(options), progress_(progress) {}

  ImportReport run();

 private:
  OGRLayer* pick_layer(GDALDataset& ds);
  void resolve_crs(OGRLayer& layer);
  gdal::GeometryPtr geometry_of(OGRFeature& f, const Place& where);
  project::FeatureRecord record_of(OGRFeature& f, Place& where);
  std::string make_id(const std::string& kind, const std::string& name);
  void check_location(const OGRGeometry& wgs84, const Place& where);

  project::Project& project_;
  std::string path_;
  const ImportOptions& options_;
  const Progress& progress_;
  ImportReport report_;
  int row_offset_ = -1;
  std::optional<FieldMapping> mapping_;
  std::optional<project::KindInfo> fixed_kind_;
  std::optional<OGRSpatialReference> src_srs_;
  gdal::CoordinateTransformationPtr to_wgs84_;
  geos::Context geos_;
  std::set<std::string> ids_in_file_;
  std::optional<OGREnvelope> area_of_use_;  // the source CRS's, in lon/lat, when PROJ knows it
  std::string area_name_;
};

// A feature must land where its CRS is meant for, and in Viet Nam or the region
// it trades with: WGS84 degrees read as VN-2000 metres land near (101.3, 0.0),
// and such a feature is a wrong --src-crs, not a place.
void Importer::check_location(const OGRGeometry& g, const Place& where) {
  OGREnvelope env;
  g.getEnvelope(&env);
  std::string problem;
  if (area_of_use_) {
    constexpr double margin = 1.0;  // degrees: data often spills a little over a zone's province
    const auto& a = *area_of_use_;
    if (env.MinX < a.MinX - margin || env.MaxX > a.MaxX + margin || env.MinY < a.MinY - margin ||
        env.MaxY > a.MaxY + margin) {
      problem = fmt::format("outside the area of use of {} ({}: lon {:.2f}..{:.2f}, lat {:.2f}..{:.2f})",
                            report_.source_crs, area_name_, a.MinX, a.MaxX, a.MinY, a.MaxY);
    }
  }
  if (problem.empty() && !in_region(env)) problem = "outside Viet Nam and its border region (lon 100..115, lat 5..26)";
  if (problem.empty()) return;
  const std::string text = fmt::format("{}: lies at ({:.5f}, {:.5f}) in WGS84, {}", where.str(), env.MinX, env.MinY, problem);
  if (options_.force_location) {
    report_.warnings.push_back(text);
    return;
  }
  throw DataError(fmt::format("{}; the coordinates are probably in another CRS than {} (lon/lat given as VN-2000 "
                              "metres, or the other way round?): check --src-crs, or rerun with --force-location to "
                              "import it anyway",
                              text, report_.source_crs));
}

OGRLayer* Importer::pick_layer(GDALDataset& ds) {
  if (options_.layer) {
    OGRLayer* layer = ds.GetLayerByName(options_.layer->c_str());
    if (!layer) {
      std::string names;
      for (auto* l : ds.GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
      throw DataError(fmt::format("{}: no layer '{}' (layers: {})", path_, *options_.layer, names));
    }
    return layer;
  }
  if (ds.GetLayerCount() == 0) throw DataError(fmt::format("{}: no layers", path_));
  if (ds.GetLayerCount() > 1) {
    std::string names;
    for (auto* l : ds.GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
    throw UsageError(fmt::format("{}: has {} layers; choose one with --layer (layers: {})", path_,
                                 ds.GetLayerCount(), names));
  }
  return ds.GetLayer(0);
}

void Importer::resolve_crs(OGRLayer& layer) {
  if (options_.source_crs) {
    src_srs_ = crs::spatial_reference(*options_.source_crs);
  } else if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
    src_srs_ = *srs;
    src_srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  } else {
    throw DataError(fmt::format(
        "{}: layer '{}' has no coordinate reference system; say which with --src-crs "
        "(e.g. --src-crs wgs84 for lon/lat in WGS84, --src-crs vn2000-haiphong for VN-2000 / TM-3 105-45)",
        path_, layer.GetName()));
  }
  report_.source_crs = crs::describe(*src_srs_);
  to_wgs84_ = gdal::make_transformation(*src_srs_, crs::wgs84());
  double w = 0, s = 0, e = 0, n = 0;
  const char* area = nullptr;
  if (src_srs_->GetAreaOfUse(&w, &s, &e, &n, &area) && w > -1000 && !(w <= -179.9 && e >= 179.9)) {
    OGREnvelope env;
    env.MinX = w, env.MinY = s, env.MaxX = e < w ? e + 360 : e, env.MaxY = n;
    area_of_use_ = env;
    area_name_ = area ? area : "its area of use";
  }
}

gdal::GeometryPtr Importer::geometry_of(OGRFeature& f, const Place& where) {
  if (const OGRGeometry* g = f.GetGeometryRef(); g && !g->IsEmpty()) return gdal::GeometryPtr(g->clone());
  const auto lon = number_field(f, mapping_->index_of("lon"), where, "lon");
  const auto lat = number_field(f, mapping_->index_of("lat"), where, "lat");
  if (lon && lat) return std::make_unique<OGRPoint>(*lon, *lat);
  if (auto wkt = text_field(f, mapping_->index_of("wkt"))) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt->c_str(), nullptr, &g) != OGRERR_NONE || !g) {
      throw DataError(fmt::format("{}: WKT '{}' cannot be read", where.str(), wkt->substr(0, 60)));
    }
    return gdal::GeometryPtr(g);
  }
  throw DataError(fmt::format("{}: no geometry (empty geometry, and no lon/lat or WKT value)", where.str()));
}

std::string Importer::make_id(const std::string& kind, const std::string& name) {
  const std::string base = text::slugify(kind) + "/" + text::slugify(name);
  std::string id = base;
  for (int n = 2; ids_in_file_.count(id); ++n) id = fmt::format("{}-{}", base, n);
  return id;
}

project::FeatureRecord Importer::record_of(OGRFeature& f, Place& where) {
  project::FeatureRecord r;
  auto name = text_field(f, mapping_->index_of("name"));
  bool generated_name = false;
  if (!name) {
    if (options_.unnamed != Unnamed::label) {
      throw DataError(fmt::format("{}: empty name (field '{}'); name it, or rerun with --unnamed skip|label",
                                  where.str(), mapping_->field_name(*mapping_->index_of("name"))));
    }
    name = fmt::format("{} #{}", report_.layer, f.GetFID());
    generated_name = true;
    ++report_.unnamed_labelled;
  }
  r.name = utf8_text(*name, options_.encoding, where.str(), "name");
  where.name = r.name;

  // Kind.
  if (fixed_kind_) {
    r.kind = fixed_kind_->kind;
  } else {
    const auto kind_text = text_field(f, mapping_->index_of("kind"));
    if (!kind_text) throw DataError(fmt::format("{}: no kind (give --kind or fill the kind field)", where.str()));
    try {
      r.kind = project::find_kind(*kind_text).kind;
    } catch (const UsageError& e) {
      throw DataError(fmt::format("{}: {}", where.str(), e.what()));
    }
  }
  const auto& kind = project::find_kind(r.kind);

  // Geometry: class, validity (in source coordinates, which is what the user sees), reprojection.
  auto g = geometry_of(f, where);
  g->flattenTo2D();
  const auto cls = class_of(*g);
  if (!cls) {
    throw DataError(fmt::format("{}: unsupported geometry {}; logiplan stores points, polygons and lines",
                                where.str(), OGRGeometryTypeToName(g->getGeometryType())));
  }
  if (!project::allows(kind, *cls)) {
    std::string allowed;
    for (auto c : {GeometryClass::point, GeometryClass::polygon, GeometryClass::line}) {
      if (project::allows(kind, c)) allowed += (allowed.empty() ? "" : " or ") + std::string(project::geometry_name(c));
    }
    throw DataError(fmt::format("{}: a {} must be a {}, not a {}", where.str(), r.kind, allowed,
                                project::geometry_name(*cls)));
  }
  if (src_srs_->IsGeographic()) {
    OGREnvelope e;
    g->getEnvelope(&e);
    if (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90) {
      throw DataError(fmt::format("{}: coordinates ({:.10g}, {:.10g}) are not longitude/latitude, but the CRS is {}; the data "
                                  "looks projected: give the right one with --src-crs (e.g. vn2000-haiphong)",
                                  where.str(), e.MinX, e.MinY, report_.source_crs));
    }
  }
  if (auto problem = geom::find_problem(geos_, *g)) {
    if (!options_.make_valid) {
      const std::string at =
          problem->where ? fmt::format(" at ({:.10g}, {:.10g})", problem->where->x, problem->where->y) : "";
      throw DataError(fmt::format("{}: invalid geometry: {}{}; fix it in the source or rerun with --make-valid",
                                  where.str(), problem->reason, at));
    }
    g = geom::make_valid(geos_, *g);
    ++report_.repaired;
  }
  if (g->transform(to_wgs84_.get()) != OGRERR_NONE) {
    throw DataError(fmt::format("{}: cannot transform from {} to WGS84: {}", where.str(), report_.source_crs,
                                gdal::last_error()));
  }
  check_location(*g, where);
  r.geometry = *cls;
  if (*cls == GeometryClass::point && wkbFlatten(g->getGeometryType()) == wkbMultiPoint) {
    g.reset(g->toMultiPoint()->getGeometryRef(0)->clone());
  }
  r.wkb.resize(g->WkbSize());
  g->exportToWkb(wkbNDR, r.wkb.data(), wkbVariantIso);

  // Status, mode and numbers.
  if (auto s = text_field(f, mapping_->index_of("status"))) {
    const auto status = project::find_status(*s);
    if (!status) {
      throw DataError(fmt::format("{}: unknown status '{}' (use {}; Vietnamese also accepted)", where.str(), *s,
                                  project::joined(project::statuses())));
    }
    r.status = std::string(*status);
  }
  if (*cls == GeometryClass::line) {
    auto m = text_field(f, mapping_->index_of("mode"));
    if (!m) m = options_.mode;
    if (!m) {
      throw DataError(fmt::format("{}: a corridor link needs a mode ({}): map a field with --map mode=FIELD or "
                                  "give --mode",
                                  where.str(), project::joined(project::modes())));
    }
    const auto mode = project::find_mode(*m);
    if (!mode) {
      throw DataError(
          fmt::format("{}: unknown mode '{}' (use {})", where.str(), *m, project::joined(project::modes())));
    }
    r.mode = std::string(*mode);
    r.length_km = geom::geodesic_length_m(*g) / 1000.0;
  }
  r.capacity = number_field(f, mapping_->index_of("capacity"), where, "capacity");
  r.capacity_unit = text_field(f, mapping_->index_of("capacity_unit"));
  const auto sourced_area = number_field(f, mapping_->index_of("area_ha"), where, "area_ha");
  r.area_ha = *cls == GeometryClass::polygon ? geom::area_m2(geos_, *g) / 10000.0 : sourced_area;
  r.source = text_field(f, mapping_->index_of("source"));
  if (!r.source) r.source = options_.source_note;
  r.location_basis = text_field(f, mapping_->index_of("location_basis"));
  if (auto a = text_field(f, mapping_->index_of("approximate"))) r.approximate = truthy(*a);

  // Free attributes: every field not fed into a column above.
  nlohmann::json attrs = nlohmann::json::object();
  for (int i = 0; i < f.GetFieldCount(); ++i) {
    if (mapping_->is_free(i) && f.IsFieldSetAndNotNull(i)) {
      attrs[mapping_->field_name(i)] = field_json(f, i, options_.encoding, where.str());
    }
  }
  if (*cls == GeometryClass::polygon && sourced_area) attrs["area_ha_sourced"] = *sourced_area;
  if (generated_name) attrs["name_generated"] = true;
  r.attrs_json = attrs.dump();

  // Stable id.
  if (auto id = text_field(f, mapping_->index_of("id"))) {
    if (ids_in_file_.count(*id)) throw DataError(fmt::format("{}: id '{}' appears twice in the file", where.str(), *id));
    r.feature_id = *id;
  } else {
    r.feature_id = make_id(r.kind, r.name);
  }
  ids_in_file_.insert(r.feature_id);
  return r;
}

ImportReport Importer::run() {
  report_.path = path_;
  refuse_nul_bytes(path_);
  std::string ext = std::filesystem::path(path_).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  // Planners' sheets always have a header row, even when every column is text.
  const bool sheet = ext == ".xlsx" || ext == ".ods";
  // GDAL 3.6 reads these as config options (newer versions also as open options);
  // they must hold while features are read, so they live for the whole import.
  CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", sheet ? "FORCE" : nullptr, true);
  CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", sheet ? "FORCE" : nullptr, true);
  auto ds = gdal::open_vector(path_);
  const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
  if (driver == "CSV") row_offset_ = 1;
  if (driver == "XLSX" || driver == "ODS") row_offset_ = 0;
  OGRLayer* layer = pick_layer(*ds);
  report_.layer = layer->GetName();
  const std::string where = fmt::format("{} (layer '{}')", path_, report_.layer);

  std::vector<std::string> fields;
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    // Field names become JSON keys in attrs: they must be UTF-8 as much as values (found by fuzzing).
    std::string field = defn->GetFieldDefn(i)->GetNameRef();
    if (options_.encoding) field = text::recode_to_utf8(field, *options_.encoding);
    if (!text::is_valid_utf8(field)) {
      throw DataError(fmt::format("{}: the name of field {} ('{}') is not valid UTF-8; re-save the file as UTF-8 or give "
                                  "--encoding (CP1258 for old Vietnamese Windows files, LATIN1)",
                                  where, i + 1, text::fold_ascii(field)));
    }
    fields.push_back(field);
  }
  mapping_.emplace(options_.field_map, fields, where);

  if (!mapping_->index_of("name")) {
    throw DataError(fmt::format("{}: no name field; map one with --map name=FIELD (fields: {})", where,
                                fields.empty() ? "none" : project::joined(std::vector<std::string_view>(fields.begin(), fields.end()))));
  }
  if (options_.kind) {
    fixed_kind_ = project::find_kind(*options_.kind);
  } else if (!mapping_->index_of("kind")) {
    throw UsageError(fmt::format("{}: no kind: give --kind KIND or map a field with --map kind=FIELD", where));
  }
  const bool has_geometry_column = defn->GetGeomFieldCount() > 0;
  const bool has_xy = mapping_->index_of("lon") && mapping_->index_of("lat");
  if (!has_geometry_column && !has_xy && !mapping_->index_of("wkt")) {
    throw DataError(fmt::format("{}: no geometry and no lon/lat or WKT columns; map them with "
                                "--map lon=FIELD,lat=FIELD or --map wkt=FIELD",
                                where));
  }
  resolve_crs(*layer);

  auto& db = project_.db();
  db::Transaction tx(db);
  {
    nlohmann::json opts = {{"make_valid", options_.make_valid}, {"field_map", options_.field_map}};
    if (options_.where) opts["where"] = *options_.where;
    if (options_.kind) opts["kind"] = *options_.kind;
    auto st = db.prepare(
        "INSERT INTO import_runs(source_path, source_layer, source_crs, options, features_added, tool_version)"
        " VALUES (?, ?, ?, ?, 0, ?)");
    st.bind(1, path_).bind(2, report_.layer).bind(3, report_.source_crs).bind(4, opts.dump());
    st.bind(5, std::string(kVersion)).step();
  }
  const std::int64_t run_id = db.last_insert_rowid();
  project::FeatureStore store(db);

  if (options_.where) {
    CPLErrorReset();
    if (layer->SetAttributeFilter(options_.where->c_str()) != OGRERR_NONE) {
      throw UsageError(fmt::format("{}: --where '{}' is not a valid filter: {}", where, *options_.where,
                                   gdal::last_error()));
    }
  }
  const GIntBig total = layer->GetFeatureCount(TRUE);
  Place place{&path_, row_offset_, 0, {}};
  std::int64_t seen = 0;
  layer->ResetReading();
  for (auto& feature : gdal::Features(*layer, path_)) {
    ++seen;
    place.fid = feature->GetFID();
    place.name.clear();
    if (options_.unnamed == Unnamed::skip && !text_field(*feature, mapping_->index_of("name"))) {
      ++report_.unnamed_skipped;
      continue;
    }
    auto record = record_of(*feature, place);
    record.import_run = run_id;
    if (const auto layer_of = store.layer_of(record.feature_id)) {
      switch (options_.on_duplicate) {
        case OnDuplicate::fail:
          throw DataError(fmt::format("{}: id '{}' is already in the project ({}); rerun with --on-duplicate "
                                      "skip or replace",
                                      place.str(), record.feature_id, *layer_of));
        case OnDuplicate::skip: ++report_.skipped; continue;
        case OnDuplicate::replace: store.remove(record.feature_id); ++report_.replaced; break;
      }
    } else {
      ++report_.added;
    }
    store.insert(record);
    ++report_.by_kind[record.kind];
    if (seen % 256 == 0 && total > 0 &&
        !report(progress_, static_cast<double>(seen) / static_cast<double>(total), "importing")) {
      throw DataError(fmt::format("{}: import cancelled; the project is unchanged", path_));
    }
  }
  if (seen == 0) {
    throw DataError(fmt::format("{}: no features to import{}", where, options_.where ? " (after --where)" : ""));
  }
  auto st = db.prepare("UPDATE import_runs SET features_added = ?, features_replaced = ?, features_skipped = ? WHERE id = ?");
  st.bind(1, report_.added).bind(2, report_.replaced).bind(3, report_.skipped).bind(4, run_id).step();
  tx.commit();
  report(progress_, 1.0, "imported");
  return report_;
}

}  // namespace

ImportReport import_features(project::Project& project, const std::string& path, const ImportOptions& options,
                             const Progress& progress) {
  return Importer(project, path, options, progress).run();
}

}  // namespace logiplan::io
