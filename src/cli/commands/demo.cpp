#include <fmt/format.h>

#include <filesystem>

#include "cli/command.hpp"
#include "cli/summaries.hpp"
#include "io/exporter.hpp"
#include "network/check.hpp"
#include "routing/analyses.hpp"
#include "routing/lane_audit.hpp"
#include "routing/route.hpp"
#include "network/network_store.hpp"
#include "project/feature_store.hpp"
#include "project/project.hpp"
#include "qgis/qgis_export.hpp"
#include "sample/haiphong_sample.hpp"
#include "corridor/corridor_report.hpp"
#include "corridor/corridor_resilience.hpp"
#include "corridor/corridor_study.hpp"
#include "flows/assignment_compare.hpp"
#include "flows/assignment_study.hpp"
#include "flows/demand_store.hpp"
#include "flows/port_demand.hpp"
#include "siting/scoring_study.hpp"
#include "siting/study.hpp"
#include "tasks/suggestions.hpp"
#include "tasks/task_query.hpp"
#include "text/fold.hpp"

namespace logiplan::cli {
namespace {

void run_analyses(project::Project& project) {
  using namespace routing;
  {
    AnalysisContext ctx(project, "main", "container_truck");
    ctx.add_places(resolve_places(project.db(), std::vector<std::string>{"lach-huyen-port", "nam-dinh-vu-logistics-centre"}));
    ctx.build();
    const auto r = routes(ctx, 0, 1, Metric::time);
    if (!r.empty()) {
      fmt::print("  route Lạch Huyện port → Nam Đình Vũ logistics centre: {:.1f} min, {:.2f} km via", r[0].time_s / 60,
                 r[0].length_m / 1000);
      for (const auto& s : r[0].steps) fmt::print(" {};", s.name);
      fmt::print("\n");
    }
  }
  {
    AnalysisContext ctx(project, "main", "container_truck");
    const auto ports = ctx.add_places(resolve_places(project.db(), std::vector<std::string>{"kind:seaport"}), true);
    const auto centres = ctx.add_places(resolve_places(project.db(), std::vector<std::string>{"kind:logistics_centre"}), true);
    ctx.build();
    fmt::print("  matrix ports × logistics centres (minutes):\n");
    for (const auto& c : od_matrix(ctx, ports, centres, Metric::time)) {
      fmt::print("    {:<30} → {:<34} {}\n", *ctx.place(c.origin).place.feature_id, *ctx.place(c.destination).place.feature_id,
                 c.time_s ? fmt::format("{:6.1f}", *c.time_s / 60) : "unreachable");
    }
    const auto links = critical_links(ctx, ports, centres, Metric::time);
    int shown = 0;
    fmt::print("  critical links, ports ↔ logistics centres (closure cuts pairs / adds minutes):\n");
    for (const auto& l : links) {
      if (++shown > 5) break;
      const auto& e = ctx.network().edges[static_cast<std::size_t>(l.edge)];
      fmt::print("    {:<42} cuts {} of {} pairs, +{:.1f} min for the rest\n", e.name, l.pairs_cut, l.pairs_affected, l.extra / 60);
    }
  }
  {
    AnalysisContext ctx(project, "main", "container_truck");
    const auto origin = ctx.add_places(resolve_places(project.db(), std::vector<std::string>{"dinh-vu-port"}));
    ctx.build();
    const auto areas = service_areas(ctx, origin, {30 * 60});
    fmt::print("  30-minute service area of Đình Vũ port: {:.1f} km of network\n", areas[0].reached_km);
  }
}

void run_tasks(project::Project& project) {
  auto& db = project.db();
  for (const auto& r : sample::load_haiphong_plans(project)) {
    fmt::print("  {:<18} {:>3} tasks in {:>2} groups, {} timelines not understood\n", r.plan, r.tasks, r.groups,
               r.unparsed_timelines.size());
  }
  fmt::print("  {} task–place links from samples/plans/links.csv\n", db.query_int("SELECT count(*) FROM task_links").value_or(0));
  const auto id = tasks::find_task(db, {"kh-logistics-2026", "3.2"});
  fmt::print("  suggested places for kh-logistics-2026:3.2 (beyond its links):\n");
  for (const auto& s : tasks::suggest_links(db, std::nullopt, id, 0.5)) {
    fmt::print("    {:.2f} {} ({})\n", s.score, s.feature_name, s.matched);
  }
  tasks::TaskQuery q;
  q.near_feature = "lach-huyen-port";
  q.within_m = 5000;
  q.due_by = "2030-12-31";
  fmt::print("  tasks with places within 5 km of Lạch Huyện port, due by 2030:\n");
  for (const auto& t : tasks::query_tasks(db, q)) {
    fmt::print("    {:<24} {}  {}\n", t.key(), t.end_date.value_or("-"), text::truncate(t.content, 70));
  }
}

// Siting a new logistics centre: demand = the terminals by capacity and the
// industrial parks by area, candidates = a 2 km grid in the FTZ sites and the
// economic zones; then the candidates' multi-criteria scores. Both are stored,
// so the QGIS export draws them.
void run_siting(project::Project& project) {
  siting::SitingStudy study;
  study.demand = {"kind:terminal", "kind:industrial_park"};
  // Assumptions of the sample, stated where they are printed: 12 t per TEU
  // (gross, loaded box) puts container terminals on the tonnage scale of the
  // others; an industrial park is weighed at 10,000 t/yr per hectare, an order
  // of magnitude for a planner to replace with surveyed freight.
  study.weight_rules = {"capacity", "industrial_park=area_ha*10000"};
  study.weights.tonnes_per_teu = 12;
  study.weights.fallback = 0;  // planned terminals without a capacity yet
  study.candidates.zones = {"kind:free_trade_zone", "kind:economic_zone"};
  study.candidates.grid_km = 2;
  study.model.p = 1;
  auto o = siting::run_siting_study(project, study);
  const auto run = siting::store_siting_run(project.db(), study, o);
  fmt::print("  assumed: 12 t per TEU; industrial parks 10,000 t/yr per ha; planned terminals without capacity weigh 0\n");
  fmt::print("  {} grid points in the FTZ sites and economic zones reach the network ({} more are too far from the sample's roads)\n",
             o.problem.facilities.size(), o.left_out.size());
  std::string text = o.text();
  text = text.substr(text.find('\n') + 1);  // the line on inputs is above
  text = text.substr(0, text.find("  left out:"));
  for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
    next = text.find('\n', at);
    if (next == std::string::npos) next = text.size();
    fmt::print("  {}\n", text.substr(at, next - at));
  }
  for (const auto j : o.solution.open) {
    fmt::print("  {} lies at {:.4f}, {:.4f} (lon, lat)\n", o.problem.facilities[j].id, o.at.facilities[j].lon,
               o.at.facilities[j].lat);
  }
  fmt::print("  stored as run {}\n", run);

