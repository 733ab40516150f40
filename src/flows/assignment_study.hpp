#pragma once
// A traffic assignment on a project: the named demand (one matrix per vehicle
// class) on a network version, each class on the links its profile may use,
// PCU from the settings, user equilibrium to the gap asked for; the link
// volumes per class, PCU, V/C and congested time, as a table, a layer and a
// stored run.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "flows/equilibrium.hpp"
#include "flows/network_links.hpp"
#include "project/project.hpp"
#include "routing/results.hpp"
#include "siting/study.hpp"

namespace logiplan::flows {

struct AssignmentStudy {
  siting::NetworkChoice net;  // network, scenario, max snap (profile: per class)
  std::string demand;         // a demand name in the project
  AssignmentOptions options;
  std::optional<std::string> settings_path;
  // Select-link: network edges ("EDGE" both directions, "EDGE:ab" or "EDGE:ba"
  // along or against its drawing direction), as in network_edges.edge.
  std::vector<std::string> select_links;
  // Rounds of the demand ↔ assignment loop: a generated demand is distributed
  // again on the congested times and averaged with the last (MSA), then assigned.
  int feedback = 0;
};

// A selected edge: its links in the assignment network (one per direction asked).
struct SelectedEdge {
  std::string spec;
  std::int64_t edge = 0;
  std::vector<std::size_t> links;
  std::vector<std::size_t> results;  // their indices in AssignmentResult::select
};

struct FeedbackRound {
  int round = 0;
  double demand_change = 0;  // sum |new − previous| / sum previous, over the classes fed back
  double gap = 0;
  int iterations = 0;
  double pcu_hours = 0;
};

struct ClassInfo {
  std::string profile, period;
  double pcu = 1, trips = 0;  // trips in vehicles
};

struct AssignmentOutcome {
  network::NetworkInfo network;
  std::optional<std::string> scenario;
  std::vector<ClassInfo> classes;
  LinkedNetwork linked;
  AssignmentResult result;
  network::Network net;  // the loaded network (scenario applied), for geometry and names
  std::vector<SelectedEdge> selected;
  std::vector<FeedbackRound> feedback;
  std::vector<ClassDemand> demand;  // as assigned (after feedback), in PCU

  nlohmann::json summary() const;
  // assignment_links: one line per edge carrying traffic, both directions' volumes per class
  // (vehicles), PCU, capacity, V/C and congested minutes.
  routing::ResultLayer layer() const;
  std::string text(std::size_t top) const;
  // Select-link: the OD pairs through each selected edge (desire lines) and where
  // those trips drive (their PCU on every edge).
  std::vector<routing::ResultLayer> select_link_layers() const;
  nlohmann::json select_link_summary(std::size_t top) const;
  std::string select_link_text(std::size_t top) const;
  // Skims at the equilibrium's costs and at free flow, per class: minutes and km
  // between zones, as desire lines (CSV with --skim; siting reads it with --costs).
  routing::ResultLayer skim_layer() const;
  double pcu_hours() const;
};

AssignmentOutcome run_assignment_study(project::Project& project, const AssignmentStudy& study,
                                       const std::function<void(const IterationReport&)>& each = {});
std::int64_t store_assignment_run(db::Database& db, const AssignmentStudy& study, const AssignmentOutcome& outcome);

}  // namespace logiplan::flows
