#include <fmt/format.h>

#include "cli/command.hpp"
#include "project/project.hpp"
#include "project/schema.hpp"

namespace logiplan::cli {
namespace {

class InitCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("init", "Create a new, empty project file (SpatiaLite)");
    sub->add_option("project", path_, "Project file to create, e.g. haiphong.sqlite")->required();
    sub->add_flag("--overwrite", overwrite_, "Replace the file if it exists");
    sub->footer("EXAMPLE\n  logiplan init haiphong.sqlite\n  ogrinfo haiphong.sqlite   # opens in GDAL, QGIS and spatialite as it is");
    return sub;
  }
  void run() override {
    project::Project::create(path_, overwrite_);
    fmt::print("created {} (schema version {})\n", path_, project::kSchemaVersion);
  }

 private:
  std::string path_;
  bool overwrite_ = false;
};

}  // namespace
std::unique_ptr<Command> make_init_command() { return std::make_unique<InitCommand>(); }
}  // namespace logiplan::cli
