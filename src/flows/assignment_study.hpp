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

  nlohmann::json summary() const;
  // assignment_links: one line per edge carrying traffic, both directions' volumes per class
  // (vehicles), PCU, capacity, V/C and congested minutes.
  routing::ResultLayer layer() const;
  std::string text(std::size_t top) const;
};

AssignmentOutcome run_assignment_study(project::Project& project, const AssignmentStudy& study,
                                       const std::function<void(const IterationReport&)>& each = {});
std::int64_t store_assignment_run(db::Database& db, const AssignmentStudy& study, const AssignmentOutcome& outcome);

}  // namespace logiplan::flows
