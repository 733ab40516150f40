// logiplan siting score: candidate sites rated on criteria the planner chooses
// (network time to ports and parks, rail and waterway access, inside the FTZ,
// land area, plan status, linked plan tasks), weights given or from an AHP
// matrix, with a ±20 % sensitivity table.
#include <fmt/format.h>

#include "cli/analysis_options.hpp"
#include "cli/command.hpp"
#include "cli/siting_options.hpp"
#include "siting/scoring_study.hpp"

namespace logiplan::cli {
namespace {

class SitingScoreCommand : public Command {
 public:
  CLI::App* setup(CLI::App& siting, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = siting.add_subcommand("score", "Rate candidate sites on several criteria (weighted sum; weights direct or AHP)");
    opts_.add_to(*sub);
    candidates_.add_to(*sub);
    sub->add_option("--criterion", study_.criteria, "time:KIND, access:MODE|CLASS, in:KIND, area_ha, status, tasks, "
                                                    "attr:NAME; a leading '-' turns the direction round (repeatable)")
        ->required();
    sub->add_option("--criterion-weights", study_.weights, "One weight per --criterion, in order (scaled to sum 1)")
        ->delimiter(',');
    sub->add_option("--ahp", study_.ahp_path, "A pairwise-comparison matrix (CSV: the criteria as header and first "
                                              "column, values 1/9..9) to derive the weights from");
    sub->add_option("--max-cr", study_.max_consistency_ratio, "Largest AHP consistency ratio accepted")->default_val(0.1);
    sub->add_flag("--force", study_.force, "Accept an AHP matrix above --max-cr (the result says so)");
    sub->add_option("--top", top_, "Rows of the ranked table shown (0: all)")->default_val(20);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan siting score out/haiphong.sqlite --zones kind:free_trade_zone --zones kind:economic_zone \\\n"
        "      --candidate-kind logistics_centre --criterion time:seaport --criterion time:industrial_park \\\n"
        "      --criterion in:free_trade_zone --criterion status --criterion-weights 0.4,0.2,0.2,0.2\n"
        "  logiplan siting score out/haiphong.sqlite --candidate-kind logistics_centre --candidate-kind icd \\\n"
        "      --criterion time:seaport --criterion access:rail --criterion area_ha --ahp weights.csv\n"
        "The AHP file (its rows and columns in any order):\n"
        "  ,time:seaport,access:rail,area_ha\n"
        "  time:seaport,1,3,5\n"
        "  access:rail,1/3,1,2\n"
        "  area_ha,1/5,1/2,1\n"
        "Criteria:\n"
        "  time:KIND      network time (min; km with --metric shortest) to the nearest feature of KIND  less is better\n"
        "  access:MODE    straight-line km to the nearest rail / inland_waterway / sea edge, or road\n"
        "  access:CLASS   of that class (access:motorway)                                               less is better\n"
        "  in:KIND        1 inside an area of KIND (free_trade_zone, economic_zone)                      more is better\n"
        "  area_ha        the site's or its zone's land area                                           more is better\n"
        "  status         operating 1, under construction 0.75, approved 0.5, planned 0.25, proposed 0.1\n"
        "  tasks          plan tasks linked to the site or its zone                                    more is better\n"
        "  attr:NAME      a numeric attribute                                                          more is better\n"
        "Each is normalised to 0..1 (1 the best; unknown or unreachable values score 0). An AHP matrix whose\n"
        "consistency ratio is above 0.1 is refused unless --force.");
    return sub;
  }

  void run() override {
    study_.net = {opts_.network, opts_.profile, opts_.parsed_metric(), opts_.max_snap_m, opts_.lane_options(), opts_.scenario};
    study_.candidates = candidates_.specs();
    siting::study_weights(study_);  // a bad matrix or weight list fails before the project is opened
    auto project = project::Project::open(opts_.project, !opts_.no_store);
    const auto o = siting::run_scoring_study(project, study_, global_->progress());
    auto summary = o.summary();
    summary["metric"] = opts_.metric;
    if (!opts_.no_store) summary["run_id"] = siting::store_scoring_run(project.db(), study_, o);
    if (opts_.out) {
      std::vector<routing::ResultLayer> layers;
      layers.push_back(o.layer());
      summary["files"] = routing::write_layers(layers, *opts_.out);
    }
    if (opts_.json) return fmt::print("{}\n", summary.dump(2));
    fmt::print("{}", o.text(static_cast<std::size_t>(std::max(0, top_))));
    if (summary.contains("run_id")) fmt::print("stored as run {}\n", summary["run_id"].get<std::int64_t>());
    if (opts_.out) fmt::print("wrote {}\n", summary["files"].dump());
  }

 private:
  const GlobalOptions* global_ = nullptr;
  AnalysisOptions opts_;
  CandidateOptions candidates_;
  siting::ScoringStudy study_;
  int top_ = 20;
};

}  // namespace
std::unique_ptr<Command> make_siting_score_command() { return std::make_unique<SitingScoreCommand>(); }
}  // namespace logiplan::cli
