// logiplan demand: travel demand in the project — OD matrices per vehicle class,
// generated from port throughput (trucks) or imported from an OD table.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "flows/demand_store.hpp"
#include "flows/port_demand.hpp"
#include "project/project.hpp"
#include "routing/places.hpp"
#include "routing/profile.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

class DemandCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions& global) override {
    global_ = &global;
    auto* sub = app.add_subcommand("demand", "Travel demand: OD matrices per vehicle class, from port throughput or a table");
    sub->require_subcommand(1);
    gen_ = sub->add_subcommand("generate", "Truck trips from the ports' throughput, distributed by a gravity model");
    gen_->add_option("PROJECT", project_, "Project file")->required();
    gen_->add_option("--name", name_, "Name of the demand")->default_val("port-trucks");
    gen_->add_option("--ports", ports_, "Terminals (ids, names, kind:KIND; default kind:terminal)");
    gen_->add_option("--destinations", destinations_, "Destinations (default kind:industrial_park, kind:icd, "
                                                      "kind:logistics_centre)");
    gen_->add_option("--attraction", attraction_, "Destination weight: FIELD or KIND=FIELD*FACTOR (default 1 each)");
    gen_->add_option("--throughput", throughput_, "ID=TEU per year for a terminal without a capacity, or to override it");
    gen_->add_option("--period", period_, "day or peak_hour")->default_val("day");
    gen_->add_option("--beta", beta_, "Gravity deterrence per minute (default from the settings, 0.05)");
    gen_->add_option("--profile", profile_, "Vehicle profile of the trucks")->default_val("container_truck");
    gen_->add_option("--network", network_, "Network name")->default_val("main");
    gen_->add_option("--scenario", scenario_, "Travel times on this scenario");
    gen_->add_option("--settings", settings_, "A flows settings file over networks/flows.json");
    gen_->add_flag("--replace", replace_, "Replace a demand of the same name and class");
    gen_->footer(
        "EXAMPLES\n"
        "  logiplan demand generate out/haiphong.sqlite --period peak_hour --throughput lach-huyen-berths-5-6=1100000\n"
        "  logiplan demand generate out/haiphong.sqlite --attraction industrial_park=area_ha --attraction icd=1*500\n"
        "Per terminal: TEU/yr ÷ TEU per truck (or t/yr ÷ t per truck) × (1 − rail − barge share) ÷ working days\n"
        "× (1 + empty trip share) [× peak-hour share], half leaving and half arriving; the factors are in\n"
        "networks/flows.json with their sources. Destinations share them by A × exp(−beta × minutes).");
    imp_ = sub->add_subcommand("import", "Import an OD table (origin, destination, trips) for a vehicle class");
    imp_->add_option("PROJECT", project_, "Project file")->required();
    imp_->add_option("FILE", file_, "CSV/XLSX/ODS with origin, destination, trips (places: feature ids, names, lon,lat)")->required();
    imp_->add_option("--name", name_, "Name of the demand")->required();
    imp_->add_option("--class", class_, "Vehicle class (a profile: container_truck, truck, car, motorbike, ...)")->required();
    imp_->add_option("--period", period_, "day or peak_hour")->default_val("day");
    imp_->add_flag("--replace", replace_, "Replace a demand of the same name and class");
    imp_->footer("EXAMPLE\n  logiplan demand import out/haiphong.sqlite motorbikes.csv --name background --class motorbike --period peak_hour");
    exp_ = sub->add_subcommand("export", "Write a demand's OD pairs as desire lines (GeoPackage, CSV, ... by extension)");
    exp_->add_option("PROJECT", project_, "Project file")->required();
    exp_->add_option("NAME", name_, "The demand (logiplan demand list)")->required();
    exp_->add_option("--out", out_, "Output file")->required();
    exp_->footer("EXAMPLES\n  logiplan demand export out/haiphong.sqlite port-trucks --out od.csv\n"
                 "  logiplan demand export out/haiphong.sqlite port-trucks --out od.gpkg   # desire lines for QGIS");
    list_ = sub->add_subcommand("list", "List the demand matrices");
    list_->add_option("PROJECT", project_, "Project file")->required();
    list_->footer("EXAMPLE\n  logiplan demand list out/haiphong.sqlite");
    sub->footer(
        "EXAMPLES\n"
        "  logiplan demand generate out/haiphong.sqlite --period peak_hour\n"
        "  logiplan demand import out/haiphong.sqlite od.csv --name background --class motorbike\n"
        "  logiplan demand list out/haiphong.sqlite\n"
        "  logiplan demand export out/haiphong.sqlite port-trucks --out od.gpkg\n"
        "  logiplan assign out/haiphong.sqlite --demand port-trucks");
    return sub;
  }

  void run() override {
    if (list_->parsed()) return list();
    if (exp_->parsed()) return export_od();
    auto project = project::Project::open(project_, true);
    if (gen_->parsed()) return generate(project);
    import(project);
  }

 private:
  void list() {
    auto project = project::Project::open(project_, false);
    const auto all = flows::list_demand(project.db());
    if (all.empty()) return fmt::print("no demand yet (logiplan demand generate | import)\n");
    fmt::print("{:<20} {:<18} {:<10} {:>7} {:>12}  {}\n", "name", "class", "period", "pairs", "trips", "source");
    for (const auto& m : all) {
      fmt::print("{:<20} {:<18} {:<10} {:>7} {:>12.1f}  {}\n", m.name, m.vehicle_class, m.period,
                 m.params["pairs"].get<std::int64_t>(), m.params["total_trips"].get<double>(), m.source);
    }
  }

  void export_od() {
    auto project = project::Project::open(project_, false);
    routing::ResultLayer layer;
    layer.name = "demand_od";
    layer.fields = {{"demand", OFTString}, {"class", OFTString},       {"period", OFTString},  {"origin", OFTString},
                    {"origin_name", OFTString}, {"destination", OFTString}, {"destination_name", OFTString},
                    {"trips", OFTReal}};
    std::map<std::string, routing::Place> known;
    const auto place = [&](const std::string& id) -> const routing::Place& {
      auto it = known.find(id);
      if (it == known.end()) it = known.emplace(id, routing::resolve_places(project.db(), id).front()).first;
      return it->second;
    };
    double total = 0;
    for (const auto& m : flows::load_demand(project.db(), name_)) {
      for (const auto& t : m.trips) {
        const auto& a = place(t.origin);
        const auto& b = place(t.destination);
        layer.add({m.name, m.vehicle_class, m.period, t.origin, a.label, t.destination, b.label, t.trips},
                  routing::line_geometry({a.position, b.position}));
        total += t.trips;
      }
    }
    std::vector<routing::ResultLayer> layers;
    layers.push_back(std::move(layer));
    const auto files = routing::write_layers(layers, *out_);
    fmt::print("demand '{}': {} OD pairs, {:.1f} trips, written to {}\n", name_, layers[0].features.size(), total, files.front());
  }

  void generate(project::Project& project) {
    flows::PortDemandSpec spec;
    spec.net.network = network_, spec.net.profile = profile_, spec.net.scenario = scenario_;
    if (!ports_.empty()) spec.ports = ports_;
    if (!destinations_.empty()) spec.destinations = destinations_;
    if (!attraction_.empty()) spec.attraction = attraction_;
    for (const auto& t : throughput_) {
      const auto eq = t.find('=');
      char* end = nullptr;
      const double v = eq == std::string::npos ? NAN : std::strtod(t.c_str() + eq + 1, &end);
      if (eq == std::string::npos || !end || *end || !(v >= 0)) {
        throw UsageError(fmt::format("--throughput '{}': give ID=TEU per year", t));
      }
      spec.throughput[t.substr(0, eq)] = v;
    }
    spec.period = period_;
    spec.beta_per_minute = beta_;
    spec.name = name_;
    const auto settings = flows::FlowSettings::load(settings_);
    const auto d = flows::generate_port_demand(project, spec, settings, global_->progress());
    const auto id = flows::save_demand(project.db(), d.matrix, replace_);
    fmt::print("{:<32} {:>14} {:<8} {:>12}\n", "terminal", "throughput", "unit", fmt::format("trips/{}", period_ == "day" ? "day" : "hour"));
    double total = 0;
    for (const auto& t : d.terminals) {
      fmt::print("{:<32} {:>14.0f} {:<8} {:>12.1f}\n", t.id, t.throughput, t.unit, t.trips);
      total += t.trips;
    }
    fmt::print("demand '{}' ({}, per {}): {:.1f} truck trips over {} OD pairs, stored (matrix {})\n", d.matrix.name,
               d.matrix.vehicle_class, period_ == "day" ? "day" : "peak hour", d.matrix.total(), d.matrix.trips.size(), id);
    for (const auto& [p, why] : d.left_out) fmt::print("  left out: {} — {}\n", p, why);
  }

  void import(project::Project& project) {
    if (period_ != "day" && period_ != "peak_hour") throw UsageError(fmt::format("--period '{}': day or peak_hour", period_));
    routing::Profile::load(class_);  // an unknown class fails here, naming the known ones
    flows::DemandMatrix m;
    m.name = name_, m.vehicle_class = class_, m.period = period_, m.source = file_;
    m.trips = flows::read_od_table(file_);
    // Every place must be one the project knows (or a lon,lat).
    std::size_t row = 1;
    for (const auto& t : m.trips) {
      ++row;
      for (const auto& p : {t.origin, t.destination}) {
        try {
          routing::resolve_places(project.db(), p);
        } catch (const UsageError& e) {
          throw DataError(fmt::format("{}: row {}: {}", file_, row, e.what()));
        }
      }
    }
    const auto id = flows::save_demand(project.db(), m, replace_);
    fmt::print("demand '{}' ({}, per {}): {:.1f} trips over {} OD pairs from {}, stored (matrix {})\n", m.name, m.vehicle_class,
               period_ == "day" ? "day" : "peak hour", m.total(), m.trips.size(), file_, id);
  }

  const GlobalOptions* global_ = nullptr;
  CLI::App *gen_ = nullptr, *imp_ = nullptr, *list_ = nullptr, *exp_ = nullptr;
  std::optional<std::string> out_;
  std::string project_, name_ = "port-trucks", period_ = "day", profile_ = "container_truck", network_ = "main", file_, class_;
  std::vector<std::string> ports_, destinations_, attraction_, throughput_;
  std::optional<double> beta_;
  std::optional<std::string> scenario_, settings_;
  bool replace_ = false;
};

}  // namespace
std::unique_ptr<Command> make_demand_command() { return std::make_unique<DemandCommand>(); }
}  // namespace logiplan::cli
