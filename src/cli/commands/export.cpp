#include <fmt/format.h>

#include "cli/command.hpp"
#include "io/exporter.hpp"
#include "project/project.hpp"

namespace logiplan::cli {
namespace {

class ExportCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("export", "Write the project's layers to GeoPackage, GeoJSON, Shapefile, CSV, ...");
    sub->add_option("project", project_, "Project file")->required();
    sub->add_option("out", out_, "Output file; the format comes from its extension (.gpkg .geojson .shp .csv .kml .fgb)")
        ->required();
    sub->add_option("--crs", crs_, "Output CRS: EPSG code or name (wgs84, utm48n, vn2000-haiphong, ...); default wgs84");
    sub->add_option("--layer", layers_, "Only these layers: sites, areas, corridors (repeatable)");
    sub->add_option("--kind", kind_, "Only features of this kind");
    sub->add_option("--format", format_, "GDAL driver name, overriding the extension");
    sub->add_flag("--overwrite", overwrite_, "Replace existing output files");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan export hp.sqlite hp.gpkg --crs vn2000-haiphong\n"
        "  logiplan export hp.sqlite ports.geojson --kind terminal\n"
        "  logiplan export hp.sqlite hp.csv        # one CSV per layer: hp_sites.csv, hp_areas.csv, ...\n"
        "Single-layer formats (GeoJSON, Shapefile, CSV, FlatGeobuf) get one file per layer, named OUT_<layer>.");
    return sub;
  }
  void run() override {
    io::ExportOptions o;
    o.crs = crs_;
    o.layers = layers_;
    o.kind = kind_;
    o.format = format_;
    o.overwrite = overwrite_;
    auto project = project::Project::open(project_, false);
    const auto r = io::export_layers(project, out_, o, global_->progress());
    for (const auto& [layer, n] : r.layers) fmt::print("{:<10} {:>6} features\n", layer, n);
    for (const auto& f : r.files) fmt::print("wrote {} ({})\n", f.string(), r.driver);
  }

 private:
  const GlobalOptions* global_ = nullptr;
  std::string project_, out_;
  std::optional<std::string> crs_, kind_, format_;
  std::vector<std::string> layers_;
  bool overwrite_ = false;
};

}  // namespace
std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }
}  // namespace logiplan::cli
