#include <fmt/format.h>


#include "cli/analysis_options.hpp"
#include "cli/analysis_run.hpp"
#include "cli/command.hpp"
#include "cli/place_lists.hpp"
#include "routing/analyses.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class MatrixCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("matrix", "Travel times and distances from many origins to many destinations");
    opts_.add_to(*sub);
    places_.add_to(*sub, "seaport", "logistics_centre");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan matrix out/haiphong.sqlite --from-kind seaport --from-kind terminal --to-kind logistics_centre\n"
        "  logiplan matrix hp.sqlite --from kind:icd --to lach-huyen-port --profile truck --out od.csv\n"
        "One search per origin (to all destinations), never one per pair; on a contraction hierarchy of the\n"
        "network when one is cached, or when origins and destinations both number 256 or more (it is then built\n"
        "once, seconds on a city, and cached). With --scenario the network is edited: a hierarchy of its own is\n"
        "built in memory, not cached, only when both number 2048 or more. LOGIPLAN_HIERARCHY=off searches plainly,\n"
        "=on always builds it.");
    return sub;
  }

  void run() override {
    AnalysisRun run(opts_);
    auto& ctx = run.ctx;
    const auto [origins, destinations] = places_.resolve(ctx);
    ctx.build(opts_.lane_options());
    ctx.set_progress(global_->progress());
    const auto cells = routing::od_matrix(ctx, origins, destinations, opts_.parsed_metric());
    const double seconds = run.seconds();

    routing::ResultLayer layer;
    layer.name = "matrix";
    layer.fields = {{"origin", OFTString}, {"destination", OFTString}, {"origin_name", OFTString},
                    {"destination_name", OFTString}, {"time_min", OFTReal}, {"length_km", OFTReal}, {"reachable", OFTInteger}};
    nlohmann::json rows = nlohmann::json::array();
    int unreachable = 0;
    for (const auto& c : cells) {
      const auto& o = ctx.place(c.origin);
      const auto& d = ctx.place(c.destination);
      std::vector<routing::Value> values{place_name(ctx, c.origin), place_name(ctx, c.destination), o.place.label, d.place.label};
      if (c.time_s) {
        values.insert(values.end(), {*c.time_s / 60, *c.length_m / 1000, std::int64_t(1)});
      } else {
        values.insert(values.end(), {std::monostate{}, std::monostate{}, std::int64_t(0)});
        ++unreachable;
      }
      layer.add(values, routing::line_geometry({o.place.position, d.place.position}));
      rows.push_back({{"origin", place_name(ctx, c.origin)}, {"destination", place_name(ctx, c.destination)},
                      {"time_s", c.time_s ? nlohmann::json(*c.time_s) : nlohmann::json()},
                      {"length_m", c.length_m ? nlohmann::json(*c.length_m) : nlohmann::json()}});
    }
    auto summary = run.summary();
    summary.update({{"origins", origins.size()}, {"destinations", destinations.size()}, {"unreachable_pairs", unreachable},
                    {"cells", rows}, {"seconds", seconds}, {"not_placed", skipped_json(ctx)}});
    std::vector<routing::ResultLayer> layers;
    layers.push_back(std::move(layer));
    if (run.finish("matrix", {{"from", places_.from}, {"to", places_.to}, {"metric", opts_.metric}},
                   {{"pairs", cells.size()}, {"unreachable", unreachable}}, seconds, layers, summary)) {
      return;
    }
    fmt::print("{} origins × {} destinations, {} ({}), network '{}' v{}: {} pairs, {} unreachable, {:.2f} s\n",
               origins.size(), destinations.size(), ctx.profile().name, opts_.metric, ctx.info().name, ctx.info().id,
               cells.size(), unreachable, seconds);
    fmt::print("{:<34} {:<34} {:>9} {:>9}\n", "origin", "destination", "min", "km");
    for (const auto& c : cells) {
      fmt::print("{:<34} {:<34} {:>9} {:>9}\n", place_name(ctx, c.origin), place_name(ctx, c.destination),
                 c.time_s ? fmt::format("{:.1f}", *c.time_s / 60) : "—", c.length_m ? fmt::format("{:.2f}", *c.length_m / 1000) : "—");
    }
    print_skipped(ctx);
    run.written(summary);
  }

 private:
  AnalysisOptions opts_;
  PlaceLists places_;
  const GlobalOptions* global_ = nullptr;
};

}  // namespace
std::unique_ptr<Command> make_matrix_command() { return std::make_unique<MatrixCommand>(); }
}  // namespace logiplan::cli
