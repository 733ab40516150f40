// logiplan: the command-line face of logiplan_core. Parses arguments, runs one
// command, and turns errors into messages and exit codes (see DIAGNOSTICS in
// `logiplan --help`).
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "handles/sqlite.hpp"

namespace {
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kLeakCheck = true;
#elif defined(__has_feature)
constexpr bool kLeakCheck = __has_feature(address_sanitizer);
#else
constexpr bool kLeakCheck = false;
#endif

// Ends the process without the exit-time teardown of objects and libraries
// (GDAL's driver manager, PROJ, CLI11's apps...): 3 ms of a 50 ms route, and
// nothing is left to write by then, as every project, dataset and file was
// closed by its owner inside the command. Output is flushed first. A build with
// AddressSanitizer exits normally, so that its leak check runs.
[[noreturn]] void leave(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  if (kLeakCheck) std::exit(code);
  std::_Exit(code);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace logiplan;
  db::configure_sqlite();
  CLI::App app{"logiplan — GIS and logistics-infrastructure planning for Hải Phòng", "logiplan"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(kVersion));
  app.footer(
      "EXAMPLES\n"
      "  logiplan demo --out out                    build the Hải Phòng sample, print a report\n"
      "  logiplan init hp.sqlite\n"
      "  logiplan import hp.sqlite ports.geojson --kind terminal\n"
      "  logiplan layers hp.sqlite\n"
      "  logiplan export hp.sqlite hp.gpkg --crs vn2000-haiphong\n"
      "  logiplan export-qgis out/haiphong.sqlite --out out/qgis --crs vn2000-haiphong\n"
      "  logiplan network build hp.sqlite --from haiphong.osm.pbf\n"
      "  logiplan route out/haiphong.sqlite --from lach-huyen-port --to nam-dinh-vu-logistics-centre\n"
      "  logiplan lanes audit out/haiphong.sqlite --compare base,port-lanes-2030\n"
      "  logiplan siting out/haiphong.sqlite --model pmedian --p 1 --demand-kind terminal --weight capacity\n"
      "  logiplan demand generate out/haiphong.sqlite --period peak_hour\n"
      "  logiplan assign out/haiphong.sqlite --demand port-trucks\n"
      "  logiplan tasks list out/haiphong.sqlite --near lach-huyen-port --within 5 --due-by 2030\n"
      "  logiplan serve out/haiphong.sqlite --port 8765   route / matrix / service-area requests over HTTP\n"
      "\nDIAGNOSTICS\n"
      "  exit 0 success; 1 data error (bad input, refused or read-only file); 2 bad arguments; 3 internal error;\n"
      "  4 project busy (another program kept it locked for LOGIPLAN_BUSY_TIMEOUT seconds, default 30: try again).\n"
      "  A failed command leaves the project file as it was.");
  cli::GlobalOptions global;
  app.add_flag("--no-progress", global.no_progress, "Do not draw progress bars on stderr");
  app.add_flag("--progress-lines", global.progress_lines,
               "Report progress as 'progress PERCENT MESSAGE' lines on stderr (for the QGIS plugin and scripts)");

  std::vector<std::unique_ptr<cli::Command>> commands;
  commands.push_back(cli::make_init_command());
  commands.push_back(cli::make_import_command());
  commands.push_back(cli::make_export_command());
  commands.push_back(cli::make_layers_command());
  commands.push_back(cli::make_crs_command());
  commands.push_back(cli::make_network_command());
  commands.push_back(cli::make_route_command());
  commands.push_back(cli::make_matrix_command());
  commands.push_back(cli::make_service_area_command());
  commands.push_back(cli::make_connectivity_command());
  commands.push_back(cli::make_critical_links_command());
  commands.push_back(cli::make_lanes_command());
  commands.push_back(cli::make_siting_command());
  commands.push_back(cli::make_demand_command());
  commands.push_back(cli::make_assign_command());
  commands.push_back(cli::make_corridor_command());
  commands.push_back(cli::make_scenario_command());
  commands.push_back(cli::make_tasks_command());
  commands.push_back(cli::make_export_qgis_command());
  commands.push_back(cli::make_serve_command());
  commands.push_back(cli::make_demo_command());
  std::vector<std::pair<CLI::App*, cli::Command*>> subs;
  for (auto& c : commands) subs.emplace_back(c->setup(app, global), c.get());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    leave(rc == 0 ? 0 : static_cast<int>(ExitCode::usage_error));
  }
  try {
    for (auto& [sub, command] : subs) {
      if (sub->parsed()) command->run();
    }
    leave(0);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "logiplan: %s\n", e.what());
    leave(static_cast<int>(ExitCode::usage_error));
  } catch (const BusyError& e) {
    std::fprintf(stderr, "logiplan: %s\n", e.what());
    leave(static_cast<int>(ExitCode::project_busy));
  } catch (const DataError& e) {
    std::fprintf(stderr, "logiplan: %s\n", e.what());
    leave(static_cast<int>(ExitCode::data_error));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "logiplan: internal error: %s (please report this)\n", e.what());
    leave(static_cast<int>(ExitCode::internal_error));
  }
}
