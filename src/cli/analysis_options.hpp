#pragma once
// Options every analysis command shares (osmium-style mixin): the project, the
// network, the vehicle profile, the metric, and the outputs.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "routing/routing_graph.hpp"

namespace logiplan::cli {

struct AnalysisOptions {
  std::string project;
  std::string network = "main";
  std::string profile = "container_truck";
  std::string metric = "fastest";
  std::optional<double> max_snap_m;
  std::optional<std::string> out;
  bool json = false;
  bool no_store = false;
  std::string lanes = "ignore";
  double mixed_penalty = 5.0;
  std::optional<std::string> scenario;

  routing::LaneOptions lane_options() const { return routing::parse_lane_options(lanes, mixed_penalty); }

  // `project_required`: false for commands that can also run without a project (siting --costs).
  void add_to(CLI::App& app, bool project_required = true);
  routing::Metric parsed_metric() const { return metric == "shortest" ? routing::Metric::distance : routing::Metric::time; }
};

}  // namespace logiplan::cli
