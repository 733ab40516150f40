#pragma once
// A location–allocation study on a project: the demand and candidate places
// resolved on a network version (the base or a scenario), weights from the
// features, network costs, the solve, and what it hands back (summary, layers,
// text, a stored run). The CLI, the demo and any other front end call this.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "project/project.hpp"
#include "routing/results.hpp"
#include "routing/routing_graph.hpp"
#include "siting/candidates.hpp"
#include "siting/feature_weights.hpp"
#include "siting/siting_output.hpp"
#include "siting/solve.hpp"

namespace logiplan::siting {

// Which network, vehicle and metric a study runs on.
struct NetworkChoice {
  std::string network = "main";
  std::string profile = "container_truck";
  routing::Metric metric = routing::Metric::time;
  std::optional<double> max_snap_m;
  routing::LaneOptions lanes{};
  std::optional<std::string> scenario;
  std::string unit() const { return metric == routing::Metric::time ? "min" : "km"; }
  double unit_size() const { return metric == routing::Metric::time ? 60.0 : 1000.0; }  // seconds or metres per unit
};

struct SitingStudy {
  NetworkChoice net;
  ModelSpec model;                // cutoff as below, not here
  std::optional<double> cutoff;   // minutes (fastest) or km (shortest)
  std::vector<std::string> demand;  // places; none: kind:terminal
  std::vector<std::string> weight_rules{"1"};
  WeightOptions weights;          // rules parsed from weight_rules by run_siting_study
  CandidateSpecs candidates;      // none: kind:logistics_centre
  std::vector<std::string> required, competitors;
  std::optional<std::string> attractiveness;  // market-share: capacity, area_ha, an attribute
  // cflp: each candidate's fixed cost and capacity, a number for all or a field
  // (capacity, area_ha, an attribute; capacity in the demand weight's unit), and
  // the cost per unit of demand weight and minute (or km).
  std::optional<std::string> fixed_cost, facility_capacity;
  double unit_cost = 1.0;
  // Leave out (and list) demand points no candidate reaches, as ArcGIS does,
  // instead of refusing the study.
  bool drop_unreachable = false;
  SolveOptions solve;
  // Applied to the loaded network before the costs (congested speeds from an assignment run).
  std::function<void(network::Network&, const network::NetworkInfo&)> edit_network;
  std::optional<std::int64_t> congested_run;  // the assignment run edit_network applies, to record and print
};

struct SitingOutcome {
  Problem problem;
  Positions at;
  ModelSpec spec;  // with the cutoff in seconds or metres
  Solution solution;
  std::string unit;
  network::NetworkInfo network;
  std::string profile;
  std::optional<std::string> scenario;
  std::optional<std::int64_t> congested_run;
  LeftOut left_out;
  double matrix_seconds = 0, seconds = 0;
  std::size_t unreachable_pairs = 0;

  nlohmann::json summary() const;
  std::vector<routing::ResultLayer> layers() const;
  std::string text() const;
};

SitingOutcome run_siting_study(project::Project& project, const SitingStudy& study, const Progress& progress = {});
// Records the run and its layers; returns the run id.
std::int64_t store_siting_run(db::Database& db, const SitingStudy& study, const SitingOutcome& outcome);

}  // namespace logiplan::siting
