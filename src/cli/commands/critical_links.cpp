#include <fmt/format.h>


#include "cli/analysis_options.hpp"
#include "cli/analysis_run.hpp"
#include "cli/command.hpp"
#include "cli/place_lists.hpp"
#include "routing/analyses.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class CriticalLinksCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("critical-links",
                                   "Rank links by the detour their closure costs the OD pairs, and list pairs cut off");
    opts_.add_to(*sub);
    places_.add_to(*sub, "seaport", "logistics_centre");
    sub->add_option("--max-links", max_links_, "Test only the N links most OD paths use (default: all they use)");
    sub->add_option("--top", top_, "Print this many links")->default_val(15);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan critical-links out/haiphong.sqlite --from-kind seaport --from-kind terminal --to-kind logistics_centre\n"
        "Each link on a best path is closed in turn; the pairs using it are re-routed; links that cut pairs off rank first.\n"
        "Each re-routing is an A* search aimed at its destination by one reverse search from that destination.");
    return sub;
  }

  void run() override {
    AnalysisRun run(opts_);
    auto& ctx = run.ctx;
    const auto [origins, destinations] = places_.resolve(ctx);
    ctx.build(opts_.lane_options());
    const auto links = routing::critical_links(ctx, origins, destinations, opts_.parsed_metric(), max_links_);
    const double seconds = run.seconds();
    const bool time = opts_.parsed_metric() == routing::Metric::time;
    const auto& net = ctx.network();

    routing::ResultLayer layer;
    layer.name = "critical_links";
    layer.fields = {{"rank", OFTInteger}, {"edge", OFTInteger64}, {"name", OFTString}, {"length_km", OFTReal},
                    {"source_id", OFTString}, {"pairs_affected", OFTInteger}, {"pairs_cut", OFTInteger},
                    {time ? "extra_min" : "extra_km", OFTReal}};
    nlohmann::json rows = nlohmann::json::array();
    int rank = 0;
    for (const auto& l : links) {
      const auto& e = net.edges[static_cast<std::size_t>(l.edge)];
      const double extra = time ? l.extra / 60 : l.extra / 1000;
      layer.add({std::int64_t(++rank), l.edge, e.name, e.length_m / 1000, e.source_id, std::int64_t(l.pairs_affected),
                 std::int64_t(l.pairs_cut), extra},
                routing::line_geometry(e.geometry));
      rows.push_back({{"rank", rank}, {"edge", l.edge}, {"name", e.name}, {"length_m", e.length_m}, {"source_id", e.source_id},
                      {"pairs_affected", l.pairs_affected}, {"pairs_cut", l.pairs_cut}, {time ? "extra_s" : "extra_m", l.extra}});
    }
    std::vector<routing::ResultLayer> layers;
    layers.push_back(std::move(layer));
    auto summary = run.summary();
    summary.update({{"origins", origins.size()}, {"destinations", destinations.size()}, {"links", rows},
                    {"seconds", seconds}, {"not_placed", skipped_json(ctx)}});
    if (run.finish("critical_links", {{"from", places_.from}, {"to", places_.to}, {"metric", opts_.metric}},
                   {{"links_tested", links.size()}}, seconds, layers, summary)) {
      return;
    }
    fmt::print("critical links between {} origins and {} destinations ({}), network '{}' v{}: {} links tested, {:.2f} s\n",
               origins.size(), destinations.size(), ctx.profile().name, ctx.info().name, ctx.info().id, links.size(), seconds);
    fmt::print("{:>4} {:<40} {:>8} {:>6} {:>5} {:>10}  {}\n", "rank", "name", "km", "pairs", "cut", time ? "extra min" : "extra km", "source");
    for (std::size_t i = 0; i < links.size() && static_cast<int>(i) < top_; ++i) {
      const auto& l = links[i];
      const auto& e = net.edges[static_cast<std::size_t>(l.edge)];
      fmt::print("{:>4} {:<40} {:>8.2f} {:>6} {:>5} {:>10.1f}  {}\n", i + 1, e.name.empty() ? e.road_class : e.name,
                 e.length_m / 1000, l.pairs_affected, l.pairs_cut, time ? l.extra / 60 : l.extra / 1000, e.source_id);
    }
    print_skipped(ctx);
    run.written(summary);
  }

 private:
  AnalysisOptions opts_;
  PlaceLists places_;
  std::optional<std::size_t> max_links_;
  int top_ = 15;
};

}  // namespace
std::unique_ptr<Command> make_critical_links_command() { return std::make_unique<CriticalLinksCommand>(); }
}  // namespace logiplan::cli
