#include "siting/scoring_study.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "routing/context.hpp"
#include "text/fold.hpp"

namespace logiplan::siting {

Weighting study_weights(const ScoringStudy& study) {
  Weighting w;
  const auto& names = study.criteria;
  const auto n = names.size();
  if (!study.weights.empty() && study.ahp_path) throw UsageError("give --criterion-weights or --ahp, not both");
  if (study.ahp_path) {
    const auto& path = *study.ahp_path;
    const auto [file_names, matrix] = read_ahp_matrix(path);
    if (file_names.size() != n) {
      throw DataError(fmt::format("{}: {} criteria in the matrix, {} given with --criterion", path, file_names.size(), n));
    }
    // The matrix may list the criteria in any order; put it in --criterion order.
    std::vector<std::size_t> at(n, SIZE_MAX);
    for (std::size_t c = 0; c < n; ++c) {
      for (std::size_t k = 0; k < n; ++k) if (file_names[k] == names[c]) at[c] = k;
      if (at[c] == SIZE_MAX) throw DataError(fmt::format("{}: no row or column for criterion '{}'", path, names[c]));
    }
    std::vector<std::vector<double>> ordered(n, std::vector<double>(n));
    for (std::size_t r = 0; r < n; ++r) for (std::size_t c = 0; c < n; ++c) ordered[r][c] = matrix[at[r]][at[c]];
    try {
      w.ahp = ahp_weights(names, ordered);
    } catch (const DataError& e) {
      throw DataError(fmt::format("{}: {}", path, e.what()));
    }
    if (w.ahp->consistency_ratio > study.max_consistency_ratio) {
      if (!study.force) {
        throw DataError(fmt::format("{}: the AHP matrix is inconsistent: consistency ratio {:.3f} is above {} (λmax {:.3f}, "
                                    "{} criteria); revise the comparisons, or accept it with --force",
                                    path, w.ahp->consistency_ratio, study.max_consistency_ratio, w.ahp->lambda_max, n));
      }
      w.forced = true;
    }
    w.weights = w.ahp->weights;
    w.from = "ahp";
    return w;
  }
  if (study.weights.empty()) {
    w.weights.assign(n, 1.0 / static_cast<double>(n));
    w.from = "equal";
    return w;
  }
  if (study.weights.size() != n) {
    throw UsageError(fmt::format("--criterion-weights: {} weights for {} criteria", study.weights.size(), n));
  }
  double sum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!(study.weights[k] >= 0) || !std::isfinite(study.weights[k])) {
      throw UsageError(fmt::format("--criterion-weights: weight {} ('{}') is {}, not a non-negative number", k + 1, names[k],
                                   study.weights[k]));
    }
    sum += study.weights[k];
  }
  if (!(sum > 0)) throw UsageError("--criterion-weights: the weights sum to 0");
  for (const double x : study.weights) w.weights.push_back(x / sum);
  w.from = "given";
  return w;
}

ScoringOutcome run_scoring_study(project::Project& project, const ScoringStudy& study, const Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  CriteriaPlan plan(study.criteria);
  ScoringOutcome o;
  o.weighting = study_weights(study);
  o.scenario = study.net.scenario;
  routing::AnalysisContext ctx(project, study.net.network, study.net.profile, study.net.max_snap_m, study.net.scenario);
  o.network = ctx.info();
  o.profile = ctx.profile().name;
  CandidateSpecs candidates = study.candidates;
  if (candidates.empty()) candidates.places.push_back("kind:logistics_centre");
  o.sites = resolve_candidates(project.db(), ctx, candidates, o.left_out);
  if (o.sites.empty()) throw DataError("no candidate can be placed on the network for this profile");
  plan.add_places(project.db(), ctx);
  for (const auto& [p, why] : ctx.skipped()) o.left_out.emplace_back(p.feature_id.value_or(p.label), why);
  ctx.build(study.net.lanes);
  o.criteria = plan.compute(project.db(), ctx, o.sites, study.net.metric, progress);
  for (const auto& c : o.criteria) o.normalised.push_back(normalise(c));
  o.ranked = rank(o.normalised, o.weighting.weights);
  o.sensitivity = sensitivity(o.criteria, o.normalised, o.weighting.weights);
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return o;
}