  siting::ScoringStudy score;
  score.candidates.zones = {"kind:free_trade_zone", "kind:economic_zone"};
  score.candidates.places = {"kind:logistics_centre", "kind:icd"};
  score.criteria = {"time:seaport", "time:industrial_park", "access:rail", "in:free_trade_zone", "status", "tasks"};
  score.weights = {0.3, 0.2, 0.1, 0.15, 0.15, 0.1};
  const auto scored = siting::run_scoring_study(project, score);
  siting::store_scoring_run(project.db(), score, scored);
  fmt::print("  score table (weights 0.3 time to a seaport, 0.2 to an industrial park, 0.1 rail access, 0.15 in the FTZ,\n"
             "  0.15 plan status, 0.1 linked plan tasks):\n");
  std::size_t rank = 0;
  for (const auto k : scored.ranked.order) {
    if (++rank > 6) break;
    fmt::print("  {:>3}. {:<44} {:.3f}\n", rank, text::truncate(scored.sites[k].name, 44), scored.ranked.score[k]);
  }
  std::size_t holds = 0;
  for (const auto& r : scored.sensitivity) holds += r.top == scored.ranked.order.front();
  fmt::print("  the first place holds in {} of {} sensitivity runs (each weight ±20 %)\n", holds, scored.sensitivity.size());
}

// The 2030 terminals with no sourced throughput: Lạch Huyện berths 5–12 and Nam
// Đồ Sơn berths 1–2, with their planned quay length (facts file: IMAP, VNS-HHIT).
// Their capacity is assumed at the TEU per metre of quay of the operating
// berths 1–4 (1.1 M TEU/yr on 750 m each: 1,467 TEU/m/yr).
constexpr double kTeuPerQuayMetre = 1.1e6 / 750;
constexpr std::pair<const char*, double> kPlannedQuay[] = {{"lach-huyen-berths-5-6", 900},  {"lach-huyen-berths-7-8", 900},
                                                          {"lach-huyen-berths-9-10", 1100}, {"lach-huyen-berths-11-12", 900},
                                                          {"nam-do-son-berths-1-2", 1100}};

// Port trucks in the evening peak hour of 2030, from the terminals' throughput
// (the planned ones included), and their assignment: the busiest roads and their
// V/C. Stored, so the QGIS export draws the volumes.
std::int64_t run_flows(project::Project& project, const std::optional<std::string>& scenario) {
  const auto settings = flows::FlowSettings::load();
  flows::PortDemandSpec spec;
  spec.period = "peak_hour";
  for (const auto& [id, quay_m] : kPlannedQuay) spec.throughput[id] = quay_m * kTeuPerQuayMetre;
  const auto demand = flows::generate_port_demand(project, spec, settings);
  flows::save_demand(project.db(), demand.matrix, true);
  double trucks = 0;
  for (const auto& t : demand.terminals) trucks += t.trips;
  fmt::print("  {} terminals with a throughput send and receive {:.0f} container-truck trips in the 2030 peak hour\n"
             "  (Lạch Huyện berths 5–12 and Nam Đồ Sơn 1–2 at their planned quay length × 1,467 TEU/m/yr, assumed;\n"
             "  factors and their sources: networks/flows.json; {} terminals have no capacity yet)\n",
             demand.terminals.size(), trucks,
             std::count_if(demand.left_out.begin(), demand.left_out.end(),
                           [](const auto& l) { return l.second.rfind("no capacity", 0) == 0; }));
  flows::AssignmentStudy study;
  study.demand = spec.name;
  // Select-link on the Tân Vũ – Lạch Huyện bridge: which terminals and parks its trucks come from and go to.
  const auto net = network::load_network(project.db(), "main");
  for (std::size_t e = 0; e < net.edges.size(); ++e) {
    if (net.edges[e].bridge && net.edges[e].name.find("Tân Vũ") != std::string::npos) {
      study.select_links = {std::to_string(e)};
      break;
    }
  }
  const auto o = flows::run_assignment_study(project, study);
  const auto indent = [](const std::string& text) {
    for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
      next = text.find('\n', at);
      if (next == std::string::npos) next = text.size();
      if (text.compare(at, 11, "  left out:") == 0) continue;
      fmt::print("  {}\n", text.substr(at, next - at));
    }
  };
  indent(o.text(10));
  // The port-lanes scenario (step 6) against the base, for the same trucks.
  if (scenario) {
    auto scenario_study = study;
    scenario_study.select_links.clear();
    scenario_study.net.scenario = scenario;
    const auto s = flows::run_assignment_study(project, scenario_study);
    flows::store_assignment_run(project.db(), scenario_study, s);
    std::vector<flows::AssignmentOutcome> runs;
    runs.push_back(o);
    runs.push_back(s);
    fmt::print("  scenario '{}' against the base:\n", *scenario);
    indent(flows::compare_assignments({"base", *scenario}, runs).text(4));
  }
  return flows::store_assignment_run(project.db(), study, o);  // last: export-qgis draws the latest run, the base with its select-link
}

