// logiplan assign: static user-equilibrium traffic assignment. With --tntp it
// runs on a TNTP network and trips file, without a project, and writes the TNTP
// flow table, so results can be compared with published solutions.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "flows/assignment_compare.hpp"
#include "flows/assignment_study.hpp"
#include "flows/equilibrium.hpp"
#include "flows/tntp.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class AssignCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("assign", "Traffic assignment: user equilibrium with BPR link costs");
    sub->add_option("PROJECT", project_, "Project file (or --tntp)");
    sub->add_option("--demand", demand_, "The demand to assign (see `logiplan demand list`): one matrix per vehicle class");
    sub->add_option("--network", network_, "Network name")->default_val("main");
    sub->add_option("--scenario", scenario_, "Assign on this scenario's network");
    sub->add_option("--compare", compare_, "Assign on each (base or a scenario) and compare: base,port-lanes-2030")
        ->delimiter(',');
    sub->add_option("--max-snap", max_snap_, "Largest distance (m) from a zone's place to a road node");
    sub->add_option("--settings", settings_, "A flows settings file over networks/flows.json (PCU, capacities, BPR)");
    sub->add_option("--out", out_, "Write the link volumes (GeoPackage, CSV, ... by extension), and the select-link layers");
    sub->add_option("--select-link", select_, "Trace who uses this edge (the edge field of network_edges): EDGE, EDGE:ab or "
                                              "EDGE:ba; repeatable");
    sub->add_option("--skim", skim_, "Write the zone-to-zone minutes and km at the equilibrium (and at free flow) per class; "
                                     "`siting --costs` reads it");
    sub->add_option("--feedback", feedback_, "Rounds of demand ↔ assignment: a generated demand is distributed again on the "
                                             "congested times (averaged, MSA) and reassigned")
        ->default_val(0)->check(CLI::NonNegativeNumber);
    sub->add_flag("--drop-unreachable", drop_unreachable_, "Leave out (and list) OD pairs with no path instead of failing");
    sub->add_flag("--no-store", no_store_, "Do not record the run in the project");
    sub->add_option("--top", top_, "Busiest links listed")->default_val(10);
    sub->add_option("--tntp", tntp_, "A TNTP network file and trips file (no project needed)")->expected(2);
    sub->add_option("--algorithm", algorithm_,
                    "bfw (bi-conjugate Frank-Wolfe), cfw, fw, msa; for quick looks aon (all-or-nothing) and incremental")
        ->default_val("bfw");
    sub->add_option("--increments", increments_, "incremental: load the demand in this many equal parts")
        ->default_val(4)->check(CLI::PositiveNumber);
    sub->add_option("--gap", gap_, "Stop at this relative gap")->default_val(1e-4)->check(CLI::PositiveNumber);
    sub->add_option("--max-iter", max_iter_, "Stop after this many iterations")->default_val(500)->check(CLI::PositiveNumber);
    sub->add_option("--flows", flows_, "Write the TNTP flow table (From, To, Volume, Cost) here");
    sub->add_flag("--json", json_, "Print the result as JSON");
    sub->add_flag("--quiet", quiet_, "Do not print the gap of each iteration");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks --gap 1e-4 --out flows.gpkg\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks --scenario port-lanes-2030\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks --compare base,port-lanes-2030\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks --select-link 12:ab --out select.gpkg\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks --feedback 3 --skim skim.csv\n"
        "  logiplan assign --tntp SiouxFalls_net.tntp SiouxFalls_trips.tntp --gap 1e-5 --flows out_flow.tntp\n"
        "  logiplan assign --tntp Anaheim_net.tntp Anaheim_trips.tntp --algorithm fw --max-iter 100 --json\n"
        "On a project: each vehicle class of the demand on the links its profile may use, in PCU (networks/flows.json,\n"
        "TCVN 4054:2005), capacity = lanes × capacity per lane of the road class; BPR 0.15, 4.\n"
        "With --tntp: t = free_flow_time (1 + b (volume / capacity)^power), each link's b and power from the file.\n"
        "The relative gap is (sum volume × cost − sum trips × shortest path cost) / (sum volume × cost).\n"
        "Zones below the network's FIRST THRU NODE are never passed through.");
    return sub;
  }

  void run() override {
    if (tntp_.empty() == project_.empty()) throw UsageError("give a project file with --demand, or --tntp NET TRIPS");
    if (!tntp_.empty()) return run_tntp();
    if (!demand_) throw UsageError("--demand NAME: which demand to assign (logiplan demand list)");
    flows::AssignmentStudy study;
    study.net.network = network_, study.net.scenario = scenario_, study.net.max_snap_m = max_snap_;
    study.demand = *demand_;
    study.options.algorithm = flows::parse_algorithm(algorithm_);
    study.options.gap = gap_;
    study.options.max_iterations = max_iter_;
    study.options.increments = increments_;
    study.settings_path = settings_;
    study.select_links = select_;
    study.feedback = feedback_;
    study.options.drop_unreachable = drop_unreachable_;
    auto project = project::Project::open(project_, !no_store_);
    if (!compare_.empty()) return run_compare(project, study);
    const auto progress = global_->progress();
    const auto o = flows::run_assignment_study(project, study, [&](const flows::IterationReport& it) {
      if (!json_ && !quiet_) {
        fmt::print("iteration {:>4}  gap {:.3e}  step {:.4f}  {:.2f} s\n", it.iteration, it.gap, it.step, it.seconds);
        std::fflush(stdout);
      }
      report(progress, std::clamp(std::log10(std::max(it.gap, 1e-300)) / std::log10(gap_), 0.0, 1.0), fmt::format("gap {:.2e}", it.gap));
    });
    auto summary = o.summary();
    if (!no_store_) summary["run_id"] = flows::store_assignment_run(project.db(), study, o);
    if (out_) {
      std::vector<routing::ResultLayer> layers;
      layers.push_back(o.layer());
      for (auto& l : o.select_link_layers()) layers.push_back(std::move(l));
      summary["files"] = routing::write_layers(layers, *out_);
    }
    if (skim_) {
      std::vector<routing::ResultLayer> layers;
      layers.push_back(o.skim_layer());
      summary["skim"] = routing::write_layers(layers, *skim_);
    }
    if (json_) return fmt::print("{}\n", summary.dump(2));
    fmt::print("{}", o.text(static_cast<std::size_t>(std::max(0, top_))));
    if (summary.contains("run_id")) fmt::print("stored as run {}\n", summary["run_id"].get<std::int64_t>());
    if (out_) fmt::print("wrote {}\n", summary["files"].dump());
    if (skim_) fmt::print("wrote {}\n", summary["skim"].dump());
  }

 private:
  // Each run stored (unless --no-store) and compared; no per-iteration lines.
  void run_compare(project::Project& project, flows::AssignmentStudy study) {
    if (scenario_) throw UsageError("--compare names the scenarios; leave out --scenario");
    if (out_ || skim_) throw UsageError("--out and --skim with --compare: run one scenario at a time to write its layers");
    std::vector<flows::AssignmentOutcome> runs;
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& name : compare_) {
      study.net.scenario = name == "base" ? std::nullopt : std::optional<std::string>(name);
      runs.push_back(flows::run_assignment_study(project, study));
      if (!no_store_) ids.push_back(flows::store_assignment_run(project.db(), study, runs.back()));
    }
    const auto c = flows::compare_assignments(compare_, runs);
    auto summary = c.summary(static_cast<std::size_t>(std::max(0, top_)));
    if (!no_store_) summary["run_ids"] = ids;
    if (json_) return fmt::print("{}\n", summary.dump(2));
    fmt::print("demand '{}'\n{}", study.demand, c.text(static_cast<std::size_t>(std::max(0, top_))));
    if (!no_store_) fmt::print("stored as runs {}\n", ids.dump());
  }

  void run_tntp() {
    if (!select_.empty() || skim_ || feedback_ > 0 || !compare_.empty()) {
      throw UsageError("--select-link, --skim, --feedback and --compare work on a project's demand, not with --tntp");
    }
    const auto links = flows::read_tntp_network(tntp_[0]);
    const auto trips = flows::read_tntp_trips(tntp_[1], links.zones);
    flows::AssignmentOptions o;
    o.algorithm = flows::parse_algorithm(algorithm_);
    o.gap = gap_;
    o.max_iterations = max_iter_;
    o.increments = increments_;
    o.drop_unreachable = drop_unreachable_;
    const auto progress = global_->progress();
    const double start_gap_log = std::log10(1.0), target_log = std::log10(gap_);
    const auto r = flows::assign(links, trips, o, [&](const flows::IterationReport& it) {
      if (!json_ && !quiet_) {
        fmt::print("iteration {:>4}  gap {:.3e}  objective {:.8g}  step {:.4f}  {:.2f} s\n", it.iteration, it.gap,
                   it.objective, it.step, it.seconds);
        std::fflush(stdout);
      }
      const double done = it.gap > 0 ? (start_gap_log - std::log10(it.gap)) / (start_gap_log - target_log) : 1.0;
      report(progress, std::clamp(done, 0.0, 1.0), fmt::format("gap {:.2e}", it.gap));
    });
    if (flows_) flows::write_tntp_flows(*flows_, links, r.volume, r.cost);
    if (json_) {
      nlohmann::json iterations = nlohmann::json::array();
      for (const auto& it : r.iterations) {
        iterations.push_back({{"iteration", it.iteration}, {"gap", it.gap}, {"objective", it.objective}, {"step", it.step},
                              {"seconds", it.seconds}});
      }
      nlohmann::json out = {{"network", tntp_[0]}, {"trips", tntp_[1]}, {"algorithm", algorithm_},
                            {"links", links.size()}, {"zones", links.zones}, {"total_trips", trips.total()},
                            {"gap", r.gap}, {"objective", r.objective}, {"converged", r.converged},
                            {"iterations", iterations}, {"seconds", r.seconds}};
      if (flows_) out["flows"] = *flows_;
      fmt::print("{}\n", out.dump(2));
      return;
    }
    fmt::print("{} after {} iterations ({}): relative gap {:.3e}, objective {:.10g}, {:.2f} s\n",
               r.converged ? "converged" : "stopped", r.iterations.size(), algorithm_, r.gap, r.objective, r.seconds);
    if (flows_) fmt::print("wrote {}\n", *flows_);
  }

  const GlobalOptions* global_ = nullptr;
  std::vector<std::string> tntp_;
  std::string algorithm_ = "bfw";
  double gap_ = 1e-4;
  int max_iter_ = 500, increments_ = 4;
  std::optional<std::string> flows_, demand_, scenario_, settings_, out_, skim_;
  std::vector<std::string> select_, compare_;
  int feedback_ = 0;
  bool drop_unreachable_ = false;
  std::string project_, network_ = "main";
  std::optional<double> max_snap_;
  bool no_store_ = false;
  int top_ = 10;
  bool json_ = false, quiet_ = false;
};

}  // namespace
std::unique_ptr<Command> make_assign_command() { return std::make_unique<AssignCommand>(); }
}  // namespace logiplan::cli
