// logiplan corridor: corridors as objects (define, list, show, delete) and
// their studies (profile, modes, resilience, context, compare). Every study
// subcommand follows one skeleton: open the project, load the corridor, trace
// it (storing the path for the network version), run the study, print it as
// text or --json, and write its layers with --out.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "handles/sqlite.hpp"
#include "corridor/corridor_context.hpp"
#include "corridor/corridor_report.hpp"
#include "corridor/corridor_resilience.hpp"
#include "corridor/corridor_study.hpp"
#include "routing/profile.hpp"
#include "routing/places.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

network::Mode parse_corridor_mode(const std::string& s) {
  const auto m = network::parse_mode(s);
  if (!m || (*m != network::Mode::road && *m != network::Mode::rail && *m != network::Mode::inland_waterway)) {
    throw UsageError(fmt::format("mode '{}': road, rail or inland_waterway", s));
  }
  return *m;
}

class CorridorCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("corridor", "Corridor studies: define a corridor, then its profile, bottlenecks, modes, "
                                               "resilience, context and scenarios");
    sub->require_subcommand(1);
    define_ = sub->add_subcommand("define", "Define (or with --replace redefine) a corridor through places, in order");
    define_->add_option("PROJECT", project_, "Project file")->required();
    define_->add_option("NAME", name_, "Corridor name")->required();
    define_->add_option("--through", through_, "Places in order: ids, names, lon,lat (two or more)")->expected(1, -1);
    define_->add_option("--from-feature", from_feature_, "A corridor feature (corridor_link): its ends become the places");
    define_->add_option("--modes", modes_, "road, rail, inland_waterway (comma-separated)")->delimiter(',');
    define_->add_option("--profile", profile_, "Road vehicle profile")->default_val("container_truck");
    define_->add_option("--network", network_, "Network name")->default_val("main");
    define_->add_option("--buffer-km", buffer_km_, "Context buffer (km)")->default_val(2.0)->check(CLI::NonNegativeNumber);
    define_->add_flag("--replace", replace_, "Replace a corridor of the same name (and drop its stored paths)");
    define_->footer(
        "EXAMPLES\n"
        "  logiplan corridor define out/haiphong.sqlite lach-huyen-ndv --through lach-huyen-berths-1-2 nam-dinh-vu-logistics-centre\n"
        "  logiplan corridor define out/haiphong.sqlite hp-lao-cai --through lach-huyen-port lao-cai-border-gate --modes road,rail\n"
        "  logiplan corridor define out/haiphong.sqlite tvlh --from-feature tan-vu-lach-huyen-road --buffer-km 3");
    list_ = sub->add_subcommand("list", "List the corridors");
    list_->add_option("PROJECT", project_, "Project file")->required();
    list_->footer("EXAMPLE\n  logiplan corridor list out/haiphong.sqlite");
    show_ = sub->add_subcommand("show", "A corridor's definition and its path on the current network (re-snapped if it changed)");
    delete_ = sub->add_subcommand("delete", "Delete a corridor and its stored paths");
    profile_cmd_ = sub->add_subcommand("profile", "Ordered segments with km, lanes, lane status, speed and time per class, "
                                                  "and the bottlenecks");
    modes_cmd_ = sub->add_subcommand("modes", "Time and km by each mode between the corridor's places");
    resilience_ = sub->add_subcommand("resilience", "Close each segment in turn: the detour or the cut; K alternatives");
    context_ = sub->add_subcommand("context", "Features and plan tasks within the corridor's buffer");
    compare_ = sub->add_subcommand("compare", "The profile on the base and on scenarios, side by side");
    report_ = sub->add_subcommand("report", "One printable HTML document: map, strip chart of the profile, the tables, sources");
    for (auto* c : {show_, delete_, profile_cmd_, modes_cmd_, resilience_, context_, compare_, report_}) {
      c->add_option("PROJECT", project_, "Project file")->required();
      c->add_option("NAME", name_, "Corridor name")->required();
    }
    for (auto* c : {show_, profile_cmd_, modes_cmd_, resilience_, context_, compare_}) c->add_flag("--json", json_, "Print JSON");
    for (auto* c : {show_, profile_cmd_, modes_cmd_, resilience_, context_, report_}) {
      c->add_option("--scenario", scenario_, "On this scenario's network");
    }
    for (auto* c : {show_, profile_cmd_, resilience_, context_, compare_, report_}) {
      c->add_option("--mode", mode_, "road, rail or inland_waterway")->default_val("road");
    }
    for (auto* c : {profile_cmd_, report_}) c->add_option("--volumes", volumes_, "An assignment run: V/C per segment and high-V/C bottlenecks");
    report_->add_option("--out", out_, "Folder for NAME.html (created if missing)")->required();
    report_->add_option("--lang", lang_, "vi (Vietnamese) or en")->default_val("vi")->check(CLI::IsMember({"vi", "en"}));
    report_->add_option("--compare", scenarios_, "Add a scenario table: base,port-lanes-2030")->delimiter(',');
    report_->footer(
        "EXAMPLES\n"
        "  logiplan corridor report out/haiphong.sqlite lach-huyen-nam-dinh-vu --out reports --compare base,port-lanes-2030\n"
        "  logiplan corridor report out/haiphong.sqlite hai-phong-lao-cai --out reports --lang en\n"
        "Print it from a browser (A4 landscape), or: chromium --headless --print-to-pdf=r.pdf reports/NAME.html");
    profile_cmd_->add_option("--out", out_, "Write corridor_segments and corridor_bottlenecks (GeoPackage, CSV, ...)");
    profile_cmd_->add_flag("--no-store", no_store_, "Do not record the profile as a run (export-qgis draws recorded runs)");
    compare_->add_option("--scenarios", scenarios_, "base and scenario names, comma-separated")->delimiter(',')->required();
    resilience_->add_option("--alternatives", alternatives_, "Alternative paths between the ends")->default_val(3);
    show_->footer("EXAMPLE\n  logiplan corridor show out/haiphong.sqlite lach-huyen-ndv");
    delete_->footer("EXAMPLE\n  logiplan corridor delete out/haiphong.sqlite lach-huyen-ndv");
    profile_cmd_->footer(
        "EXAMPLES\n"
        "  logiplan corridor profile out/haiphong.sqlite lach-huyen-ndv\n"
        "  logiplan corridor profile out/haiphong.sqlite lach-huyen-ndv --volumes 4 --out lh.gpkg\n"
        "  logiplan corridor profile out/haiphong.sqlite hp-lao-cai --mode rail --json\n"
        "Bottlenecks: lane_drop, speed_drop (20 km/h or more), single_lane, mixed_lanes (on a port – logistics centre\n"
        "road, where the plan wants none), network_bridge (its loss splits the network), high_vc (V/C 0.9 or more).");
    modes_cmd_->footer("EXAMPLE\n  logiplan corridor modes out/haiphong.sqlite hp-lao-cai");
    resilience_->footer("EXAMPLE\n  logiplan corridor resilience out/haiphong.sqlite lach-huyen-ndv --alternatives 3");
    context_->footer("EXAMPLE\n  logiplan corridor context out/haiphong.sqlite lach-huyen-ndv");
    compare_->footer("EXAMPLE\n  logiplan corridor compare out/haiphong.sqlite lach-huyen-ndv --scenarios base,port-lanes-2030");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan corridor define out/haiphong.sqlite lach-huyen-ndv --through lach-huyen-berths-1-2 nam-dinh-vu-logistics-centre\n"
        "  logiplan corridor profile out/haiphong.sqlite lach-huyen-ndv\n"
        "  logiplan corridor compare out/haiphong.sqlite lach-huyen-ndv --scenarios base,port-lanes-2030");
    return sub;
  }

  void run() override {
    if (list_->parsed()) return list();
    auto project = project::Project::open(project_, true);
    // One transaction: a definition and its traced paths, or a profile's stored
    // path and run, land together or not at all (a kill leaves the file as it was).
    db::Transaction tx(project.db());
    dispatch(project);
    tx.commit();
  }

 private:
  void dispatch(project::Project& project) {
    if (define_->parsed()) return define(project);
    if (delete_->parsed()) {
      corridor::delete_corridor(project.db(), name_);
      return fmt::print("deleted corridor '{}'\n", name_);
    }
    if (modes_cmd_->parsed()) {
      const auto c = corridor::compare_modes(project, name_, scenario_);
      return print(c.summary(), c.text());
    }
    corridor::CorridorStudy study{name_, parse_corridor_mode(mode_), scenario_, volumes_};
    if (compare_->parsed()) {
      const auto c = corridor::compare_scenarios(project, study, scenarios_);
      return print(c.summary(), c.text());
    }
    const auto o = corridor::run_corridor_profile(project, study);
    if (show_->parsed()) return show(o);
    if (report_->parsed()) return report(project, study, o);
    if (resilience_->parsed()) {
      const auto r = corridor::corridor_resilience(o.trace, o.profile, alternatives_);
      return print(r.summary(), r.text());
    }
    if (context_->parsed()) {
      const auto c = corridor::corridor_context(project, o.trace);
      return print(c.summary(), c.text());
    }
    auto summary = o.profile.summary();
    if (!no_store_) summary["run_id"] = corridor::store_corridor_run(project.db(), study, o);
    if (out_) summary["files"] = routing::write_layers(o.profile.layers(), *out_);
    print(summary, o.profile.text() + (out_ ? fmt::format("wrote {}\n", summary["files"].dump()) : ""));
  }

  void print(const nlohmann::json& summary, const std::string& text) const {
    if (json_) return fmt::print("{}\n", summary.dump(2));
    fmt::print("{}", text);
  }

  void list() {
    auto project = project::Project::open(project_, false);
    const auto all = corridor::list_corridors(project.db());
    if (all.empty()) return fmt::print("no corridors yet (logiplan corridor define)\n");
    for (const auto& d : all) {
      std::vector<std::string_view> modes;
      for (const auto m : d.modes) modes.push_back(network::mode_name(m));
      fmt::print("{:<20} {:<22} {:<16} {}\n", d.name, fmt::format("{}", fmt::join(modes, ",")), d.profile, fmt::join(d.through, " → "));
    }
  }

  void define(project::Project& project) {
    corridor::CorridorDef d;
    d.name = name_, d.profile = profile_, d.network = network_, d.buffer_km = buffer_km_;
    d.modes.clear();
    for (const auto& m : modes_.empty() ? std::vector<std::string>{"road"} : modes_) d.modes.push_back(parse_corridor_mode(m));
    routing::Profile::load(profile_);  // an unknown profile fails here, naming the known ones
    if (from_feature_) {
      if (!through_.empty()) throw UsageError("give --through or --from-feature, not both");
      const auto ends = corridor::corridor_feature_ends(project.db(), *from_feature_);
      if (!ends) {
        auto st = project.db().prepare("SELECT layer FROM feature_geometries WHERE feature_id = ?");
        st.bind(1, *from_feature_);
        throw UsageError(st.step() ? fmt::format("--from-feature '{}' is in the {} layer, not a line of the corridors layer",
                                                 *from_feature_, st.column_text(0))
                                   : fmt::format("--from-feature '{}': no feature with that id (logiplan layers lists them)",
                                                 *from_feature_));
      }
      d.through = {fmt::format("{:.7f},{:.7f}", ends->first.lon, ends->first.lat),
                   fmt::format("{:.7f},{:.7f}", ends->second.lon, ends->second.lat)};
      d.from_feature = from_feature_;
    } else {
      d.through = through_;
    }
    if (d.through.size() < 2) throw UsageError("a corridor runs through two places or more (--through A B ...)");
    for (const auto& t : d.through) {
      if (routing::resolve_places(project.db(), t).size() != 1) {
        throw UsageError(fmt::format("'{}' is several places; a corridor runs through one place at a time", t));
      }
    }
    // Traced before anything is stored: places that do not connect are refused, saying where the path breaks.
    for (const auto mode : d.modes) {
      const auto t = corridor::trace_corridor(project, d, mode, std::nullopt, false);
      if (!t.missing.empty()) throw DataError(fmt::format("corridor '{}' by {}: {}", d.name, network::mode_name(mode), t.missing.front()));
    }
    d.id = corridor::save_corridor(project.db(), d, replace_);
    fmt::print("corridor '{}' defined through {} places", d.name, d.through.size());
    for (const auto mode : d.modes) {
      const auto t = corridor::trace_corridor(project, d, mode, std::nullopt, true);
      fmt::print("; {} {:.2f} km, {:.1f} min", network::mode_name(mode), t.length_m / 1000, t.time_s / 60);
    }
    fmt::print("\n");
  }

  void report(project::Project& project, const corridor::CorridorStudy& study, const corridor::CorridorOutcome& o) const {
    const auto r = corridor::write_corridor_report(project, study, o, scenarios_, lang_, *out_);
    fmt::print("wrote {} ({} segments, {} bottlenecks, {} features and {} tasks along it)\n", r.path, r.segments, r.bottlenecks,
               r.features, r.tasks);
  }

  void show(const corridor::CorridorOutcome& o) const {
    const auto& d = o.trace.def;
    nlohmann::json modes = nlohmann::json::array();
    for (const auto m : d.modes) modes.push_back(std::string(network::mode_name(m)));
    nlohmann::json out = {{"name", d.name}, {"profile", d.profile}, {"network", d.network}, {"modes", modes},
                          {"through", d.through}, {"buffer_km", d.buffer_km},
                          {"from_feature", d.from_feature ? nlohmann::json(*d.from_feature) : nlohmann::json()},
                          {"network_version", o.trace.ctx->info().id}, {"length_km", o.profile.length_km},
                          {"minutes", o.profile.minutes}, {"segments", o.profile.segments.size()}};
    if (o.trace.change) out["network_change"] = corridor::change_json(*o.trace.change);
    std::string t = fmt::format("corridor '{}': {} via {}; {} on network '{}' version {}: {:.2f} km, {:.1f} min, {} segments\n",
                                d.name, d.through.front(), d.through.back(), o.profile.mode, d.network,
                                o.trace.ctx->info().id, o.profile.length_km, o.profile.minutes, o.profile.segments.size());
    if (o.trace.change) {
      const auto& c = *o.trace.change;
      t += fmt::format("  re-snapped: the network changed since version {} ({:.2f} km, {:.1f} min then)\n", c.previous_network,
                       c.previous_km, c.previous_minutes);
      for (const auto& w : c.left) t += fmt::format("    left the path: {}\n", w);
      for (const auto& w : c.joined) t += fmt::format("    joined the path: {}\n", w);
    }
    print(out, t);
  }

  const GlobalOptions* global_ = nullptr;
  CLI::App *define_ = nullptr, *list_ = nullptr, *show_ = nullptr, *delete_ = nullptr, *profile_cmd_ = nullptr,
           *modes_cmd_ = nullptr, *resilience_ = nullptr, *context_ = nullptr, *compare_ = nullptr, *report_ = nullptr;
  std::string project_, name_, profile_ = "container_truck", network_ = "main", mode_ = "road", lang_ = "vi";
  std::vector<std::string> through_, modes_, scenarios_;
  std::optional<std::string> from_feature_, scenario_, out_;
  std::optional<std::int64_t> volumes_;
  double buffer_km_ = 2;
  int alternatives_ = 3;
  bool replace_ = false, json_ = false, no_store_ = false;
};

}  // namespace
std::unique_ptr<Command> make_corridor_command() { return std::make_unique<CorridorCommand>(); }
}  // namespace logiplan::cli