// The plan's two kinds of corridor: the port access road (Lạch Huyện → Nam Đình
// Vũ logistics centre, where the plan wants no mixed lanes) with the trucks'
// V/C from step 8, its weakest segments and the port-lanes scenario; and the
// Lào Cai – Hà Nội – Hải Phòng corridor by road and by rail.
void run_corridors(project::Project& project, std::int64_t volumes_run, const std::optional<std::string>& scenario,
                   const std::filesystem::path& dir) {
  corridor::CorridorDef access;
  access.name = "lach-huyen-nam-dinh-vu";
  access.through = {"lach-huyen-berths-1-2", "nam-dinh-vu-logistics-centre"};
  access.id = corridor::save_corridor(project.db(), access, true);
  corridor::CorridorDef north;
  north.name = "hai-phong-lao-cai";
  north.through = {"lach-huyen-port", "lao-cai-border-gate"};
  north.modes = {network::Mode::road, network::Mode::rail};
  north.id = corridor::save_corridor(project.db(), north, true);
  const corridor::CorridorStudy study{access.name, network::Mode::road, std::nullopt, volumes_run};
  const auto o = corridor::run_corridor_profile(project, study);
  corridor::store_corridor_run(project.db(), study, o);
  const auto& p = o.profile;
  fmt::print("  {}: {:.2f} km, {:.1f} min by container truck; {} segments; lanes {:.2f} km mixed, {:.2f} km dedicated\n",
             access.name, p.length_km, p.minutes, p.segments.size(), p.km_with_status("mixed"), p.km_with_status("dedicated"));
  for (const auto& b : p.bottlenecks) {
    if (b.kind == "network_bridge") continue;
    fmt::print("    km {:>5.2f}  {:<12} {:<30} {}\n", b.km, b.kind, text::truncate(b.road, 30), b.detail);
  }
  const auto r = corridor::corridor_resilience(o.trace, p, 0);
  std::size_t cut = 0;
  for (const auto& c : r.closures) cut += c.cut;
  fmt::print("    {} of {} segments have no way round (the island of Cát Hải hangs on the bridge)\n", cut, r.closures.size());
  if (scenario) {
    auto base = study;
    base.volumes_run.reset();
    const auto c = corridor::compare_scenarios(project, base, {"base", *scenario});
    const auto s = c.summary();
    fmt::print("  scenario '{}': mixed lanes {:.2f} → {:.2f} km, bottlenecks {} → {}, motorbikes {:.1f} → {:.1f} min\n", *scenario,
               s["runs"][0]["mixed_km"].get<double>(), s["runs"][1]["mixed_km"].get<double>(),
               s["runs"][0]["bottlenecks"].get<std::size_t>(), s["runs"][1]["bottlenecks"].get<std::size_t>(),
               c.profiles[0].class_minutes("motorbike"), c.profiles[1].class_minutes("motorbike"));
  }
  const auto modes = corridor::compare_modes(project, north.name, std::nullopt);
  for (const auto& m : modes.modes) {
    fmt::print("  {} by {}: {:.0f} km, {:.1f} h ({})\n", north.name, m.mode, m.place_km.back(), m.place_minutes.back() / 60, m.profile);
  }
  // The documents a planner hands out: Vietnamese, printable (A4 landscape).
  std::vector<std::string> compare;
  if (scenario) compare = {"base", *scenario};
  const auto a = corridor::write_corridor_report(project, study, o, compare, "vi", (dir / "reports").string());
  const corridor::CorridorStudy north_study{north.name, network::Mode::road, std::nullopt, std::nullopt};
  const auto b = corridor::write_corridor_report(project, north_study, corridor::run_corridor_profile(project, north_study), {}, "vi",
                                                 (dir / "reports").string());
  fmt::print("  reports: {}, {}\n", a.path, b.path);
}

