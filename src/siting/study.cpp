#include "siting/study.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "routing/context.hpp"
#include "siting/network_costs.hpp"

namespace logiplan::siting {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
// Removes the demand points no selectable facility reaches, listing each.
void drop_unreachable_demand(SitingOutcome& o) {
  auto& pr = o.problem;
  const auto m = pr.facilities.size();
  Problem kept{{}, pr.facilities, {}};
  Positions at{{}, o.at.facilities};
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    bool reached = false;
    for (std::size_t j = 0; j < m && !reached; ++j) {
      reached = pr.facilities[j].role != Role::competitor && std::isfinite(pr.cost(i, j));
    }
    if (!reached) {
      o.left_out.emplace_back(pr.demands[i].id, "no candidate reaches it on the network (--drop-unreachable)");
      continue;
    }
    kept.demands.push_back(pr.demands[i]);
    kept.costs.insert(kept.costs.end(), pr.costs.begin() + static_cast<std::ptrdiff_t>(i * m),
                      pr.costs.begin() + static_cast<std::ptrdiff_t>((i + 1) * m));
    if (i < o.at.demands.size()) at.demands.push_back(o.at.demands[i]);
  }
  if (kept.demands.empty()) throw DataError("no demand point is reached by any candidate on the network");
  pr = std::move(kept);
  o.at = std::move(at);
}

}  // namespace

SitingOutcome run_siting_study(project::Project& project, const SitingStudy& study, const Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  auto& db = project.db();
  SitingOutcome o;
  o.unit = study.net.unit();
  o.spec = study.model;
  if (study.cutoff) o.spec.cutoff = *study.cutoff * study.net.unit_size();
  o.spec.decay.unit = study.net.unit_size();
  o.spec.unit_cost = study.unit_cost / study.net.unit_size();
  o.scenario = study.net.scenario;
  o.congested_run = study.congested_run;
  WeightOptions weights = study.weights;
  weights.rules.clear();
  for (const auto& r : study.weight_rules) weights.rules.push_back(parse_weight_rule(r));

  routing::AnalysisContext ctx(project, study.net.network, study.net.profile, study.net.max_snap_m, study.net.scenario);
  if (study.edit_network) ctx.edit_network(study.edit_network);
  o.network = ctx.info();
  o.profile = ctx.profile().name;
  auto& pr = o.problem;
  std::vector<std::size_t> demand_places, facility_places;
  std::vector<std::pair<std::string, Weight>> demand_weights;
  const auto demand_specs = study.demand.empty() ? std::vector<std::string>{"kind:terminal"} : study.demand;
  for (const auto& s : demand_specs) {
    for (const auto i : ctx.add_spec(s)) {
      const auto& place = ctx.place(i).place;
      const std::string id = place.feature_id.value_or(place.label);
      const auto w = place.feature_id ? feature_weight(db, *place.feature_id, place.kind, weights)
                                      : Weight{weights.fallback.value_or(1.0), ""};
      demand_weights.emplace_back(id, w);
      pr.demands.push_back({id, place.label, w.value});
      demand_places.push_back(i);
      o.at.demands.push_back(place.position);
    }
  }
  check_one_unit(demand_weights);
  auto add_facility = [&](const CandidateSite& site, Role role) {
    for (auto& f : pr.facilities) {
      if (f.id == site.id) {  // named twice: the stronger role wins (required over candidate)
        if (role != Role::candidate) f.role = role;
        return;
      }
    }
    // A number for every facility, or the facility's field (a grid point's from its zone).
    auto value = [&](const std::optional<std::string>& spec, double otherwise, const char* what) {
      if (!spec) return otherwise;
      char* end = nullptr;
      const double constant = std::strtod(spec->c_str(), &end);
      if (!spec->empty() && *end == '\0') return constant;
      if (!site.feature_id) {
        throw DataError(fmt::format("facility '{}' is a point, not a feature: it has no {} '{}'", site.id, what, *spec));
      }
      WeightOptions a;
      a.rules = {parse_weight_rule(*spec)};
      a.tonnes_per_teu = weights.tonnes_per_teu;
      return feature_weight(db, *site.feature_id, "", a).value;
    };
    Facility f{site.id, site.name, role};
    f.attractiveness = value(study.attractiveness, 1.0, "attractiveness");
    if (study.model.model == Model::cflp) {
      f.fixed_cost = value(study.fixed_cost, 0.0, "fixed cost");
      f.capacity = value(study.facility_capacity, kUnreachable, "capacity");
    }
    pr.facilities.push_back(std::move(f));
    facility_places.push_back(site.place);
    o.at.facilities.push_back(site.at);
  };
  CandidateSpecs candidates = study.candidates;
  if (candidates.empty()) candidates.places.push_back("kind:logistics_centre");
  for (const auto& site : resolve_candidates(db, ctx, candidates, o.left_out)) add_facility(site, Role::candidate);
  for (const auto& [list, role] : {std::pair{&study.required, Role::required}, std::pair{&study.competitors, Role::competitor}}) {
    if (list->empty()) continue;
    for (const auto& site : resolve_candidates(db, ctx, CandidateSpecs{*list, {}, {}}, o.left_out)) add_facility(site, role);
  }
  for (const auto& [p, why] : ctx.skipped()) o.left_out.emplace_back(p.feature_id.value_or(p.label), why);
  if (pr.demands.empty()) throw DataError("no demand point can be placed on the network for this profile");
  if (pr.facilities.empty()) throw DataError("no candidate can be placed on the network for this profile");
  check_instance(pr, o.spec);  // cheap checks (p, weights) before the searches

  ctx.build(study.net.lanes);
  const auto tc = std::chrono::steady_clock::now();
  // pmedian, pcenter and cflp need every cost; the others stop at their reach.
  const bool cut = std::isfinite(o.spec.cutoff) && o.spec.model != Model::pmedian && o.spec.model != Model::pcenter &&
                   o.spec.model != Model::cflp;
  pr.costs = network_costs(ctx, demand_places, facility_places, study.net.metric, cut ? o.spec.cutoff : kUnreachable, progress);
  o.matrix_seconds = since(tc);
  if (study.drop_unreachable) drop_unreachable_demand(o);
  for (const double c : pr.costs) o.unreachable_pairs += !std::isfinite(c);
  o.solution = solve(pr, o.spec, study.solve, progress);
  o.seconds = since(t0);
  return o;
}

