#include <fmt/format.h>


#include "cli/analysis_options.hpp"
#include "cli/analysis_run.hpp"
#include "cli/command.hpp"
#include "cli/place_lists.hpp"
#include "core/error.hpp"
#include "routing/analyses.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class ServiceAreaCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("service-area", "What is reachable within given times from one or more places");
    opts_.add_to(*sub);
    sub->add_option("--from", from_, "Origins: feature ids, names, kind:KIND or lon,lat (repeatable)")->required();
    sub->add_option("--minutes", minutes_, "Cutoffs in minutes, e.g. 15 30 60")->required()->expected(1, -1);
    sub->add_option("--buffer", buffer_m_, "Metres around the reached network that make the polygon")->default_val(150);
    sub->footer(
        "EXAMPLES\n"
        "  logiplan service-area out/haiphong.sqlite --from tan-vu-terminal --minutes 15 30 60 --out sa.gpkg\n"
        "Edges are cut where the time runs out; polygons buffer the reached network.");
    return sub;
  }

  void run() override {
    for (const double m : minutes_) {
      if (!(m > 0)) throw UsageError(fmt::format("--minutes {}: a cutoff must be a positive time", m));
    }
    AnalysisRun run(opts_);
    auto& ctx = run.ctx;
    const auto origins = ctx.add_places(routing::resolve_places(run.project.db(), from_));
    ctx.build(opts_.lane_options());
    std::vector<double> cutoffs;
    for (const double m : minutes_) cutoffs.push_back(m * 60);
    const auto areas = routing::service_areas(ctx, origins, cutoffs, buffer_m_);
    const double seconds = run.seconds();

    std::vector<routing::ResultLayer> layers(2);
    layers[0].name = "service_area_edges";
    layers[0].geometry = wkbLineString;
    layers[0].fields = {{"minutes", OFTReal}, {"edge", OFTInteger64}, {"name", OFTString}, {"source_id", OFTString}};
    layers[1].name = "service_area_polygons";
    layers[1].geometry = wkbMultiPolygon;
    layers[1].fields = {{"minutes", OFTReal}, {"reached_km", OFTReal}};
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& a : areas) {
      for (const auto& [geom, edge] : a.reached) {
        const auto& e = ctx.network().edges[static_cast<std::size_t>(edge)];
        layers[0].add({a.cutoff_s / 60, edge, e.name, e.source_id}, routing::line_geometry(geom));
      }
      if (a.polygon) {
        gdal::GeometryPtr poly(OGRGeometryFactory::forceToMultiPolygon(a.polygon->clone()));
        layers[1].add({a.cutoff_s / 60, a.reached_km}, std::move(poly));
      }
      bands.push_back({{"minutes", a.cutoff_s / 60}, {"reached_km", a.reached_km}, {"edge_pieces", a.reached.size()}});
    }
    auto summary = run.summary();
    summary.update({{"origins", from_}, {"bands", bands}, {"seconds", seconds}});
    if (run.finish("service_area", {{"from", from_}, {"minutes", minutes_}, {"buffer_m", buffer_m_}}, {{"bands", bands}},
                   seconds, layers, summary)) {
      return;
    }
    fmt::print("service area of {} for {}, network '{}' v{}\n", fmt::join(from_, ", "), ctx.profile().name, ctx.info().name,
               ctx.info().id);
    for (const auto& a : areas) {
      fmt::print("  within {:>5.0f} min: {:>8.2f} km of network\n", a.cutoff_s / 60, a.reached_km);
    }
    run.written(summary);
  }

 private:
  AnalysisOptions opts_;
  std::vector<std::string> from_;
  std::vector<double> minutes_;
  double buffer_m_ = 150;
};

}  // namespace
std::unique_ptr<Command> make_service_area_command() { return std::make_unique<ServiceAreaCommand>(); }
}  // namespace logiplan::cli
