#pragma once
// --from / --to lists shared by the many-to-many analyses (matrix,
// connectivity, critical-links): each entry is a feature id, a name, kind:KIND
// or lon,lat; --from-kind / --to-kind are shorthands for kind:KIND.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "routing/context.hpp"

namespace logiplan::cli {

struct PlaceLists {
  std::vector<std::string> from, to, from_kinds, to_kinds;

  void add_to(CLI::App& app, const std::string& default_from_kind, const std::string& default_to_kind);
  // Resolves both lists into the context (AnalysisContext::add_spec); returns
  // (origin indices, destination indices).
  std::pair<std::vector<std::size_t>, std::vector<std::size_t>> resolve(routing::AnalysisContext& ctx) const;

 private:
  std::string default_from_kind_, default_to_kind_;
};

std::string place_name(const routing::AnalysisContext& ctx, std::size_t i);
// Lists the places of a kind that were left out, and why.
void print_skipped(const routing::AnalysisContext& ctx);
nlohmann::json skipped_json(const routing::AnalysisContext& ctx);

}  // namespace logiplan::cli
