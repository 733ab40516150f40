#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "io/field_mapping.hpp"
#include "network/build.hpp"
#include "network/check.hpp"
#include "network/line_source.hpp"
#include "network/network_store.hpp"
#include "project/project.hpp"

namespace logiplan::cli {
namespace {

std::vector<network::Mode> parse_modes(const std::vector<std::string>& names) {
  std::vector<network::Mode> out;
  for (const auto& n : names) {
    const auto m = network::parse_mode(n);
    if (!m) throw UsageError(fmt::format("unknown mode '{}' (road, rail, inland_waterway, sea)", n));
    out.push_back(*m);
  }
  return out;
}

class NetworkCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("network", "Build and check routable road / rail / waterway networks");
    sub->require_subcommand(1);

    build_ = sub->add_subcommand("build", "Build a network from OSM extracts and line layers, store it, attach facilities");
    build_->add_option("project", project_, "Project file")->required();
    build_->add_option("--from", from_, "Source: .osm.pbf/.osm/.osm.gz, or any GDAL line layer (repeatable)")->required();
    build_->add_option("--mode", modes_,
                       "Mode per --from in order, or one for all: road, rail, inland_waterway, sea. OSM sources may "
                       "take several, comma-separated (road,rail). Default: road");
    build_->add_option("--map", maps_, "Line layers: field mapping TARGET=FIELD; targets: id, class, name, ref, oneway, "
                                       "speed, lanes, lanes_forward, lanes_backward, mode, access, hgv, maxweight, "
                                       "maxheight, bridge, tunnel, layer");
    build_->add_option("--layer", layer_, "Line layers: the layer to read");
    build_->add_option("--src-crs", src_crs_, "Line layers: source CRS when the file has none (e.g. vn2000-haiphong)");
    build_->add_flag("--node-crossings", node_crossings_,
                     "Line layers: make a junction wherever lines cross (for sources drawn without noding)");
    build_->add_option("--lanes-table", lane_table_,
                       "CSV/XLSX/ODS of lanes joined onto edges by source_id (osm:way/123), way_id or name, with "
                       "lanes_forward / lanes_backward such as general|general|motorcycle");
    build_->add_option("--name", name_, "Network name")->default_val("main");
    build_->add_option("--settings", settings_, "JSON overriding networks/build-defaults.json");
    build_->add_flag("--overwrite", overwrite_, "Rebuild a network of the same name");
    build_->footer(
        "EXAMPLES\n"
        "  logiplan network build hp.sqlite --from haiphong.osm.pbf\n"
        "  logiplan network build hp.sqlite --from haiphong.osm.pbf --mode road,rail --overwrite\n"
        "  logiplan network build hp.sqlite --from roads.shp --mode road --src-crs vn2000-haiphong \\\n"
        "      --map class=LOAI_DUONG,name=TEN,lanes_forward=LANE_F --node-crossings\n"
        "Junctions are made only where lines share a vertex (OSM: a node): a bridge over a road is no junction.");

    check_ = sub->add_subcommand("check", "Report components, dead ends, near misses, loops, missing speeds, unattached facilities");
    check_->add_option("project", project_, "Project file")->required();
    check_->add_option("--name", name_, "Network name")->default_val("main");
    check_->add_flag("--json", json_, "Print as JSON");
    check_->add_option("--problems", problems_, "Write problem locations as a point layer (.gpkg, .geojson, ...)");
    check_->footer("EXAMPLE\n  logiplan network check hp.sqlite --problems problems.gpkg");

    restrict_ = sub->add_subcommand("restrict", "Add a planner's turn restriction (e.g. no U-turn for trucks)");
    restrict_->add_option("project", project_, "Project file")->required();
    restrict_->add_option("--name", name_, "Network name")->default_val("main");
    restrict_->add_option("--kind", tr_kind_, "no_left_turn, no_right_turn, no_straight_on, no_u_turn, only_...")->required();
    restrict_->add_option("--from-edge", tr_from_, "Edge the turn starts on (see network_edges.edge)")->required();
    restrict_->add_option("--via-node", tr_via_, "Node where it turns")->required();
    restrict_->add_option("--to-edge", tr_to_, "Edge the turn ends on")->required();
    restrict_->add_option("--vehicles", tr_vehicles_, "Who it applies to: all, or one class such as hgv")->default_val("all");
    restrict_->add_option("--except", tr_except_, "Who is exempt, e.g. bus;emergency");
    restrict_->footer("EXAMPLE\n  logiplan network restrict hp.sqlite --kind no_u_turn --from-edge 12 --via-node 8 --to-edge 12 --vehicles hgv\n"
                      "Planner restrictions belong to this network version; a rebuild starts again from the sources.");

