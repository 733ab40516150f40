#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/summaries.hpp"
#include "io/field_mapping.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"

namespace logiplan::cli {
namespace {

class ImportCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("import", "Import features from any GDAL vector source into a project");
    sub->add_option("project", project_, "Project file")->required();
    sub->add_option("file", file_, "GeoJSON, GeoPackage, Shapefile, KML, CSV, XLSX, ODS, ...")->required();
    sub->add_option("--kind", kind_, "Kind of every feature (else from a 'kind' field): seaport, terminal, "
                                     "logistics_centre, free_trade_zone, economic_zone, icd, industrial_park, "
                                     "border_gate, airport, rail_station, corridor_link");
    sub->add_option("--map", maps_, "Field mapping TARGET=FIELD[,...]; targets: id, name, kind, status, capacity, "
                                    "capacity_unit, area_ha, source, location_basis, approximate, mode, lon, lat, wkt");
    sub->add_option("--layer", layer_, "Source layer, when the source has several");
    sub->add_option("--src-crs", src_crs_, "Source CRS, overriding the file's: EPSG code or name (vn2000-haiphong)");
    sub->add_option("--mode", mode_, "Mode of every corridor link: road, rail, inland_waterway, sea");
    sub->add_option("--source", source_, "Source note for features that have none");
    sub->add_option("--where", where_, "Import only features matching this OGR SQL filter, e.g. \"status = 'Hiện trạng'\"");
    sub->add_option("--unnamed", unnamed_, "Features with an empty name: fail, skip them, or label them '<layer> #<fid>'")
        ->check(CLI::IsMember({"fail", "skip", "label"}))
        ->default_val("fail");
    sub->add_option("--encoding", encoding_, "Encoding of the text fields when not UTF-8: CP1258 (old Vietnamese "
                                             "Windows files), LATIN1, ...");
    sub->add_flag("--force-location", force_location_,
                  "Import features that land outside their CRS's area of use or outside Viet Nam and its border "
                  "region (refused by default: usually a wrong --src-crs)");
    sub->add_flag("--make-valid", make_valid_, "Repair invalid geometries with GEOS instead of refusing them");
    sub->add_option("--on-duplicate", on_duplicate_, "When a feature id is already in the project")
        ->check(CLI::IsMember({"fail", "skip", "replace"}))
        ->default_val("fail");
    sub->add_flag("--json", json_, "Print the report as JSON");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan import hp.sqlite berths.geojson --kind terminal --map name=ten,status=phanloai\n"
        "  logiplan import hp.sqlite icds.csv --kind icd --map lon=kinh_do,lat=vi_do --src-crs wgs84\n"
        "  logiplan import hp.sqlite zones.shp --kind economic_zone --src-crs vn2000-haiphong --make-valid\n"
        "The import is one transaction: on any error the project is left as it was.");
    return sub;
  }
  void run() override {
    io::ImportOptions o;
    o.kind = kind_;
    o.mode = mode_;
    o.field_map = io::parse_field_map(maps_);
    o.layer = layer_;
    o.source_crs = src_crs_;
    o.source_note = source_;
    o.make_valid = make_valid_;
    o.encoding = encoding_;
    o.force_location = force_location_;
    o.where = where_;
    o.unnamed = unnamed_ == "skip" ? io::Unnamed::skip : unnamed_ == "label" ? io::Unnamed::label : io::Unnamed::fail;
    o.on_duplicate = on_duplicate_ == "skip"      ? io::OnDuplicate::skip
                     : on_duplicate_ == "replace" ? io::OnDuplicate::replace
                                                  : io::OnDuplicate::fail;
    auto project = project::Project::open(project_);
    const auto report = io::import_features(project, file_, o, global_->progress());
    if (json_) {
      fmt::print("{}\n", import_json(report).dump(2));
    } else {
      print_import(stdout, report);
    }
  }

 private:
  const GlobalOptions* global_ = nullptr;
  std::string project_, file_, on_duplicate_ = "fail";
  std::optional<std::string> kind_, layer_, src_crs_, mode_, source_, where_, encoding_;
  std::string unnamed_ = "fail";
  std::vector<std::string> maps_;
  bool force_location_ = false, make_valid_ = false, json_ = false;
};

}  // namespace
std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }
}  // namespace logiplan::cli
