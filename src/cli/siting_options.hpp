#pragma once
// Options `siting` and `siting score` share: where the candidate sites come from.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "siting/candidates.hpp"

namespace logiplan::cli {

struct CandidateOptions {
  std::vector<std::string> candidates, candidate_kinds, zones;
  std::optional<double> grid_km;

  void add_to(CLI::App& app);
  siting::CandidateSpecs specs() const;
};

}  // namespace logiplan::cli