    list_ = sub->add_subcommand("list", "List the project's networks");
    list_->add_option("project", project_, "Project file")->required();
    list_->footer("EXAMPLE\n  logiplan network list hp.sqlite");
    sub->footer("EXAMPLES\n  logiplan network build hp.sqlite --from haiphong.osm.pbf\n  logiplan network check hp.sqlite");
    return sub;
  }

  void run() override {
    if (build_->parsed()) return run_build();
    if (check_->parsed()) return run_check();
    if (restrict_->parsed()) {
      auto project = project::Project::open(project_);
      network::TurnRestriction r{tr_kind_, tr_from_, tr_via_, tr_to_, tr_vehicles_, tr_except_, "planner"};
      const auto id = network::add_restriction(project.db(), name_, r);
      fmt::print("added restriction {}: {} from edge {} via node {} to edge {} for {}\n", id, r.kind, r.from_edge,
                 r.via_node, r.to_edge, r.vehicles);
      return;
    }
    auto project = project::Project::open(project_, false);
    for (const auto& n : network::list_networks(project.db())) {
      fmt::print("{:<12} version {:<4} {:>8} nodes {:>8} edges  built {}\n", n.name, n.id, n.node_count, n.edge_count,
                 n.built_at);
    }
  }

 private:
  void run_build() {
    network::BuildOptions o;
    o.name = name_;
    o.settings_file = settings_;
    o.lane_table = lane_table_;
    o.overwrite = overwrite_;
    std::vector<std::vector<network::Mode>> modes;
    for (const auto& m : modes_) {
      std::vector<std::string> parts;
      for (std::size_t s = 0, e; s <= m.size(); s = e + 1) {
        e = m.find(',', s);
        if (e == std::string::npos) e = m.size();
        parts.push_back(m.substr(s, e - s));
      }
      modes.push_back(parse_modes(parts));
    }
    if (!modes.empty() && modes.size() != 1 && modes.size() != from_.size()) {
      throw UsageError(fmt::format("{} --mode for {} --from: give one for all, or one per --from", modes.size(), from_.size()));
    }
    const auto field_map = io::parse_field_map(maps_, network::line_schema());
    for (std::size_t i = 0; i < from_.size(); ++i) {
      network::SourceSpec s;
      s.path = from_[i];
      if (!modes.empty()) s.modes = modes.size() == 1 ? modes[0] : modes[i];
      s.field_map = field_map;
      s.layer = layer_;
      s.source_crs = src_crs_;
      s.node_crossings = node_crossings_;
      o.sources.push_back(s);
    }
    auto project = project::Project::open(project_);
    const auto r = network::build_network(project, o, global_->progress());
    fmt::print("network '{}' (version {}): {} nodes, {} edges\n", r.info.name, r.info.id, r.info.node_count,
               r.info.edge_count);
    const auto& st = r.info.stats;
    fmt::print("  source lines {}; removed: {} zero-length, {} duplicate edges; {} endpoints snapped\n",
               st.value("source_lines", 0), st.value("zero_length_removed", 0), st.value("duplicates_removed", 0),
               st.value("snapped_endpoints", 0));
    if (const auto cut = st.value("incomplete_lines", 0); cut > 0) {
      std::string ids;
      const auto listed = st.value("incomplete_line_ids", std::vector<std::int64_t>{});
      for (std::size_t i = 0; i < std::min<std::size_t>(listed.size(), 8); ++i) ids += fmt::format("{}osm:way/{}", i ? ", " : "", listed[i]);
      fmt::print("  {} ways have nodes missing from the extract (cut at its edge): kept in part, {} skipped with no "
                 "piece left; {}{}\n",
                 cut, st.value("incomplete_lines_skipped", 0), ids, static_cast<std::int64_t>(listed.size()) < cut || listed.size() > 8 ? ", ... (all in `network check --json`)" : "");
    }
    fmt::print("  turn restrictions: {} read, {} stored, {} unsupported (via-way or outside the extract)\n",
               st.value("restrictions_read", 0), st.value("restrictions_read", 0) - st.value("restrictions_unsupported", 0),
               st.value("restrictions_unsupported", 0));
    fmt::print("  {:<28} {:>8} {:>10}\n", "mode/class", "edges", "km");
    for (const auto& [k, v] : r.by_mode_class) fmt::print("  {:<28} {:>8} {:>10.2f}\n", k, v.first, v.second);
    int attached = 0, missing = 0;
    for (const auto& a : r.attachments) (a.edge ? attached : missing)++;
    if (lane_table_) fmt::print("  lanes from {}: {} edges\n", *lane_table_, r.lanes_from_table);
    fmt::print("  facilities: {} attachments, {} not attached (see `logiplan network check`)\n", attached, missing);
    fmt::print("  time: read {:.2f} s, topology {:.2f} s, store + attach {:.2f} s\n", r.read_seconds, r.topology_seconds,
               r.store_seconds);
  }

