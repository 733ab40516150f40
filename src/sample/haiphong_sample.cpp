#include "sample/haiphong_sample.hpp"

#include <string>

#include "handles/gdal.hpp"
#include "resources/embedded_files.hpp"
#include "scenario/scenario.hpp"

namespace logiplan::sample {

namespace {
// Order matters only for the report: facilities, then zones, then corridors.
constexpr const char* kLayers[] = {"samples/haiphong/sites.geojson", "samples/haiphong/areas.geojson",
                                   "samples/haiphong/corridors.geojson"};

}  // namespace

std::vector<io::ImportReport> load_haiphong_sample(project::Project& project, const Progress& progress) {
  gdal::ensure_registered();
  std::vector<io::ImportReport> reports;
  for (const char* layer : kLayers) {
    gdal::VsiMemFile mem(layer, resources::embedded(layer));
    io::ImportOptions options;  // kind, status, ... come from the files' own fields
    reports.push_back(io::import_features(project, mem.path(), options, progress));
  }
  return reports;
}

network::BuildReport build_haiphong_network(project::Project& project, const Progress& progress) {
  const char* path = "samples/haiphong/network.geojson";
  gdal::VsiMemFile mem(path, resources::embedded(path));
  network::BuildOptions options;
  options.overwrite = true;
  network::SourceSpec source;
  source.path = mem.path();  // modes, classes, lanes come from the file's own fields
  options.sources.push_back(source);
  return network::build_network(project, options, progress);
}

std::string load_haiphong_scenario(project::Project& project) {
  const char* path = "samples/haiphong/scenario-port-lanes-2030.json";
  const auto j = nlohmann::json::parse(resources::embedded(path));
  for (const auto& s : scenario::list_scenarios(project.db())) {
    if (s.name == j.at("name").get<std::string>()) scenario::delete_scenario(project.db(), s.name);
  }
  return scenario::import_scenario(project.db(), j, path);
}

}  // namespace logiplan::sample
