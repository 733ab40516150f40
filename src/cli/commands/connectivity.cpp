#include <fmt/format.h>
#include <fmt/ranges.h>


#include "cli/analysis_options.hpp"
#include "cli/analysis_run.hpp"
#include "cli/command.hpp"
#include "cli/place_lists.hpp"
#include "routing/analyses.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class ConnectivityCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("connectivity",
                                   "Components, unreachable pairs, articulation points and bridges, for a profile");
    opts_.add_to(*sub);
    places_.add_to(*sub, "seaport", "logistics_centre");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan connectivity out/haiphong.sqlite --profile motorbike --from-kind terminal --to-kind logistics_centre\n"
        "Bridges are edges whose closure splits the network; articulation points are such nodes.");
    return sub;
  }

  void run() override {
    AnalysisRun run(opts_);
    auto& ctx = run.ctx;
    const auto [origins, destinations] = places_.resolve(ctx);
    ctx.build(opts_.lane_options());
    const auto r = routing::connectivity(ctx, origins, destinations);
    const double seconds = run.seconds();
    const auto& net = ctx.network();

    std::vector<routing::ResultLayer> layers(3);
    layers[0].name = "bridges";
    layers[0].fields = {{"edge", OFTInteger64}, {"name", OFTString}, {"length_km", OFTReal}, {"source_id", OFTString}};
    for (const auto e : r.bridge_edges) {
      const auto& edge = net.edges[static_cast<std::size_t>(e)];
      layers[0].add({e, edge.name, edge.length_m / 1000, edge.source_id}, routing::line_geometry(edge.geometry));
    }
    layers[1].name = "articulation_points";
    layers[1].geometry = wkbPoint;
    layers[1].fields = {{"node", OFTInteger64}};
    for (const auto n : r.articulation_nodes) layers[1].add({n}, routing::point_geometry(net.nodes[static_cast<std::size_t>(n)].position));
    layers[2].name = "unreachable_pairs";
    layers[2].fields = {{"origin", OFTString}, {"destination", OFTString}};
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& [o, d] : r.unreachable) {
      layers[2].add({place_name(ctx, o), place_name(ctx, d)},
                    routing::line_geometry({ctx.place(o).place.position, ctx.place(d).place.position}));
      pairs.push_back({place_name(ctx, o), place_name(ctx, d)});
    }
    nlohmann::json bridges = nlohmann::json::array();
    for (const auto e : r.bridge_edges) {
      const auto& edge = net.edges[static_cast<std::size_t>(e)];
      bridges.push_back({{"edge", e}, {"name", edge.name}, {"length_m", edge.length_m}, {"source_id", edge.source_id}});
    }
    auto summary = run.summary();
    summary.update({{"weak_components", r.weak_sizes.size()}, {"strong_components", r.strong_sizes.size()},
                    {"weak_component_sizes", r.weak_sizes}, {"articulation_points", r.articulation_nodes},
                    {"bridges", bridges}, {"unreachable_pairs", pairs}, {"seconds", seconds}, {"not_placed", skipped_json(ctx)}});
    if (run.finish("connectivity", {{"from", places_.from}, {"to", places_.to}},
                   {{"weak_components", r.weak_sizes.size()}, {"bridges", r.bridge_edges.size()},
                    {"unreachable_pairs", r.unreachable.size()}},
                   seconds, layers, summary)) {
      return;
    }
    fmt::print("connectivity for {}, network '{}' v{}\n", ctx.profile().name, ctx.info().name, ctx.info().id);
    fmt::print("  weakly connected components: {} (sizes {})\n", r.weak_sizes.size(),
               fmt::join(r.weak_sizes.begin(), r.weak_sizes.begin() + std::min<std::ptrdiff_t>(5, static_cast<std::ptrdiff_t>(r.weak_sizes.size())), ", "));
    fmt::print("  strongly connected components: {}\n", r.strong_sizes.size());
    fmt::print("  articulation points: {}; bridges (single points of failure): {}\n", r.articulation_nodes.size(), r.bridge_edges.size());
    for (std::size_t i = 0; i < r.bridge_edges.size() && i < 15; ++i) {
      const auto& edge = net.edges[static_cast<std::size_t>(r.bridge_edges[i])];
      fmt::print("    bridge edge {:<6} {:<40} {:>7.2f} km  {}\n", r.bridge_edges[i], edge.name, edge.length_m / 1000, edge.source_id);
    }
    fmt::print("  unreachable pairs: {} of {}\n", r.unreachable.size(), origins.size() * destinations.size());
    for (const auto& [o, d] : r.unreachable) fmt::print("    {} → {}\n", place_name(ctx, o), place_name(ctx, d));
    print_skipped(ctx);
    run.written(summary);
  }

 private:
  AnalysisOptions opts_;
  PlaceLists places_;
};

}  // namespace
std::unique_ptr<Command> make_connectivity_command() { return std::make_unique<ConnectivityCommand>(); }
}  // namespace logiplan::cli