nlohmann::json ScoringOutcome::summary() const {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t place = 0; place < ranked.order.size(); ++place) {
    const auto k = ranked.order[place];
    nlohmann::json values = nlohmann::json::object(), scaled = nlohmann::json::object();
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const auto& v = criteria[c].values[k];
      values[criteria[c].name] = v ? nlohmann::json(*v) : nlohmann::json();
      scaled[criteria[c].name] = normalised[c][k];
    }
    rows.push_back({{"rank", place + 1}, {"candidate", sites[k].id}, {"name", sites[k].name}, {"score", ranked.score[k]},
                    {"values", values}, {"normalised", scaled}});
  }
  nlohmann::json sens = nlohmann::json::array();
  for (const auto& r : sensitivity) {
    sens.push_back({{"criterion", r.criterion}, {"change", r.change}, {"top", sites[r.top].id},
                    {"top_holds", r.top == ranked.order[0]}, {"rank_changes", r.rank_changes}, {"max_shift", r.max_shift}});
  }
  nlohmann::json s = {{"candidates", sites.size()}, {"weights", nlohmann::json::object()}, {"weights_from", weighting.from},
                      {"ranking", rows}, {"sensitivity", sens}, {"profile", profile}, {"network", network.name},
                      {"network_version", network.id}, {"seconds", seconds},
                      {"scenario", scenario ? nlohmann::json(*scenario) : nlohmann::json()}};
  for (std::size_t c = 0; c < criteria.size(); ++c) s["weights"][criteria[c].name] = weighting.weights[c];
  if (weighting.ahp) {
    s["ahp"] = {{"lambda_max", weighting.ahp->lambda_max}, {"consistency_index", weighting.ahp->consistency_index},
                {"consistency_ratio", weighting.ahp->consistency_ratio}, {"forced", weighting.forced}};
  }
  s["not_placed"] = nlohmann::json::array();
  for (const auto& [id, why] : left_out) s["not_placed"].push_back({{"place", id}, {"reason", why}});
  return s;
}

routing::ResultLayer ScoringOutcome::layer() const {
  routing::ResultLayer layer;
  layer.name = "siting_scores";
  layer.geometry = wkbPoint;
  layer.fields = {{"rank", OFTInteger}, {"candidate", OFTString}, {"name", OFTString}, {"score", OFTReal}};
  for (const auto& c : criteria) {
    std::string field = c.name;  // time:seaport → time_seaport, a name every GIS format takes
    for (auto& ch : field) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    layer.fields.push_back({field, OFTReal});
  }
  for (std::size_t place = 0; place < ranked.order.size(); ++place) {
    const auto k = ranked.order[place];
    std::vector<routing::Value> attrs{std::int64_t(place + 1), sites[k].id, sites[k].name, ranked.score[k]};
    for (const auto& c : criteria) {
      attrs.emplace_back();  // null unless known
      if (c.values[k]) attrs.back() = *c.values[k];
    }
    layer.add(std::move(attrs), routing::point_geometry(sites[k].at));
  }
  return layer;
}

std::string ScoringOutcome::text(std::size_t top) const {
  std::string t = fmt::format("{} candidates scored on {} criteria (weights {}{}), {}, network '{}' v{}{}\n", sites.size(),
                              criteria.size(), weighting.from,
                              weighting.ahp ? fmt::format(": consistency ratio {:.3f}{}", weighting.ahp->consistency_ratio,
                                                          weighting.forced ? ", forced" : "")
                                            : "",
                              profile, network.name, network.id, scenario ? ", scenario " + *scenario : "");
  for (std::size_t c = 0; c < criteria.size(); ++c) {
    t += fmt::format("  {:<24} weight {:.3f}  ({} is better)\n", criteria[c].name, weighting.weights[c],
                     criteria[c].higher_is_better ? "more" : "less");
  }
  t += fmt::format("{:>4}  {:<24} {:<34} {:>6}", "rank", "candidate", "name", "score");
  for (const auto& c : criteria) t += fmt::format(" {:>16}", text::truncate(c.name, 16));
  t += "\n";
  for (std::size_t place = 0; place < ranked.order.size() && (top == 0 || place < top); ++place) {
    const auto k = ranked.order[place];
    t += fmt::format("{:>4}  {:<24} {:<34} {:>6.3f}", place + 1, text::truncate(sites[k].id, 24),
                     text::truncate(sites[k].name, 34), ranked.score[k]);
    for (const auto& c : criteria) t += fmt::format(" {:>16}", c.values[k] ? fmt::format("{:.4g}", *c.values[k]) : "—");
    t += "\n";
  }
  t += "sensitivity (each weight ±20 %, the others rescaled):\n";
  for (const auto& r : sensitivity) {
    t += fmt::format("  {:<24} {:+.0f} %  top: {:<24} {}  {} candidates move, at most {} places\n", r.criterion,
                     100 * r.change, sites[r.top].id, r.top == ranked.order[0] ? "holds  " : "CHANGES", r.rank_changes,
                     r.max_shift);
  }
  for (const auto& [id, why] : left_out) t += fmt::format("  left out: {} — {}\n", id, why);
  return t;
}

std::int64_t store_scoring_run(db::Database& db, const ScoringStudy& study, const ScoringOutcome& o) {
  nlohmann::json params = {{"candidates", study.candidates.describe()}, {"criteria", study.criteria},
                           {"metric", study.net.metric == routing::Metric::time ? "fastest" : "shortest"}};
  params["weights"] = nlohmann::json::object();
  for (std::size_t c = 0; c < o.criteria.size(); ++c) params["weights"][o.criteria[c].name] = o.weighting.weights[c];
  if (study.ahp_path) params["ahp"] = *study.ahp_path;
  if (o.scenario) params["scenario"] = *o.scenario;
  const auto top = o.ranked.order.front();
  std::vector<routing::ResultLayer> layers;
  layers.push_back(o.layer());
  return routing::store_run(db,
                            {"siting-score", o.network.id, o.network.name, o.profile, params,
                             {{"top", o.sites[top].id}, {"score", o.ranked.score[top]}}, o.seconds},
                            layers);
}

}  // namespace logiplan::siting
