#include <fmt/format.h>

#include "cli/command.hpp"
#include "project/project.hpp"
#include "qgis/qgis_export.hpp"

namespace logiplan::cli {
namespace {

class ExportQgisCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("export-qgis", "Export a styled GeoPackage and a QGIS project over it");
    sub->add_option("project", project_, "Project file")->required();
    sub->add_option("--out", out_, "Output folder (created if missing)")->required();
    sub->add_option("--name", name_, "File name stem (default: the project file's)");
    sub->add_option("--crs", crs_, "The QGIS project's CRS: wgs84, utm48n, vn2000-haiphong, or any EPSG code")
        ->default_val("wgs84");
    sub->add_option("--runs", runs_, "Analysis runs to include (ids; default: the latest of each kind)")->delimiter(',');
    sub->add_flag("--overwrite", overwrite_, "Replace existing files");
    sub->add_option("--lang", lang_, "Language of the map sheets: vi or en")->check(CLI::IsMember({"vi", "en"}))->default_val("vi");
    sub->add_option("--context", context_,
                    "Province polygons drawn under the model, with the coastline made from them (e.g. geoBoundaries ADM1 GeoJSON)");
    sub->add_flag("--pdf", pdf_, "Also render every map sheet to PDF and PNG with QGIS, headless (needs python3-qgis)");
    sub->footer(
        "Writes DIR/NAME.gpkg (facilities, zones, corridors, the network with lane status, plan tasks,\n"
        "analysis results; styles also in its layer_styles table) and DIR/NAME.qgs, which refers to the\n"
        "GeoPackage by a relative path: zip the folder and send it. Layers stay in WGS84; QGIS\n"
        "reprojects them to the project CRS.\n\n"
        "MAP SHEETS: the project gets print layouts (A3 landscape): an overview of the model framed on\n"
        "Hải Phòng, and one per analysis exported (route, service area, lane audit, critical links, siting,\n"
        "corridor, assignment), each with title, legend, scale bar, north arrow, CRS, date and sources\n"
        "(© OpenStreetMap contributors where the network is OSM). --pdf writes NAME-overview.pdf/.png, ...\n\n"
        "EXAMPLES\n"
        "  logiplan export-qgis out/haiphong.sqlite --out out/qgis --crs vn2000-haiphong\n"
        "  logiplan export-qgis hp.sqlite --out maps --name lach-huyen --runs 4,7 --overwrite\n"
        "  logiplan export-qgis out/haiphong.sqlite --out out/qgis --crs vn2000-haiphong --pdf \\\n"
        "      --context ../shared/data/raw/geoboundaries-vnm-adm1/geoBoundaries-VNM-ADM1_simplified.geojson");
    return sub;
  }
  void run() override {
    auto project = project::Project::open(project_, false);
    qgis::QgisExportOptions o{out_, name_, crs_, runs_, overwrite_, lang_, context_, pdf_};
    const auto r = qgis::export_qgis(project, o, global_->progress());
    std::string group;
    for (const auto& l : r.layers) {
      if (l.group != group) fmt::print("{}\n", group = l.group);
      fmt::print("  {:<24} {:>5} features\n", l.table, l.features);
    }
    for (const auto& s : r.skipped) fmt::print("skipped {}\n", s);
    fmt::print("map sheets: {}\n", fmt::join(r.sheets, ", "));
    for (const auto& f : r.rendered) fmt::print("rendered {}\n", f.string());
    fmt::print("wrote {} and {}\n", r.gpkg.string(), r.qgs.string());
  }

 private:
  const GlobalOptions* global_ = nullptr;
  std::string project_, out_, name_, crs_ = "wgs84", lang_ = "vi", context_;
  bool pdf_ = false;
  std::vector<std::int64_t> runs_;
  bool overwrite_ = false;
};

}  // namespace
std::unique_ptr<Command> make_export_qgis_command() { return std::make_unique<ExportQgisCommand>(); }
}  // namespace logiplan::cli
