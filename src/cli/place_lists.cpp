#include "cli/place_lists.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace logiplan::cli {

void PlaceLists::add_to(CLI::App& app, const std::string& default_from_kind, const std::string& default_to_kind) {
  default_from_kind_ = default_from_kind;
  default_to_kind_ = default_to_kind;
  app.add_option("--from", from, "Origins: feature ids, names, kind:KIND or lon,lat (repeatable)");
  app.add_option("--to", to, "Destinations, as --from (repeatable)");
  app.add_option("--from-kind", from_kinds, "All features of a kind as origins (default: " + default_from_kind + ")");
  app.add_option("--to-kind", to_kinds, "All features of a kind as destinations (default: " + default_to_kind + ")");
}

std::pair<std::vector<std::size_t>, std::vector<std::size_t>> PlaceLists::resolve(routing::AnalysisContext& ctx) const {
  auto specs = [](std::vector<std::string> list, const std::vector<std::string>& kinds, const std::string& fallback) {
    for (const auto& k : kinds) list.push_back("kind:" + k);
    if (list.empty()) list.push_back("kind:" + fallback);
    return list;
  };
  auto add = [&](const std::vector<std::string>& list) {
    std::vector<std::size_t> out;
    for (const auto& spec : list) {
      const auto ids = ctx.add_spec(spec);
      out.insert(out.end(), ids.begin(), ids.end());
    }
    return out;
  };
  const auto origins = add(specs(from, from_kinds, default_from_kind_));
  const auto destinations = add(specs(to, to_kinds, default_to_kind_));
  if (origins.empty() || destinations.empty()) {
    throw DataError(fmt::format("no {} can be placed on the network for this profile", origins.empty() ? "origin" : "destination"));
  }
  return {origins, destinations};
}

void print_skipped(const routing::AnalysisContext& ctx) {
  for (const auto& [p, why] : ctx.skipped()) {
    fmt::print("  not placed: {} ({}): {}\n", p.feature_id.value_or(p.label), p.label, why);
  }
}

nlohmann::json skipped_json(const routing::AnalysisContext& ctx) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [p, why] : ctx.skipped()) out.push_back({{"place", p.feature_id.value_or(p.label)}, {"reason", why}});
  return out;
}

std::string place_name(const routing::AnalysisContext& ctx, std::size_t i) {
  const auto& p = ctx.place(i).place;
  return p.feature_id ? *p.feature_id : p.label;
}

}  // namespace logiplan::cli