  void run_check() {
    auto project = project::Project::open(project_, false);
    const auto info = network::find_network(project.db(), name_);
    const auto net = network::load_network(project.db(), name_);
    const auto settings = network::BuildSettings::load();
    const auto near = info->settings.value("near_miss_m", settings.near_miss_m);
    const auto r = network::check_network(net, network::load_attachments(project.db(), info->id), near);
    if (problems_) network::write_problems(r, *problems_);
    if (json_) {
      fmt::print("{}\n", network::check_json(r, info->stats).dump(2));
      return;
    }
    fmt::print("network '{}' (version {}): {} nodes, {} edges\n", info->name, info->id, r.nodes, r.edges);
    std::string sizes;
    for (std::size_t i = 0; i < std::min<std::size_t>(5, r.weak_component_sizes.size()); ++i) {
      sizes += (i ? ", " : "") + std::to_string(r.weak_component_sizes[i]);
    }
    fmt::print("  connected components: {} (largest: {}{})\n", r.weak_component_sizes.size(), sizes,
               r.weak_component_sizes.size() > 5 ? ", ..." : "");
    fmt::print("  strongly connected components: {} (largest {} nodes)\n", r.strong_component_sizes.size(),
               r.strong_component_sizes.empty() ? 0 : r.strong_component_sizes.front());
    std::string by_mode;
    for (const auto& [m, c] : r.components_by_mode) by_mode += fmt::format("{}{} {}", by_mode.empty() ? "" : ", ", m, c);
    fmt::print("  components by mode: {}\n", by_mode);
    fmt::print("  dead ends: {}; near misses (< {} m): {}; self-loops: {}; edges without speed: {}\n", r.dangles, near,
               r.near_misses, r.self_loops, r.no_speed);
    fmt::print("  removed at build: {} zero-length, {} duplicate edges\n", info->stats.value("zero_length_removed", 0),
               info->stats.value("duplicates_removed", 0));
    fmt::print("  facilities not attached to any mode: {}; facility/mode pairs beyond reach: {} (listed with --json)\n",
               r.unattached, r.modes_missed);
    int shown = 0;
    for (const auto& p : r.problems) {
      if (p.type != "unattached" && p.type != "near_miss" && p.type != "self_loop") continue;
      if (++shown > 20) {
        fmt::print("    ... (all {} problems with --json or --problems FILE)\n", r.problems.size());
        break;
      }
      fmt::print("    {}: {}\n", p.type, p.detail);
    }
    if (problems_) fmt::print("  problem locations written to {}\n", *problems_);
  }

  const GlobalOptions* global_ = nullptr;
  CLI::App *build_ = nullptr, *check_ = nullptr, *list_ = nullptr, *restrict_ = nullptr;
  std::string tr_kind_, tr_vehicles_ = "all", tr_except_;
  std::int64_t tr_from_ = 0, tr_via_ = 0, tr_to_ = 0;
  std::string project_, name_ = "main";
  std::vector<std::string> from_, modes_, maps_;
  std::optional<std::string> layer_, src_crs_, settings_, problems_, lane_table_;
  bool node_crossings_ = false, overwrite_ = false, json_ = false;
};

}  // namespace
std::unique_ptr<Command> make_network_command() { return std::make_unique<NetworkCommand>(); }
}  // namespace logiplan::cli
