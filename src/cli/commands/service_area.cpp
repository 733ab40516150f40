#include <fmt/format.h>

#include <chrono>

#include "cli/analysis_options.hpp"
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
    const auto t0 = std::chrono::steady_clock::now();
    auto project = project::Project::open(opts_.project);
    routing::AnalysisContext ctx(project, opts_.network, opts_.profile, opts_.max_snap_m, opts_.scenario);
    const auto origins = ctx.add_places(routing::resolve_places(project.db(), from_));
    ctx.build(opts_.lane_options());
    std::vector<double> cutoffs;
    for (const double m : minutes_) cutoffs.push_back(m * 60);
    const auto areas = routing::service_areas(ctx, origins, cutoffs, buffer_m_);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

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
    nlohmann::json summary = {{"profile", ctx.profile().name}, {"network", ctx.info().name}, {"network_version", ctx.info().id},
                              {"origins", from_}, {"bands", bands}, {"seconds", seconds}};
    if (!opts_.no_store) {
      summary["run_id"] = routing::store_run(project.db(), {"service_area", ctx.info().id, ctx.info().name, ctx.profile().name,
                                                            {{"from", from_}, {"minutes", minutes_}, {"buffer_m", buffer_m_}},
                                                            {{"bands", bands}}, seconds},
                                             layers);
    }
    if (opts_.out) summary["files"] = routing::write_layers(layers, *opts_.out);
    if (opts_.json) {
      fmt::print("{}\n", summary.dump(2));
      return;
    }
    fmt::print("service area of {} for {}, network '{}' v{}\n", fmt::join(from_, ", "), ctx.profile().name, ctx.info().name,
               ctx.info().id);
    for (const auto& a : areas) {
      fmt::print("  within {:>5.0f} min: {:>8.2f} km of network\n", a.cutoff_s / 60, a.reached_km);
    }
    if (opts_.out) fmt::print("wrote {}\n", summary["files"].dump());
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
