#pragma once
// The skeleton the analysis commands (route, matrix, service-area,
// connectivity, critical-links) share, so that each says only what is its own:
//   open    the project and the network for the profile (AnalysisRun's constructor, which starts the clock);
//   places  and build, on `ctx`;
//   run     the analysis; seconds() when it is done;
//   store   the run with its layers (unless --no-store), write them (--out): finish();
//   print   the summary as JSON (finish() did, and says so) or as text, then written().
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/analysis_options.hpp"
#include "project/project.hpp"
#include "routing/context.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {

class AnalysisRun {
  // First, so that they are set before the project opens: the clock counts the opening.
  const AnalysisOptions& opts_;
  std::chrono::steady_clock::time_point t0_;

 public:
  explicit AnalysisRun(const AnalysisOptions& opts);
  project::Project project;
  routing::AnalysisContext ctx;

  // Seconds since the project was opened.
  double seconds() const;
  // What every summary starts with: the profile, the network and its version.
  nlohmann::json summary() const;
  // Stores the run as `kind` with its parameters and figures (adds "run_id"),
  // writes the layers (adds "files"); with --json prints the summary and
  // returns true: the command has nothing more to print.
  bool finish(const std::string& kind, nlohmann::json params, nlohmann::json figures, double seconds,
              const std::vector<routing::ResultLayer>& layers, nlohmann::json& summary);
  // After the text: where the layers went, if anywhere.
  void written(const nlohmann::json& summary) const;
};

}  // namespace logiplan::cli
