#include <fmt/format.h>
#include <fmt/ranges.h>


#include "cli/analysis_options.hpp"
#include "cli/analysis_run.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "routing/context.hpp"
#include "routing/results.hpp"
#include "routing/route.hpp"

namespace logiplan::cli {
namespace {

std::string minutes(double s) { return fmt::format("{:.1f} min", s / 60.0); }

class RouteCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("route", "Fastest or shortest route between two places, with an itinerary");
    opts_.add_to(*sub);
    sub->add_option("--from", from_, "Origin: feature id, name (diacritics optional) or lon,lat")->required();
    sub->add_option("--to", to_, "Destination: feature id, name or lon,lat")->required();
    sub->add_option("--alternatives", k_, "Number of routes: the best and K-1 alternatives (Yen's k shortest loopless paths)")
        ->default_val(1);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan route out/haiphong.sqlite --from lach-huyen-port --to \"Trung tâm logistics Nam Đình Vũ\"\n"
        "  logiplan route hp.sqlite --from 106.90547,20.79833 --to kind:icd --profile truck --alternatives 3 --out r.gpkg\n"
        "  logiplan route hp.sqlite --from dinh-vu-port --to nam-dinh-vu-logistics-centre --profile motorbike --lanes strict\n"
        "Turn restrictions of the network apply, for the profile's vehicle class only. Every route reports its km on\n"
        "lanes dedicated to the vehicle and in mixed traffic; --lanes strict shows where the dedicated network ends.\n"
        "The best route comes from the contraction hierarchy when one is cached (a matrix of 256 searches or more,\n"
        "or serve --prepare, builds it), else from the plain search; both cost the same (LOGIPLAN_HIERARCHY=off:\n"
        "always the plain search). Alternatives and scenarios search the command's own graph; alternatives\n"
        "(Yen's spur paths) are aimed at the destination by one reverse search from it.");
    return sub;
  }

  void run() override {
    if (k_ < 1) throw UsageError("--alternatives must be at least 1");
    AnalysisRun run(opts_);
    auto& ctx = run.ctx;
    const auto from = routing::resolve_places(run.project.db(), from_);
    const auto to = routing::resolve_places(run.project.db(), to_);
    if (from.size() != 1 || to.size() != 1) throw UsageError("route takes one origin and one destination (use matrix for many)");
    ctx.add_places({from[0], to[0]});
    const auto lanes = opts_.lane_options();
    ctx.build(lanes);
    const auto found = routing::routes(ctx, 0, 1, opts_.parsed_metric(), k_);
    const double seconds = run.seconds();

    std::vector<routing::ResultLayer> layers(2);
    layers[0].name = "route";
    layers[0].fields = {{"rank", OFTInteger}, {"origin", OFTString}, {"destination", OFTString}, {"profile", OFTString},
                        {"time_min", OFTReal}, {"length_km", OFTReal}, {"mode_changes", OFTInteger},
                        {"dedicated_km", OFTReal}, {"mixed_km", OFTReal}};
    layers[1].name = "route_steps";
    layers[1].fields = {{"rank", OFTInteger}, {"step", OFTInteger}, {"name", OFTString}, {"mode", OFTString},
                        {"length_km", OFTReal}, {"time_min", OFTReal}, {"edges", OFTString}, {"source_ids", OFTString}};
    nlohmann::json routes_json = nlohmann::json::array();
    for (std::size_t r = 0; r < found.size(); ++r) {
      const auto& route = found[r];
      routes_json.push_back(routing::route_json(route));
      layers[0].add({std::int64_t(r + 1), ctx.place(0).place.label, ctx.place(1).place.label, ctx.profile().name,
                     route.time_s / 60, route.length_m / 1000, std::int64_t(route.mode_changes), route.dedicated_m / 1000,
                     route.mixed_m / 1000},
                    routing::line_geometry(route.geometry));
      int step = 0;
      for (const auto& s : route.steps) {
        const std::string edges = fmt::format("{}", fmt::join(s.edges, ","));
        const std::string sources = fmt::format("{}", fmt::join(s.source_ids, ","));
        layers[1].add({std::int64_t(r + 1), std::int64_t(++step), s.name, s.mode, s.length_m / 1000, s.time_s / 60, edges, sources},
                      nullptr);
      }
    }
    std::optional<routing::StrictGap> gap;
    if (found.empty() && lanes.mode == routing::LaneMode::strict) gap = routing::strict_gap(ctx, 0, 1, opts_.parsed_metric());
    auto summary = run.summary();
    summary.update({{"origin", ctx.place(0).place.label}, {"destination", ctx.place(1).place.label},
                    {"lanes", opts_.lanes}, {"scenario", opts_.scenario ? nlohmann::json(*opts_.scenario) : nlohmann::json()},
                    {"metric", opts_.metric}, {"reachable", !found.empty()}, {"routes", routes_json},
                    {"snap_m", {ctx.place(0).snap_distance_m, ctx.place(1).snap_distance_m}}});
    if (gap) {
      summary["strict_gap"] = {{"last_point", {gap->last_point.lon, gap->last_point.lat}},
                               {"dedicated_km_from_origin", gap->reached_from_origin_m / 1000},
                               {"straight_km_to_destination", gap->straight_m / 1000},
                               {"gap_route", gap->gap ? routing::route_json(*gap->gap) : nlohmann::json()}};
    }
    if (run.finish("route", {{"from", from_}, {"to", to_}, {"alternatives", k_}, {"metric", opts_.metric}},
                   {{"reachable", !found.empty()}}, seconds, layers, summary)) {
      return;
    }
    fmt::print("{} → {} ({}, {}, network '{}' v{})\n", ctx.place(0).place.label, ctx.place(1).place.label,
               ctx.profile().name, opts_.metric, ctx.info().name, ctx.info().id);
    if (found.empty()) {
      if (!gap) {
        fmt::print("  unreachable: no path for {} between these places\n", ctx.profile().name);
        return;
      }
      fmt::print("  no path on lanes dedicated to {}: the dedicated network from the origin ends at {:.5f},{:.5f}\n"
                 "  ({:.2f} km of dedicated lanes from the origin; {:.2f} km from the destination as the crow flies)\n",
                 ctx.profile().name, gap->last_point.lon, gap->last_point.lat, gap->reached_from_origin_m / 1000,
                 gap->straight_m / 1000);
      if (gap->gap) {
        fmt::print("  the gap, by any lanes: {:.2f} km, of which {:.2f} km mixed:\n", gap->gap->length_m / 1000, gap->gap->mixed_m / 1000);
        for (const auto& m : gap->gap->mixed) fmt::print("    mixed: {:<44} {:>8.2f} km  {}\n", m.name, m.length_m / 1000, m.source_id);
      }
      return;
    }
    for (std::size_t r = 0; r < found.size(); ++r) {
      const auto& route = found[r];
      fmt::print("{}{}: {}, {:.2f} km{}\n", found.size() > 1 ? "route " : "total", found.size() > 1 ? std::to_string(r + 1) : "",
                 minutes(route.time_s), route.length_m / 1000,
                 route.mode_changes ? fmt::format(", {} mode changes", route.mode_changes) : "");
      for (const auto& s : route.steps) {
        fmt::print("  {:<44} {:<16} {:>8.2f} km {:>9}\n", s.name, s.mode, s.length_m / 1000, minutes(s.time_s));
      }
      fmt::print("  lanes for {}: {:.2f} km dedicated, {:.2f} km mixed\n", ctx.profile().name, route.dedicated_m / 1000,
                 route.mixed_m / 1000);
      for (const auto& m : route.mixed) fmt::print("    mixed: {:<44} {:>8.2f} km  {}\n", m.name, m.length_m / 1000, m.source_id);
    }
    run.written(summary);
  }

 private:
  AnalysisOptions opts_;
  std::string from_, to_;
  int k_ = 1;
};

}  // namespace
std::unique_ptr<Command> make_route_command() { return std::make_unique<RouteCommand>(); }
}  // namespace logiplan::cli
