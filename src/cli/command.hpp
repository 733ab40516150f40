#pragma once
// One subcommand = one class: setup() declares its options (no I/O), run() does
// the work. Errors are exceptions, caught once in main().
#include <CLI/CLI.hpp>

#include <memory>
#include <vector>

#include "core/progress.hpp"

namespace logiplan::cli {

struct GlobalOptions {
  bool no_progress = false;
  // "progress PERCENT MESSAGE" lines on stderr instead of a bar, drawn even
  // when stderr is no terminal: what the QGIS plugin and scripts read.
  bool progress_lines = false;
  Progress progress() const;
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares the subcommand on `app` and returns it.
  virtual CLI::App* setup(CLI::App& app, const GlobalOptions& global) = 0;
  virtual void run() = 0;
};

std::unique_ptr<Command> make_init_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_layers_command();
std::unique_ptr<Command> make_crs_command();
std::unique_ptr<Command> make_demo_command();
std::unique_ptr<Command> make_network_command();
std::unique_ptr<Command> make_route_command();
std::unique_ptr<Command> make_matrix_command();
std::unique_ptr<Command> make_service_area_command();
std::unique_ptr<Command> make_connectivity_command();
std::unique_ptr<Command> make_critical_links_command();
std::unique_ptr<Command> make_lanes_command();
std::unique_ptr<Command> make_scenario_command();
std::unique_ptr<Command> make_tasks_command();
std::unique_ptr<Command> make_corridor_command();
std::unique_ptr<Command> make_export_qgis_command();
std::unique_ptr<Command> make_siting_command();
std::unique_ptr<Command> make_assign_command();
std::unique_ptr<Command> make_demand_command();
std::unique_ptr<Command> make_serve_command();

}  // namespace logiplan::cli
