#include <fmt/format.h>

#include <fstream>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "project/project.hpp"
#include "scenario/scenario.hpp"

namespace logiplan::cli {
namespace {

std::vector<network::LonLat> parse_line(const std::string& text) {
  // "lon,lat lon,lat ..." (WGS84)
  std::vector<network::LonLat> pts;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string p = text.substr(start, end - start);
    start = end + 1;
    if (p.empty()) continue;
    const auto comma = p.find(',');
    char* e1 = nullptr;
    char* e2 = nullptr;
    const std::string a = comma == std::string::npos ? p : p.substr(0, comma), b = comma == std::string::npos ? "" : p.substr(comma + 1);
    const double lon = std::strtod(a.c_str(), &e1), lat = std::strtod(b.c_str(), &e2);
    if (comma == std::string::npos || *e1 || *e2 || a.empty() || b.empty()) {
      throw UsageError(fmt::format("--line: '{}' is not lon,lat", p));
    }
    pts.push_back({lon, lat});
  }
  return pts;
}

class ScenarioCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("scenario", "Named edits over a base network: lanes, new links, closures");
    sub->require_subcommand(1);
    create_ = sub->add_subcommand("create", "Create a scenario");
    create_->add_option("project", project_)->required();
    create_->add_option("name", name_)->required();
    create_->add_option("--network", network_, "Base network")->default_val("main");
    create_->add_option("--description", description_, "What the scenario is");
    set_lanes_ = sub->add_subcommand("set-lanes", "Set the lanes of segments (by --edge, --source-id or --road)");
    close_ = sub->add_subcommand("close", "Close segments (by --edge, --source-id or --road)");
    for (auto* c : {set_lanes_, close_}) {
      c->add_option("project", project_)->required();
      c->add_option("name", name_)->required();
      c->add_option("--edge", edge_, "Edge id in the base network");
      c->add_option("--source-id", source_id_, "Source id, e.g. osm:way/123 or network.geojson:tvlh-bridge");
      c->add_option("--road", road_, "Every segment of this road name (diacritics optional)");
    }
    set_lanes_->add_option("--forward", lanes_forward_, "Lanes in the digitised direction, e.g. general|general|motorcycle");
    set_lanes_->add_option("--backward", lanes_backward_, "Lanes in the other direction");
    add_link_ = sub->add_subcommand("add-link", "Add a new road link");
    add_link_->add_option("project", project_)->required();
    add_link_->add_option("name", name_)->required();
    add_link_->add_option("--line", line_, "Points as \"lon,lat lon,lat ...\"; ends join nodes within 50 m")->required();
    add_link_->add_option("--road-name", link_name_, "Name of the new road")->required();
    add_link_->add_option("--class", link_class_, "Road class (for its default speed)")->default_val("port_road");
    add_link_->add_option("--speed", link_speed_, "Speed in km/h");
    add_link_->add_option("--forward", lanes_forward_, "Lanes in the drawn direction");
    add_link_->add_option("--backward", lanes_backward_, "Lanes in the other direction");
    add_link_->add_flag("--oneway", oneway_, "One-way in the drawn direction");
    import_ = sub->add_subcommand("import", "Create a scenario from a JSON file {name, network, description, edits}");
    import_->add_option("project", project_)->required();
    import_->add_option("file", file_, "e.g. samples/haiphong/scenario-port-lanes-2030.json")->required();
    list_ = sub->add_subcommand("list", "List scenarios");
    list_->add_option("project", project_)->required();
    show_ = sub->add_subcommand("show", "Show a scenario's edits");
    show_->add_option("project", project_)->required();
    show_->add_option("name", name_)->required();
    delete_ = sub->add_subcommand("delete", "Delete a scenario (the base network is untouched)");
    delete_->add_option("project", project_)->required();
    delete_->add_option("name", name_)->required();
    sub->footer(
        "EXAMPLES\n"
        "  logiplan scenario create hp.sqlite lanes-2030 --description \"motorbike lanes on the port roads\"\n"
        "  logiplan scenario set-lanes hp.sqlite lanes-2030 --road \"Đường Đình Vũ\" --forward \"general|general|motorcycle\" "
        "--backward \"general|general|motorcycle\"\n"
        "  logiplan scenario add-link hp.sqlite lanes-2030 --line \"106.74,20.675 106.785,20.638\" --road-name \"Đường mới\"\n"
        "  logiplan scenario close hp.sqlite lanes-2030 --source-id network.geojson:tvlh-bridge\n"
        "  logiplan route hp.sqlite --from dinh-vu-port --to nam-dinh-vu-logistics-centre --scenario lanes-2030");
    return sub;
  }

  void run() override {
    auto project = project::Project::open(project_);
    auto& db = project.db();
    if (create_->parsed()) {
      scenario::create_scenario(db, name_, network_, description_);
      fmt::print("created scenario '{}' over network '{}'\n", name_, network_);
    } else if (set_lanes_->parsed() || close_->parsed()) {
      scenario::Edit e;
      e.kind = set_lanes_->parsed() ? "set_lanes" : "close_link";
      e.target = target();
      e.lanes_forward = lanes_forward_;
      e.lanes_backward = lanes_backward_;
      scenario::add_edit(db, name_, e);
      fmt::print("scenario '{}': {} on segments {}\n", name_, e.kind, e.target.describe());
    } else if (add_link_->parsed()) {
      scenario::Edit e;
      e.kind = "add_link";
      e.geometry = parse_line(line_);
      e.name = link_name_;
      e.road_class = link_class_;
      e.speed_kmh = link_speed_;
      e.oneway = oneway_;
      e.lanes_forward = lanes_forward_;
      e.lanes_backward = lanes_backward_;
      scenario::add_edit(db, name_, e);
      fmt::print("scenario '{}': added link '{}' ({} points)\n", name_, e.name, e.geometry.size());
    } else if (import_->parsed()) {
      std::ifstream in(file_);
      if (!in) throw DataError(fmt::format("{}: no such file", file_));
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(in);
      } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers out of range
        throw DataError(fmt::format("{}: not valid JSON: {}", file_, e.what()));
      }
      const auto name = scenario::import_scenario(db, j, file_);
      fmt::print("created scenario '{}' with {} edits\n", name, scenario::scenario_edits(db, name).size());
    } else if (list_->parsed()) {
      for (const auto& s : scenario::list_scenarios(db)) {
        fmt::print("{:<24} over '{}', {} edits, created {}  {}\n", s.name, s.network_name, s.edits, s.created_at, s.description);
      }
    } else if (show_->parsed()) {
      int i = 0;
      for (const auto& e : scenario::scenario_edits(db, name_)) fmt::print("{:>3} {:<10} {}\n", ++i, e.kind, e.to_json().dump());
    } else if (delete_->parsed()) {
      scenario::delete_scenario(db, name_);
      fmt::print("deleted scenario '{}'\n", name_);
    }
  }

 private:
  scenario::Target target() const {
    const int given = (edge_ ? 1 : 0) + (source_id_ ? 1 : 0) + (road_ ? 1 : 0);
    if (given != 1) throw UsageError("name the segments with one of --edge, --source-id or --road");
    scenario::Target t;
    t.edge = edge_;
    t.source_id = source_id_.value_or("");
    t.name = road_.value_or("");
    return t;
  }

  CLI::App* import_ = nullptr;
  std::string file_;
  CLI::App *create_ = nullptr, *set_lanes_ = nullptr, *close_ = nullptr, *add_link_ = nullptr, *list_ = nullptr,
           *show_ = nullptr, *delete_ = nullptr;
  std::string project_, name_, network_ = "main", description_, line_, link_name_, link_class_ = "port_road";
  std::optional<std::int64_t> edge_;
  std::optional<std::string> source_id_, road_, lanes_forward_, lanes_backward_;
  std::optional<double> link_speed_;
  bool oneway_ = false;
};

}  // namespace
std::unique_ptr<Command> make_scenario_command() { return std::make_unique<ScenarioCommand>(); }
}  // namespace logiplan::cli
