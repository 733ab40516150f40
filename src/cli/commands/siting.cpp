// logiplan siting: where logistics centres and dry ports should go. Location–
// allocation (p-median, maximal covering, set covering, p-center, attendance,
// market share) on network costs from the project, or on a cost table from
// elsewhere; `siting score` rates candidates on several criteria.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "cli/analysis_options.hpp"
#include "cli/command.hpp"
#include "cli/siting_options.hpp"
#include "core/error.hpp"
#include "flows/run_volumes.hpp"
#include "siting/cost_table.hpp"
#include "siting/study.hpp"

namespace logiplan::cli {

std::unique_ptr<Command> make_siting_score_command();

namespace {

class SitingCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("siting", "Where new logistics centres should go: location–allocation on network costs");
    score_ = make_siting_score_command();
    score_sub_ = score_->setup(*sub, global);
    opts_.add_to(*sub, false);
    sub->add_option("--model", model_, "pmedian (least weighted travel), mclp (most demand within --cutoff), lscp "
                                       "(fewest facilities covering all within --cutoff), pcenter (least worst travel), "
                                       "attendance (most demand that comes, decaying with travel), market-share (most "
                                       "demand captured from --competitors, Huff model), cflp (capacitated fixed-charge: "
                                       "fixed costs plus --unit-cost × weight × travel, within --capacity)")
        ->default_val("pmedian");
    sub->add_option("--p", p_, "Facilities to open (required ones included); all models but lscp")->default_val(1);
    sub->add_option("--cutoff", cutoff_, "Coverage standard (mclp, lscp) or reach (attendance, market-share): minutes "
                                         "(fastest) or km (shortest)");
    sub->add_option("--decay", decay_, "attendance, market-share: linear (to --cutoff), power[:BETA] (default 2), "
                                       "exponential[:BETA per min or km] (default 0.1)")
        ->default_val("linear");
    sub->add_option("--demand", demand_, "Demand places: feature ids, names, kind:KIND or lon,lat (repeatable)");
    sub->add_option("--demand-kind", demand_kinds_, "All features of a kind as demand (default: terminal)");
    sub->add_option("--weight", weight_rules_, "Demand weight: FIELD for all (capacity — TEU/yr or t/yr —, area_ha, an "
                                               "attribute, 1) or KIND=FIELD[*FACTOR] per kind (repeatable)");
    sub->add_option("--weight-default", weight_default_, "Weight of a demand feature that has none (default: refuse)");
    sub->add_option("--tonnes-per-teu", tonnes_per_teu_, "Converts TEU/yr capacities to t/yr, so terminals given in "
                                                         "either unit weigh alike (an assumption: state it)")
        ->check(CLI::PositiveNumber);
    candidates_.add_to(*sub);
    sub->add_option("--required", required_, "Facilities that stay open (existing centres); they count towards --p");
    sub->add_option("--competitors", competitors_, "Other operators' centres: never chosen; they draw demand in "
                                                   "market-share");
    sub->add_option("--attractiveness", attractiveness_, "market-share: the facility field that draws demand "
                                                         "(capacity, area_ha, an attribute; default 1 for all)");
    sub->add_option("--fixed-cost", fixed_cost_, "cflp: each candidate's cost of opening, a number for all or a field");
    sub->add_option("--capacity", capacity_, "cflp: each candidate's capacity in the demand weight's unit, a number or "
                                             "a field (capacity, area_ha, an attribute; none: no limit)");
    sub->add_option("--unit-cost", unit_cost_, "cflp: cost per unit of demand weight and minute (or km)")->default_val(1.0);
    sub->add_option("--facilities", facilities_, "With --costs: a table of candidate and fixed_cost, capacity, "
                                                 "attractiveness");
    sub->add_option("--congested", congested_, "Travel times of this assignment run (its congested speeds, then the "
                                               "profile's caps) instead of free flow");
    sub->add_flag("--drop-unreachable", drop_unreachable_, "Leave out (and list) demand points no candidate reaches, "
                                                           "instead of refusing the study");
    sub->add_option("--costs", costs_, "A cost table (CSV/XLSX: demand, candidate, cost) instead of network costs; no "
                                       "project needed");
    sub->add_option("--weights", weights_, "With --costs: a table of demand, weight");
    sub->add_option("--compare", compare_, "Run on each network version and show the answers side by side: base and "
                                           "scenario names, comma-separated (base,port-lanes-2030)")
        ->delimiter(',');
    sub->add_option("--solver", solver_, "auto (exact up to 40,000 reachable pairs, heuristic beyond; market-share: every "
                                         "set when few, else heuristic), exact (CBC), heuristic, brute")
        ->default_val("auto");
    sub->add_option("--time-limit", time_limit_, "Seconds for the solver; then the best found, with its bound")->default_val(60);
    sub->add_option("--seed", seed_, "Seed of the heuristic's random starts (same seed, same answer)")->default_val(20261130);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan siting out/haiphong.sqlite --model pmedian --p 1 --demand-kind terminal --weight capacity \\\n"
        "      --tonnes-per-teu 12 --weight-default 0 --zones kind:free_trade_zone --zones kind:economic_zone\n"
        "  logiplan siting out/haiphong.sqlite --model pmedian --p 1 --demand-kind terminal --congested 7   (run 7: an assignment)\n"
        "  logiplan siting out/haiphong.sqlite --model mclp --p 2 --cutoff 30 --demand-kind industrial_park \\\n"
        "      --weight area_ha --candidate-kind logistics_centre --required nam-dinh-vu-logistics-centre\n"
        "  logiplan siting out/haiphong.sqlite --model market-share --p 1 --decay power:2 --demand-kind industrial_park \\\n"
        "      --weight area_ha --candidate-kind logistics_centre --competitors kind:icd\n"
        "  logiplan siting out/haiphong.sqlite --p 2 --demand-kind terminal --zones kind:free_trade_zone --grid-km 2 \\\n"
        "      --compare base,port-lanes-2030\n"
        "  logiplan siting out/haiphong.sqlite --model cflp --demand-kind industrial_park --weight area_ha \\\n"
        "      --candidate-kind logistics_centre --candidate-kind icd --fixed-cost 5000 --capacity 1500 --unit-cost 1\n"
        "  logiplan siting --costs od.csv --weights tons.csv --model pcenter --p 3 --json\n"
        "  logiplan siting --costs od.csv --weights tons.csv --facilities sites.csv --model cflp\n"
        "  logiplan siting score --help     (multi-criteria scoring, AHP weights)\n"
        "Costs run from each candidate to each demand point (one network search per candidate). Every result gives its\n"
        "objective, a bound no answer can beat, and the gap between them (0 when proven optimal).");
    return sub;
  }

  void run() override {
    if (score_sub_->parsed()) return score_->run();
    const auto t0 = std::chrono::steady_clock::now();
    siting::SitingStudy study;
    study.model.model = siting::parse_model(model_);
    study.model.p = p_;
    study.model.decay = siting::parse_decay(decay_);
    study.solve.method = siting::parse_method(solver_);
    study.solve.time_limit_s = time_limit_;
    study.solve.seed = seed_;
    if (cutoff_ && !(*cutoff_ > 0)) throw UsageError(fmt::format("--cutoff {}: must be positive", *cutoff_));
    if (costs_) return run_on_table(study, t0);
    if (opts_.project.empty()) throw UsageError("give a project file, or a cost table with --costs");
    if (weights_) throw UsageError("--weights goes with --costs; with a project, use --weight FIELD");
    study.net = {opts_.network, opts_.profile, opts_.parsed_metric(), opts_.max_snap_m, opts_.lane_options(), opts_.scenario};
    study.cutoff = cutoff_;
    study.demand = demand_;
    for (const auto& k : demand_kinds_) study.demand.push_back("kind:" + k);
    study.weight_rules = weight_rules_;
    study.weights.fallback = weight_default_;
    study.weights.tonnes_per_teu = tonnes_per_teu_;
    study.candidates = candidates_.specs();
    study.required = required_;
    study.competitors = competitors_;
    study.attractiveness = attractiveness_;
    study.fixed_cost = fixed_cost_;
    study.facility_capacity = capacity_;
    study.unit_cost = unit_cost_;
    study.drop_unreachable = drop_unreachable_;
    if (facilities_) throw UsageError("--facilities goes with --costs; with a project, use --fixed-cost and --capacity");

    auto project = project::Project::open(opts_.project, !opts_.no_store);
    if (congested_) {
      const auto run = flows::load_run_volumes(project.db(), *congested_);
      study.congested_run = *congested_;
      study.edit_network = [run, scenario = opts_.scenario](network::Network& net, const network::NetworkInfo& info) {
        flows::apply_congestion(run, info, scenario, net);
      };
    }
    if (compare_.empty()) return print(project, study);
    if (opts_.scenario) throw UsageError("--compare names the scenarios; leave out --scenario");
    if (opts_.out) throw UsageError("--out with --compare: export each stored run with `logiplan export-qgis`, or run one at a time");
    compare(project, study);
  }

 private:
  void print(project::Project& project, const siting::SitingStudy& study) {
    const auto o = siting::run_siting_study(project, study, global_->progress());
    auto summary = o.summary();
    summary["metric"] = opts_.metric;
    if (!opts_.no_store) summary["run_id"] = siting::store_siting_run(project.db(), study, o);
    if (opts_.out) summary["files"] = routing::write_layers(o.layers(), *opts_.out);
    if (opts_.json) return fmt::print("{}\n", summary.dump(2));
    fmt::print("{}", o.text());
    if (summary.contains("run_id")) fmt::print("stored as run {}\n", summary["run_id"].get<std::int64_t>());
    if (opts_.out) fmt::print("wrote {}\n", summary["files"].dump());
  }

  // The same study on each network version, side by side.
  void compare(project::Project& project, siting::SitingStudy study) {
    nlohmann::json all = nlohmann::json::array();
    std::vector<siting::SitingOutcome> outcomes;
    for (const auto& name : compare_) {
      study.net.scenario = name == "base" ? std::nullopt : std::optional<std::string>(name);
      outcomes.push_back(siting::run_siting_study(project, study, global_->progress()));
      auto s = outcomes.back().summary();
      if (!opts_.no_store) s["run_id"] = siting::store_siting_run(project.db(), study, outcomes.back());
      all.push_back(std::move(s));
    }
    if (opts_.json) return fmt::print("{}\n", nlohmann::json{{"compare", all}}.dump(2));
    fmt::print("{} (p {}), {} {} — the same demand and candidates on each network version:\n",
               siting::model_name(study.model.model), study.model.p, outcomes[0].profile, opts_.metric);
    fmt::print("{:<24} {:>14} {:>9} {:>9}  {}\n", "network version", "objective", "gap", "unserved", "chosen");
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
      const auto& s = all[k];
      std::string chosen;
      for (const auto& c : s["chosen"]) chosen += (chosen.empty() ? "" : ", ") + c["id"].get<std::string>();
      std::size_t unserved = 0;
      for (const auto& a : s["allocation"]) unserved += a["facility"].is_null();
      fmt::print("{:<24} {:>14.6g} {:>8.2f}% {:>9}  {}{}\n", compare_[k],
                 s["objective"].is_null() ? NAN : s["objective"].get<double>(),
                 s["gap"].is_null() ? NAN : 100 * s["gap"].get<double>(), unserved, chosen,
                 s.contains("run_id") ? fmt::format("  (run {})", s["run_id"].get<std::int64_t>()) : "");
    }
    for (std::size_t k = 1; k < all.size(); ++k) {
      if (all[k]["chosen"] != all[0]["chosen"]) fmt::print("the answer changes between {} and {}\n", compare_[0], compare_[k]);
    }
  }

  void run_on_table(siting::SitingStudy& study, std::chrono::steady_clock::time_point t0) {
    if (!demand_.empty() || !demand_kinds_.empty() || !candidates_.specs().empty()) {
      throw UsageError("--costs brings its own demand and candidates; leave out --demand, --candidates and --zones");
    }
    if (!compare_.empty() || opts_.scenario) throw UsageError("--compare and --scenario need a project's network, not --costs");
    siting::CostTableOptions o;
    o.weights_path = weights_;
    o.required = required_;
    o.competitors = competitors_;
    o.facilities_path = facilities_;
    if (fixed_cost_ || capacity_) throw UsageError("with --costs, give fixed costs and capacities in a --facilities table");
    auto pr = siting::read_cost_table(*costs_, o);
    if (cutoff_) study.model.cutoff = *cutoff_;
    study.model.unit_cost = unit_cost_;
    const auto solution = siting::solve(pr, study.model, study.solve, global_->progress());
    auto summary = siting::solution_json(pr, study.model, solution, "");
    summary["costs"] = *costs_;
    summary["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opts_.json) return fmt::print("{}\n", summary.dump(2));
    fmt::print("{} demand points × {} candidates from {}\n", pr.demands.size(), pr.facilities.size(), *costs_);
    fmt::print("{}", siting::solution_text(pr, study.model, solution, ""));
  }

  const GlobalOptions* global_ = nullptr;
  std::unique_ptr<Command> score_;
  CLI::App* score_sub_ = nullptr;
  AnalysisOptions opts_;
  CandidateOptions candidates_;
  std::string model_ = "pmedian", solver_ = "auto", decay_ = "linear";
  std::vector<std::string> weight_rules_{"1"};
  int p_ = 1;
  double time_limit_ = 60;
  std::uint32_t seed_ = 20261130;
  std::optional<double> cutoff_, weight_default_, tonnes_per_teu_;
  std::optional<std::string> costs_, weights_, attractiveness_, fixed_cost_, capacity_, facilities_;
  double unit_cost_ = 1.0;
  bool drop_unreachable_ = false;
  std::optional<std::int64_t> congested_;
  std::vector<std::string> demand_, demand_kinds_, required_, competitors_, compare_;
};

}  // namespace
std::unique_ptr<Command> make_siting_command() { return std::make_unique<SitingCommand>(); }
}  // namespace logiplan::cli