nlohmann::json SitingOutcome::summary() const {
  auto s = solution_json(problem, spec, solution, unit);
  s["profile"] = profile;
  s["network"] = network.name;
  s["network_version"] = network.id;
  s["scenario"] = scenario ? nlohmann::json(*scenario) : nlohmann::json();
  s["matrix_seconds"] = matrix_seconds;
  s["seconds"] = seconds;
  s["unreachable_pairs"] = unreachable_pairs;
  s["not_placed"] = nlohmann::json::array();
  for (const auto& [id, why] : left_out) s["not_placed"].push_back({{"place", id}, {"reason", why}});
  return s;
}

std::vector<routing::ResultLayer> SitingOutcome::layers() const { return solution_layers(problem, solution, at, unit); }

std::string SitingOutcome::text() const {
  const bool cut = std::isfinite(spec.cutoff) && spec.model != Model::pmedian && spec.model != Model::pcenter &&
                   spec.model != Model::cflp;
  std::string t = fmt::format("{} demand points × {} facilities, {}, network '{}' v{}{}: costs {:.2f} s, {} pairs out of reach{}\n",
                              problem.demands.size(), problem.facilities.size(), profile, network.name, network.id,
                              (scenario ? ", scenario " + *scenario : "") +
                                  (congested_run ? fmt::format(", congested times of run {}", *congested_run) : ""),
                              matrix_seconds, unreachable_pairs,
                              cut ? " or beyond the cutoff" : "");
  t += solution_text(problem, spec, solution, unit);
  std::size_t shown = 0;
  for (const auto& [id, why] : left_out) {
    if (++shown > 12) {
      t += fmt::format("  ... {} left out in all (--json lists them)\n", left_out.size());
      break;
    }
    t += fmt::format("  left out: {} — {}\n", id, why);
  }
  return t;
}

std::int64_t store_siting_run(db::Database& db, const SitingStudy& study, const SitingOutcome& o) {
  nlohmann::json params = {{"model", std::string(model_name(study.model.model))}, {"p", study.model.p},
                           {"demand", study.demand}, {"candidates", study.candidates.describe()},
                           {"required", study.required}, {"competitors", study.competitors},
                           {"weight", study.weight_rules}, {"metric", o.unit == "min" ? "fastest" : "shortest"},
                           {"seed", study.solve.seed}};
  if (study.cutoff) params["cutoff"] = *study.cutoff;
  if (study.congested_run) params["congested_run"] = *study.congested_run;
  if (study.model.model == Model::attendance || study.model.model == Model::market_share) {
    params["decay"] = {{"kind", int(study.model.decay.kind)}, {"beta", study.model.decay.beta}};
  }
  if (study.weights.tonnes_per_teu) params["tonnes_per_teu"] = *study.weights.tonnes_per_teu;
  if (study.model.model == Model::cflp) {
    params["fixed_cost"] = study.fixed_cost.value_or("0");
    params["capacity"] = study.facility_capacity.value_or("none");
    params["unit_cost"] = study.unit_cost;
  }
  if (o.scenario) params["scenario"] = *o.scenario;
  const auto s = o.summary();
  return routing::store_run(db,
                            {"siting", o.network.id, o.network.name, o.profile, params,
                             {{"objective", s["objective"]}, {"bound", s["bound"]}, {"gap", s["gap"]},
                              {"optimal", o.solution.optimal}, {"chosen", s["chosen"]}},
                             o.seconds},
                            o.layers());
}

}  // namespace logiplan::siting
