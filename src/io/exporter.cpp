#include "io/exporter.hpp"

#include <fmt/format.h>
#include <gdal_utils.h>

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"
#include "project/vocabulary.hpp"
#include "text/fold.hpp"

namespace logiplan::io {

namespace {
constexpr std::array kLayers = {"sites", "areas", "corridors", "network_edges", "network_nodes", "network_attachments"};
bool is_feature_layer(std::string_view l) { return l == "sites" || l == "areas" || l == "corridors"; }

struct TranslateOptionsDeleter {
  void operator()(GDALVectorTranslateOptions* o) const noexcept { GDALVectorTranslateOptionsFree(o); }
};

bool single_layer_format(const std::string& driver) {
  return driver == "GeoJSON" || driver == "ESRI Shapefile" || driver == "CSV" || driver == "FlatGeobuf";
}

std::filesystem::path layer_file(const std::filesystem::path& out, const std::string& layer, bool several) {
  if (!several) return out;
  return out.parent_path() / (out.stem().string() + "_" + layer + out.extension().string());
}
}  // namespace

std::string driver_for(const std::filesystem::path& out) {
  std::string ext = out.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".gpkg") return "GPKG";
  if (ext == ".geojson" || ext == ".json") return "GeoJSON";
  if (ext == ".shp") return "ESRI Shapefile";
  if (ext == ".csv") return "CSV";
  if (ext == ".kml") return "KML";
  if (ext == ".fgb") return "FlatGeobuf";
  if (ext == ".sqlite") return "SQLite";
  throw UsageError(fmt::format("{}: cannot tell the format from '{}'; use .gpkg, .geojson, .shp, .csv, .kml, .fgb "
                               "or give --format with a GDAL driver name",
                               out.string(), ext));
}

ExportReport export_layers(project::Project& project, const std::filesystem::path& out, const ExportOptions& options,
                           const Progress& progress) {
  gdal::ensure_registered();
  ExportReport result;
  result.driver = options.format ? *options.format : driver_for(out);
  if (!GetGDALDriverManager()->GetDriverByName(result.driver.c_str())) {
    throw UsageError(fmt::format("unknown GDAL driver '{}'", result.driver));
  }
  std::string target_crs = "EPSG:4326";
  if (options.crs) {
    crs::spatial_reference(*options.crs);  // validates, with a helpful error
    target_crs = crs::definition(*options.crs);
  }
  std::optional<std::string> kind;
  if (options.kind) kind = std::string(project::find_kind(*options.kind).kind);

  // Which layers, with how many features each.
  std::vector<std::pair<std::string, std::int64_t>> chosen;
  for (const char* layer : kLayers) {
    if (!options.layers.empty() && std::find(options.layers.begin(), options.layers.end(), layer) == options.layers.end()) continue;
    if (kind && !is_feature_layer(layer)) continue;  // --kind selects features only
    auto st = project.db().prepare(fmt::format("SELECT count(*) FROM {}{}", layer, kind ? " WHERE kind = ?" : ""));
    if (kind) st.bind(1, *kind);
    st.step();
    if (const auto n = st.column_int(0); n > 0 || !options.layers.empty()) chosen.emplace_back(layer, n);
  }
  for (const auto& l : options.layers) {
    if (std::find(kLayers.begin(), kLayers.end(), l) == kLayers.end()) {
      throw UsageError(fmt::format("unknown layer '{}' (layers: sites, areas, corridors, network_edges, network_nodes, "
                                   "network_attachments)",
                                   l));
    }
  }
  if (chosen.empty()) throw DataError(fmt::format("{}: nothing to export", project.path().string()));

  const bool split = single_layer_format(result.driver) && chosen.size() > 1;
  std::vector<std::filesystem::path> targets;
  if (split || !single_layer_format(result.driver)) {
    for (const auto& [layer, n] : chosen) targets.push_back(layer_file(out, layer, split));
  } else {
    targets.push_back(out);
  }
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  for (const auto& t : targets) {
    if (std::filesystem::exists(t) && !options.overwrite) {
      throw DataError(fmt::format("{}: file exists (use --overwrite to replace it)", t.string()));
    }
  }
  for (const auto& t : targets) std::filesystem::remove(t);

  GDALDatasetH src = GDALOpenEx(project.path().string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!src) throw DataError(fmt::format("{}: GDAL cannot read the project: {}", project.path().string(), gdal::last_error()));
  gdal::DatasetPtr src_owner(GDALDataset::FromHandle(src));

  std::size_t done = 0;
  for (const auto& [layer, n] : chosen) {
    const auto target = split || single_layer_format(result.driver) ? layer_file(out, layer, split) : out;
    const bool feature_layer = is_feature_layer(layer);
    std::vector<std::string> args = {"-f", result.driver, "-t_srs", target_crs, "-nln", layer};
    if (kind && feature_layer) args.insert(args.end(), {"-where", fmt::format("kind = '{}'", *kind)});
    if (result.driver == "ESRI Shapefile") args.insert(args.end(), {"-lco", "ENCODING=UTF-8"});
    if (result.driver == "CSV") {
      args.insert(args.end(), {"-lco", layer == std::string("sites") ? "GEOMETRY=AS_XY" : "GEOMETRY=AS_WKT"});
    }
    if (result.driver == "GeoJSON" && target_crs == "EPSG:4326") args.insert(args.end(), {"-lco", "RFC7946=YES"});
    const bool append = !single_layer_format(result.driver) && std::filesystem::exists(target);
    if (append) args.emplace_back("-update");
    args.push_back(layer);
    gdal::StringList argv(args);
    std::unique_ptr<GDALVectorTranslateOptions, TranslateOptionsDeleter> opts(GDALVectorTranslateOptionsNew(argv.get(), nullptr));
    if (!opts) throw DataError(fmt::format("internal: bad export options: {}", gdal::last_error()));
    int usage_error = 0;
    CPLErrorReset();
    GDALDatasetH dst = GDALVectorTranslate(append ? nullptr : target.string().c_str(),
                                           append ? GDALOpenEx(target.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr) : nullptr,
                                           1, &src, opts.get(), &usage_error);
    if (!dst) {
      throw DataError(fmt::format("{}: cannot write layer '{}': {}", target.string(), layer, gdal::last_error()));
    }
    GDALClose(dst);
    result.layers.emplace_back(layer, n);
    if (result.files.empty() || result.files.back() != target) result.files.push_back(target);
    logiplan::report(progress, static_cast<double>(++done) / static_cast<double>(chosen.size()), layer);
  }
  return result;
}

}  // namespace logiplan::io
