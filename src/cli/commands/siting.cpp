// logiplan siting: where logistics centres and dry ports should go. Location–
// allocation (p-median, maximal covering, set covering, p-center) on network
// costs from the project, or on a cost table from elsewhere.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "cli/analysis_options.hpp"
#include "cli/command.hpp"
#include "cli/place_lists.hpp"
#include "core/error.hpp"
#include "routing/results.hpp"
#include "siting/cost_table.hpp"
#include "siting/feature_weights.hpp"
#include "siting/network_costs.hpp"
#include "siting/siting_output.hpp"
#include "siting/solve.hpp"

namespace logiplan::cli {
namespace {

std::vector<std::string> with_kinds(std::vector<std::string> specs, const std::vector<std::string>& kinds) {
  for (const auto& k : kinds) specs.push_back("kind:" + k);
  return specs;
}

class SitingCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("siting", "Where new logistics centres should go: location–allocation on network costs");
    opts_.add_to(*sub, false);
    sub->add_option("--model", model_, "pmedian (least weighted travel), mclp (most demand within --cutoff), lscp "
                                       "(fewest facilities covering all within --cutoff), pcenter (least worst travel)")
        ->default_val("pmedian");
    sub->add_option("--p", p_, "Facilities to open (required ones included): pmedian, mclp, pcenter")->default_val(1);
    sub->add_option("--cutoff", cutoff_, "Coverage standard for mclp and lscp: minutes (fastest) or km (shortest)");
    sub->add_option("--demand", demand_, "Demand places: feature ids, names, kind:KIND or lon,lat (repeatable)");
    sub->add_option("--demand-kind", demand_kinds_, "All features of a kind as demand (default: terminal)");
    sub->add_option("--weight", weight_, "Demand weight: capacity (TEU/yr, t/yr), area_ha, an attribute name, or 1")
        ->default_val("1");
    sub->add_option("--weight-default", weight_default_, "Weight of a demand feature that has none (default: refuse)");
    sub->add_option("--candidates", candidates_, "Candidate sites, as --demand (repeatable)");
    sub->add_option("--candidate-kind", candidate_kinds_, "All features of a kind as candidates (default: logistics_centre)");
    sub->add_option("--required", required_, "Facilities that stay open (existing centres); they count towards --p");
    sub->add_option("--competitors", competitors_, "Other operators' centres: never chosen, and ignored by these models");
    sub->add_option("--costs", costs_, "A cost table (CSV/XLSX: demand, candidate, cost) instead of network costs; no "
                                       "project needed");
    sub->add_option("--weights", weights_, "With --costs: a table of demand, weight");
    sub->add_option("--solver", solver_, "auto (exact up to 40,000 reachable pairs, heuristic beyond), exact (CBC), "
                                         "heuristic, brute")
        ->default_val("auto");
    sub->add_option("--time-limit", time_limit_, "Seconds for the solver; then the best found, with its bound")->default_val(60);
    sub->add_option("--seed", seed_, "Seed of the heuristic's random starts (same seed, same answer)")->default_val(20261130);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan siting out/haiphong.sqlite --model pmedian --p 1 --demand-kind terminal --weight capacity \\\n"
        "      --weight-default 0 --candidate-kind logistics_centre --candidate-kind icd\n"
        "  logiplan siting out/haiphong.sqlite --model mclp --p 2 --cutoff 30 --demand-kind industrial_park \\\n"
        "      --weight area_ha --candidate-kind logistics_centre --required nam-dinh-vu-logistics-centre\n"
        "  logiplan siting --costs od.csv --weights tons.csv --model pcenter --p 3 --json\n"
        "Costs run from each candidate to each demand point (one network search per candidate). Every result gives its\n"
        "objective, a bound no answer can beat, and the gap between them (0 when proven optimal).");
    return sub;
  }

  void run() override {
    const auto t0 = std::chrono::steady_clock::now();
    siting::ModelSpec spec;
    spec.model = siting::parse_model(model_);
    spec.p = p_;
    siting::SolveOptions solve;
    solve.method = siting::parse_method(solver_);
    solve.time_limit_s = time_limit_;
    solve.seed = seed_;
    if (cutoff_ && !(*cutoff_ > 0)) throw UsageError(fmt::format("--cutoff {}: must be positive", *cutoff_));
    if (costs_) return run_on_table(spec, solve, t0);
    if (opts_.project.empty()) throw UsageError("give a project file, or a cost table with --costs");
    if (weights_) throw UsageError("--weights goes with --costs; with a project, use --weight FIELD");

    auto project = project::Project::open(opts_.project, !opts_.no_store);
    routing::AnalysisContext ctx(project, opts_.network, opts_.profile, opts_.max_snap_m, opts_.scenario);
    const auto metric = opts_.parsed_metric();
    const std::string unit = metric == routing::Metric::time ? "min" : "km";
    if (cutoff_) spec.cutoff = *cutoff_ * (metric == routing::Metric::time ? 60.0 : 1000.0);

    siting::Problem pr;
    siting::Positions at;
    std::vector<std::size_t> demand_places, facility_places;
    auto add = [&](const std::vector<std::string>& specs, auto&& each) {
      for (const auto& s : specs) {
        const bool kind = s.rfind("kind:", 0) == 0;
        for (const auto i : ctx.add_places(routing::resolve_places(project.db(), s), kind)) each(i);
      }
    };
    auto demand_specs = with_kinds(demand_, demand_kinds_);
    if (demand_specs.empty()) demand_specs.push_back("kind:terminal");
    add(demand_specs, [&](std::size_t i) {
      const auto& place = ctx.place(i).place;
      const double w = place.feature_id ? siting::feature_weight(project.db(), *place.feature_id, weight_, weight_default_)
                                        : (weight_ == "1" ? 1.0 : weight_default_.value_or(1.0));
      pr.demands.push_back({place_name(ctx, i), place.label, w});
      demand_places.push_back(i);
      at.demands.push_back(place.position);
    });
    auto candidate_specs = with_kinds(candidates_, candidate_kinds_);
    if (candidate_specs.empty()) candidate_specs.push_back("kind:logistics_centre");
    auto add_facilities = [&](const std::vector<std::string>& specs, siting::Role role) {
      add(specs, [&](std::size_t i) {
        const auto id = place_name(ctx, i);
        for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
          if (pr.facilities[j].id == id) {  // named twice: the stronger role wins (required over candidate)
            if (role != siting::Role::candidate) pr.facilities[j].role = role;
            return;
          }
        }
        pr.facilities.push_back({id, ctx.place(i).place.label, role});
        facility_places.push_back(i);
        at.facilities.push_back(ctx.place(i).place.position);
      });
    };
    add_facilities(candidate_specs, siting::Role::candidate);
    add_facilities(required_, siting::Role::required);
    add_facilities(competitors_, siting::Role::competitor);
    if (pr.demands.empty()) throw DataError("no demand point can be placed on the network for this profile");
    if (pr.facilities.empty()) throw DataError("no candidate can be placed on the network for this profile");
    siting::check_instance(pr, spec);  // cheap checks (p, weights) before the searches

    ctx.build(opts_.lane_options());
    const auto tc = std::chrono::steady_clock::now();
    const double search_cutoff =
        spec.model == siting::Model::mclp || spec.model == siting::Model::lscp ? spec.cutoff : siting::kUnreachable;
    pr.costs = siting::network_costs(ctx, demand_places, facility_places, metric, search_cutoff, global_->progress());
    const double matrix_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - tc).count();
    const auto solution = siting::solve(pr, spec, solve, global_->progress());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    auto summary = siting::solution_json(pr, spec, solution, unit);
    summary["profile"] = ctx.profile().name;
    summary["network"] = ctx.info().name;
    summary["network_version"] = ctx.info().id;
    if (ctx.scenario()) summary["scenario"] = *ctx.scenario();
    summary["metric"] = opts_.metric;
    summary["weight"] = weight_;
    summary["matrix_seconds"] = matrix_seconds;
    summary["seconds"] = seconds;
    summary["not_placed"] = skipped_json(ctx);
    std::size_t unreachable = 0;
    for (const double c : pr.costs) unreachable += !std::isfinite(c);
    summary["unreachable_pairs"] = unreachable;
    auto layers = siting::solution_layers(pr, solution, at, unit);
    if (!opts_.no_store) {
      nlohmann::json params = {{"model", model_}, {"p", p_}, {"demand", demand_specs}, {"candidates", candidate_specs},
                               {"required", required_}, {"competitors", competitors_}, {"weight", weight_},
                               {"metric", opts_.metric}, {"solver", solver_}, {"seed", seed_}};
      if (cutoff_) params["cutoff"] = *cutoff_;
      if (opts_.scenario) params["scenario"] = *opts_.scenario;
      summary["run_id"] = routing::store_run(
          project.db(),
          {"siting", ctx.info().id, ctx.info().name, ctx.profile().name, params,
           {{"objective", summary["objective"]}, {"bound", summary["bound"]}, {"gap", summary["gap"]},
            {"optimal", solution.optimal}, {"chosen", summary["chosen"]}},
           seconds},
          layers);
    }
    if (opts_.out) summary["files"] = routing::write_layers(layers, *opts_.out);
    if (opts_.json) {
      fmt::print("{}\n", summary.dump(2));
      return;
    }
    fmt::print("{} demand points × {} facilities, {} ({}), network '{}' v{}{}: costs {:.2f} s, {} pairs out of reach{}\n",
               pr.demands.size(), pr.facilities.size(), ctx.profile().name, opts_.metric, ctx.info().name, ctx.info().id,
               ctx.scenario() ? ", scenario " + *ctx.scenario() : "", matrix_seconds, unreachable,
               std::isfinite(search_cutoff) ? " or beyond the cutoff" : "");
    fmt::print("{}", siting::solution_text(pr, spec, solution, unit));
    print_skipped(ctx);
    if (summary.contains("run_id")) fmt::print("stored as run {}\n", summary["run_id"].get<std::int64_t>());
    if (opts_.out) fmt::print("wrote {}\n", summary["files"].dump());
  }

 private:
  void run_on_table(siting::ModelSpec spec, const siting::SolveOptions& solve, std::chrono::steady_clock::time_point t0) {
    if (!demand_.empty() || !demand_kinds_.empty() || !candidates_.empty() || !candidate_kinds_.empty()) {
      throw UsageError("--costs brings its own demand and candidates; leave out --demand and --candidates");
    }
    siting::CostTableOptions o;
    o.weights_path = weights_;
    o.required = required_;
    o.competitors = competitors_;
    auto pr = siting::read_cost_table(*costs_, o);
    if (cutoff_) spec.cutoff = *cutoff_;
    const auto solution = siting::solve(pr, spec, solve, global_->progress());
    auto summary = siting::solution_json(pr, spec, solution, "");
    summary["costs"] = *costs_;
    summary["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opts_.json) {
      fmt::print("{}\n", summary.dump(2));
      return;
    }
    fmt::print("{} demand points × {} candidates from {}\n", pr.demands.size(), pr.facilities.size(), *costs_);
    fmt::print("{}", siting::solution_text(pr, spec, solution, ""));
  }

  const GlobalOptions* global_ = nullptr;
  AnalysisOptions opts_;
  std::string model_ = "pmedian", weight_ = "1", solver_ = "auto";
  int p_ = 1;
  double time_limit_ = 60;
  std::uint32_t seed_ = 20261130;
  std::optional<double> cutoff_, weight_default_;
  std::optional<std::string> costs_, weights_;
  std::vector<std::string> demand_, demand_kinds_, candidates_, candidate_kinds_, required_, competitors_;
};

}  // namespace
std::unique_ptr<Command> make_siting_command() { return std::make_unique<SitingCommand>(); }
}  // namespace logiplan::cli
