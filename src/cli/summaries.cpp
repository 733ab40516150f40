#include "cli/summaries.hpp"

#include <fmt/format.h>

namespace logiplan::cli {

void print_layers(std::FILE* out, const std::vector<project::LayerKindSummary>& layers) {
  fmt::print(out, "{:<10} {:<18} {:>6}  {}\n", "layer", "kind", "count", "extent (lon/lat: min - max)");
  std::int64_t total = 0;
  for (const auto& l : layers) {
    fmt::print(out, "{:<10} {:<18} {:>6}  {:.5f}, {:.5f} - {:.5f}, {:.5f}\n", l.layer, l.kind, l.count, l.min_x,
               l.min_y, l.max_x, l.max_y);
    total += l.count;
  }
  fmt::print(out, "{:<10} {:<18} {:>6}\n", "total", "", total);
}

nlohmann::json layers_json(const std::vector<project::LayerKindSummary>& layers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : layers) {
    out.push_back({{"layer", l.layer}, {"kind", l.kind}, {"count", l.count},
                   {"extent", {l.min_x, l.min_y, l.max_x, l.max_y}}});
  }
  return out;
}

void print_import(std::FILE* out, const io::ImportReport& r) {
  fmt::print(out, "{} (layer '{}', {}): {} added", r.path, r.layer, r.source_crs, r.added);
  if (r.replaced) fmt::print(out, ", {} replaced", r.replaced);
  if (r.skipped) fmt::print(out, ", {} skipped (already in the project)", r.skipped);
  if (r.repaired) fmt::print(out, ", {} geometries repaired", r.repaired);
  if (r.unnamed_skipped) fmt::print(out, ", {} unnamed skipped", r.unnamed_skipped);
  if (r.unnamed_labelled) fmt::print(out, ", {} unnamed labelled '<layer> #<fid>'", r.unnamed_labelled);
  fmt::print(out, "\n");
  for (const auto& [kind, n] : r.by_kind) fmt::print(out, "  {:<18} {:>6}\n", kind, n);
  for (const auto& w : r.warnings) fmt::print(out, "  warning: {}\n", w);
}

nlohmann::json import_json(const io::ImportReport& r) {
  return {{"path", r.path},       {"layer", r.layer},       {"source_crs", r.source_crs},
          {"added", r.added},     {"replaced", r.replaced}, {"skipped", r.skipped},
          {"repaired", r.repaired}, {"unnamed_skipped", r.unnamed_skipped},
          {"unnamed_labelled", r.unnamed_labelled}, {"by_kind", r.by_kind}, {"warnings", r.warnings}};
}

}  // namespace logiplan::cli
