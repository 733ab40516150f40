#include "cli/analysis_run.hpp"

#include <fmt/format.h>

namespace logiplan::cli {

AnalysisRun::AnalysisRun(const AnalysisOptions& opts)
    : opts_(opts),
      t0_(std::chrono::steady_clock::now()),
      project(project::Project::open(opts.project)),
      ctx(project, opts.network, opts.profile, opts.max_snap_m, opts.scenario) {}

double AnalysisRun::seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count(); }

nlohmann::json AnalysisRun::summary() const {
  return {{"profile", ctx.profile().name}, {"network", ctx.info().name}, {"network_version", ctx.info().id}};
}

bool AnalysisRun::finish(const std::string& kind, nlohmann::json params, nlohmann::json figures, double seconds,
                         const std::vector<routing::ResultLayer>& layers, nlohmann::json& summary) {
  if (!opts_.no_store) {
    summary["run_id"] = routing::store_run(
        project.db(), {kind, ctx.info().id, ctx.info().name, ctx.profile().name, std::move(params), std::move(figures), seconds},
        layers);
  }
  if (opts_.out) summary["files"] = routing::write_layers(layers, *opts_.out);
  if (!opts_.json) return false;
  fmt::print("{}\n", summary.dump(2));
  return true;
}

void AnalysisRun::written(const nlohmann::json& summary) const {
  if (opts_.out) fmt::print("wrote {}\n", summary["files"].dump());
}

}  // namespace logiplan::cli
