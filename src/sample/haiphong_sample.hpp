#pragma once
// The embedded Hải Phòng sample model (samples/haiphong/), loaded into a project
// through the same import path users take, from GDAL's in-memory files.
#include <vector>

#include "core/progress.hpp"
#include "io/importer.hpp"
#include "network/build.hpp"
#include "project/project.hpp"
#include "tasks/task_store.hpp"

namespace logiplan::sample {

std::vector<io::ImportReport> load_haiphong_sample(project::Project& project, const Progress& progress = {});

// Builds the network 'main' from samples/haiphong/network.geojson (replacing it)
// and attaches the sample's facilities.
network::BuildReport build_haiphong_network(project::Project& project, const Progress& progress = {});

// Creates the sample scenario (samples/haiphong/scenario-port-lanes-2030.json),
// replacing it if present; returns its name.
std::string load_haiphong_scenario(project::Project& project);

// Imports the sample plans' task tables (samples/plans/) and their links to
// the sample's features, replacing plans already there; returns the reports.
std::vector<tasks::ImportTasksReport> load_haiphong_plans(project::Project& project);

}  // namespace logiplan::sample
