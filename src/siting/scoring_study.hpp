#pragma once
// A multi-criteria scoring study on a project: candidates resolved on a network
// version, criteria computed and normalised, weights given or from an AHP
// matrix (refused above the consistency limit unless forced), the ranking, and
// the ±20 % sensitivity table.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "project/project.hpp"
#include "routing/results.hpp"
#include "siting/criteria.hpp"
#include "siting/study.hpp"

namespace logiplan::siting {

struct ScoringStudy {
  NetworkChoice net;
  CandidateSpecs candidates;  // none: kind:logistics_centre
  std::vector<std::string> criteria;
  std::vector<double> weights;        // one per criterion; none (and no AHP): equal
  std::optional<std::string> ahp_path;
  double max_consistency_ratio = 0.1;
  bool force = false;
};

struct Weighting {
  std::vector<double> weights;  // sum 1
  std::string from;             // "given", "equal", "ahp"
  std::optional<Ahp> ahp;
  bool forced = false;
};
// The weights of a study, checked (UsageError / DataError naming the file, row
// and column), before any network work.
Weighting study_weights(const ScoringStudy& study);

struct ScoringOutcome {
  std::vector<CandidateSite> sites;
  std::vector<Criterion> criteria;
  std::vector<std::vector<double>> normalised;  // per criterion, per site
  Weighting weighting;
  Ranked ranked;
  std::vector<SensitivityRow> sensitivity;
  network::NetworkInfo network;
  std::string profile;
  std::optional<std::string> scenario;
  LeftOut left_out;
  double seconds = 0;

  nlohmann::json summary() const;
  routing::ResultLayer layer() const;  // siting_scores: points with rank, score and each criterion
  std::string text(std::size_t top) const;
};

ScoringOutcome run_scoring_study(project::Project& project, const ScoringStudy& study, const Progress& progress = {});
std::int64_t store_scoring_run(db::Database& db, const ScoringStudy& study, const ScoringOutcome& outcome);

}  // namespace logiplan::siting
