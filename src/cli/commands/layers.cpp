#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/summaries.hpp"
#include "project/project.hpp"

namespace logiplan::cli {
namespace {

class LayersCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("layers", "List the project's layers with feature counts and extents, by kind");
    sub->add_option("project", project_, "Project file")->required();
    sub->add_flag("--json", json_, "Print as JSON");
    sub->footer("EXAMPLE\n  logiplan layers out/haiphong.sqlite");
    return sub;
  }
  void run() override {
    auto project = project::Project::open(project_, false);
    const auto layers = project::summarize_layers(project.db());
    if (json_) {
      fmt::print("{}\n", layers_json(layers).dump(2));
    } else {
      print_layers(stdout, layers);
    }
  }

 private:
  std::string project_;
  bool json_ = false;
};

}  // namespace
std::unique_ptr<Command> make_layers_command() { return std::make_unique<LayersCommand>(); }
}  // namespace logiplan::cli
