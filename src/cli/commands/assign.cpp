// logiplan assign: static user-equilibrium traffic assignment. With --tntp it
// runs on a TNTP network and trips file, without a project, and writes the TNTP
// flow table, so results can be compared with published solutions.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "flows/equilibrium.hpp"
#include "flows/tntp.hpp"

namespace logiplan::cli {
namespace {

class AssignCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("assign", "Traffic assignment: user equilibrium with BPR link costs");
    sub->add_option("--tntp", tntp_, "A TNTP network file and trips file (no project needed)")->expected(2)->required();
    sub->add_option("--algorithm", algorithm_, "bfw (bi-conjugate Frank-Wolfe), cfw, fw, msa, aon (all-or-nothing)")
        ->default_val("bfw");
    sub->add_option("--gap", gap_, "Stop at this relative gap")->default_val(1e-4)->check(CLI::PositiveNumber);
    sub->add_option("--max-iter", max_iter_, "Stop after this many iterations")->default_val(500)->check(CLI::PositiveNumber);
    sub->add_option("--flows", flows_, "Write the TNTP flow table (From, To, Volume, Cost) here");
    sub->add_flag("--json", json_, "Print the result as JSON");
    sub->add_flag("--quiet", quiet_, "Do not print the gap of each iteration");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan assign --tntp SiouxFalls_net.tntp SiouxFalls_trips.tntp --gap 1e-5 --flows out_flow.tntp\n"
        "  logiplan assign --tntp Anaheim_net.tntp Anaheim_trips.tntp --algorithm fw --max-iter 100 --json\n"
        "Link cost t = free_flow_time (1 + b (volume / capacity)^power), each link's b and power from the file.\n"
        "The relative gap is (sum volume × cost − sum trips × shortest path cost) / (sum volume × cost).\n"
        "Zones below the network's FIRST THRU NODE are never passed through.");
    return sub;
  }

  void run() override {
    const auto links = flows::read_tntp_network(tntp_[0]);
    const auto trips = flows::read_tntp_trips(tntp_[1], links.zones);
    flows::AssignmentOptions o;
    o.algorithm = flows::parse_algorithm(algorithm_);
    o.gap = gap_;
    o.max_iterations = max_iter_;
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

 private:
  const GlobalOptions* global_ = nullptr;
  std::vector<std::string> tntp_;
  std::string algorithm_ = "bfw";
  double gap_ = 1e-4;
  int max_iter_ = 500;
  std::optional<std::string> flows_;
  bool json_ = false, quiet_ = false;
};

}  // namespace
std::unique_ptr<Command> make_assign_command() { return std::make_unique<AssignCommand>(); }
}  // namespace logiplan::cli