// The main job on the embedded sample: every capability logiplan has adds its step here.
class DemoCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("demo", "Build the embedded Hải Phòng sample and run every analysis on it");
    sub->add_option("--out", out_, "Output folder (created if missing); its haiphong.* files are replaced")
        ->default_val("out");
    sub->footer("EXAMPLE\n  logiplan demo --out out && ogrinfo out/haiphong.sqlite");
    return sub;
  }
  void run() override {
    const std::filesystem::path dir(out_);
    std::filesystem::create_directories(dir);
    const auto db_path = dir / "haiphong.sqlite";
    auto project = project::Project::create(db_path, true);
    fmt::print("== 1. Project file: {}\n", db_path.string());
    for (const auto& r : sample::load_haiphong_sample(project, global_->progress())) print_import(stdout, r);

    fmt::print("\n== 2. Layers (features by kind)\n");
    print_layers(stdout, project::summarize_layers(project.db()));

    fmt::print("\n== 3. Corridor network (samples/haiphong/network.geojson)\n");
    const auto built = sample::build_haiphong_network(project);
    fmt::print("  network '{}': {} nodes, {} edges\n", built.info.name, built.info.node_count, built.info.edge_count);
    for (const auto& [k, v] : built.by_mode_class) fmt::print("  {:<28} {:>4} edges {:>8.1f} km\n", k, v.first, v.second);
    const auto net = network::load_network(project.db(), built.info.name);
    const auto check = network::check_network(net, built.attachments, network::BuildSettings::load().near_miss_m);
    std::string by_mode;
    for (const auto& [m, c] : check.components_by_mode) by_mode += fmt::format("{}{} {}", by_mode.empty() ? "" : ", ", m, c);
    fmt::print("  components by mode: {}; dead ends: {}; facilities attached to no mode: {} (far from Hải Phòng)\n",
               by_mode, check.dangles, check.unattached);

    fmt::print("\n== 4. Analyses (container truck, fastest)\n");
    run_analyses(project);

    fmt::print("\n== 5. Lane audit, ports × logistics centres (motorbike, rudimentary, container truck)\n");
    routing::AuditOptions audit;
    const auto base = routing::lane_audit(project, audit);
    fmt::print("  fully separated: {} of {} paths; {:.1f} km of mixed lanes on them. Upgrade list:\n", base.fully_separated(),
               base.pairs.size(), base.mixed_km());
    int rank = 0;
    for (const auto& s : base.segments) {
      if (++rank > 8) break;
      fmt::print("  {:>3}. {:<46} {:>6.2f} km, {} paths\n", rank, s.name, s.length_m / 1000, s.paths);
    }
    audit.scenario = sample::load_haiphong_scenario(project);
    const auto after = routing::lane_audit(project, audit);
    fmt::print("  scenario '{}': fully separated {} → {} paths; mixed lanes {:.1f} → {:.1f} km\n", *audit.scenario,
               base.fully_separated(), after.fully_separated(), base.mixed_km(), after.mixed_km());

    fmt::print("\n== 6. Plan tasks (samples/plans: seeds 000, 003, 004)\n");
    run_tasks(project);

    fmt::print("\n== 7. Siting a new logistics centre (p-median, container truck, fastest)\n");
    run_siting(project);

    fmt::print("\n== 8. Freight flows: port trucks in the peak hour, assigned (user equilibrium, PCU)\n");
    const auto volumes = run_flows(project, audit.scenario);

    fmt::print("\n== 9. Corridor studies: the port access road, and Hải Phòng – Lào Cai by road and rail\n");
    run_corridors(project, volumes, audit.scenario, dir);

    fmt::print("\n== 10. Export for QGIS (styled GeoPackage + QGIS project in VN-2000 / TM-3 105-45)\n");
    qgis::QgisExportOptions q{dir / "qgis", "haiphong", "vn2000-haiphong", {}, true};
    const auto exported = qgis::export_qgis(project, q);
    for (const auto& l : exported.layers) fmt::print("  {:<11} {:<22} {:>4} features\n", l.group, l.table, l.features);
    io::ExportOptions o;
    o.crs = "vn2000-haiphong";
    o.overwrite = true;
    const auto gpkg = dir / "haiphong-vn2000.gpkg";
    io::export_layers(project, gpkg, o);  // plain layers, reprojected, for other GIS tools
    fmt::print("\nOpen {} in QGIS (or {}, {}).\n", exported.qgs.string(), db_path.string(), gpkg.string());
  }

 private:
  const GlobalOptions* global_ = nullptr;
  std::string out_ = "out";
};

}  // namespace
std::unique_ptr<Command> make_demo_command() { return std::make_unique<DemoCommand>(); }
}  // namespace logiplan::cli
