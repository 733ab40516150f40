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

std::vector<tasks::ImportTasksReport> load_haiphong_plans(project::Project& project) {
  gdal::ensure_registered();
  const auto manifest = nlohmann::json::parse(resources::embedded("samples/plans/plans.json"));
  std::vector<tasks::ImportTasksReport> reports;
  for (const auto& p : manifest.at("plans")) {
    const std::string file = "samples/plans/" + p.at("file").get<std::string>();
    gdal::VsiMemFile mem(file, resources::embedded(file));
    tasks::ImportTasksOptions options;
    options.plan = {p.at("code").get<std::string>(), p.at("title").get<std::string>(), p.at("issuer").get<std::string>(),
                    p.at("issued_on").get<std::string>()};
    options.replace = true;
    options.source_label = file + " (embedded sample)";
    reports.push_back(tasks::import_tasks(project, mem.path(), options));
  }
  const char* links = "samples/plans/links.csv";
  gdal::VsiMemFile mem(links, resources::embedded(links));
  tasks::import_links(project.db(), mem.path());
  return reports;
}

}  // namespace logiplan::sample
