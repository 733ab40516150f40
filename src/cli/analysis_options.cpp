#include "cli/analysis_options.hpp"

namespace logiplan::cli {

void AnalysisOptions::add_to(CLI::App& app, bool project_required) {
  app.add_option("project", project, "Project file")->required(project_required);
  app.add_option("--network", network, "Network name")->default_val("main");
  app.add_option("--profile", profile,
                 "Vehicle profile: container_truck, truck, car, motorbike, rudimentary, bus, freight_multimodal, or a "
                 ".json file")
      ->default_val("container_truck");
  app.add_option("--metric", metric, "fastest (travel time) or shortest (distance)")
      ->check(CLI::IsMember({"fastest", "shortest"}))
      ->default_val("fastest");
  app.add_option("--max-snap", max_snap_m, "Metres a place may lie from the network (default: the network's)")
      ->check(CLI::PositiveNumber);
  app.add_option("--out", out, "Write result layers; the format comes from the extension (.gpkg .geojson .csv ...)");
  app.add_flag("--json", json, "Print the result as JSON");
  app.add_flag("--no-store", no_store, "Do not record the run in the project file");
  app.add_option("--lanes", lanes,
                 "strict: only roads with a lane dedicated to the vehicle; prefer: mixed lanes cost --mixed-penalty "
                 "times more; ignore: ordinary routing")
      ->check(CLI::IsMember({"strict", "prefer", "ignore"}))
      ->default_val("ignore");
  app.add_option("--mixed-penalty", mixed_penalty, "With --lanes prefer: cost factor of each mixed-lane metre")->default_val(5.0);
  app.add_option("--scenario", scenario, "Run on a scenario (its edits over the base network)");
}

}  // namespace logiplan::cli
