#include <fmt/format.h>

#include <chrono>
#include <set>

#include <fmt/ranges.h>

#include "cli/command.hpp"
#include "flows/run_volumes.hpp"
#include "core/error.hpp"
#include "routing/lane_audit.hpp"
#include "routing/results.hpp"

namespace logiplan::cli {
namespace {

void print_audit(const routing::AuditResult& r, int top) {
  fmt::print("{:<28} {:<30} {:<16} {:>9} {:>9} {:>9}\n", "origin", "destination", "vehicle", "separated", "ded. km", "mixed km");
  for (const auto& p : r.pairs) {
    fmt::print("{:<28} {:<30} {:<16} {:>9} {:>9.2f} {:>9.2f}\n", p.origin, p.destination, p.profile,
               !p.reachable ? "no path" : p.fully_separated ? "yes" : "no", p.dedicated_m / 1000, p.mixed_m / 1000);
  }
  fmt::print("\nfully separated: {} of {} pair × vehicle paths; mixed lanes on them: {:.2f} km\n", r.fully_separated(),
             r.pairs.size(), r.mixed_km());
  const bool volumes = !r.segments.empty() && r.segments.front().container_trucks.has_value();
  if (volumes) {
    fmt::print("\nupgrade list: mixed-lane segments, most container trucks × motorbikes sharing them first\n");
    fmt::print("{:>4} {:<44} {:>8} {:>6} {:>10} {:>10} {:>12}  {}\n", "rank", "road", "km", "paths", "trucks", "motorbikes",
               "conflict", "source");
  } else {
    fmt::print("\nupgrade list: mixed-lane segments, most used first\n");
    fmt::print("{:>4} {:<44} {:>8} {:>6}  {:<36} {}\n", "rank", "road", "km", "paths", "vehicles", "source");
  }
  int rank = 0;
  for (const auto& s : r.segments) {
    if (++rank > top) break;
    std::string who;
    for (const auto& p : s.profiles) who += (who.empty() ? "" : ",") + p;
    if (volumes) {
      fmt::print("{:>4} {:<44} {:>8.2f} {:>6} {:>10.0f} {:>10.0f} {:>12.0f}  {}\n", rank, s.name, s.length_m / 1000, s.paths,
                 *s.container_trucks, *s.motorbikes, s.conflict(), s.source_id);
    } else {
      fmt::print("{:>4} {:<44} {:>8.2f} {:>6}  {:<36} {}\n", rank, s.name, s.length_m / 1000, s.paths, who, s.source_id);
    }
  }
  for (const auto& n : r.not_placed) fmt::print("  not placed: {}\n", n);
}

std::vector<routing::ResultLayer> audit_layers(const routing::AuditResult& r) {
  std::vector<routing::ResultLayer> layers(2);
  layers[0].name = "lane_audit_segments";
  layers[0].fields = {{"rank", OFTInteger}, {"edge", OFTInteger64}, {"name", OFTString}, {"length_km", OFTReal},
                      {"paths", OFTInteger}, {"vehicles", OFTString}, {"status", OFTString}, {"source_id", OFTString},
                      {"container_trucks", OFTReal}, {"motorbikes", OFTReal}, {"conflict", OFTReal}};
  int rank = 0;
  for (const auto& s : r.segments) {
    std::string who;
    for (const auto& p : s.profiles) who += (who.empty() ? "" : ",") + p;
    const auto volume = [](const std::optional<double>& v) { return v ? routing::Value(*v) : routing::Value(std::monostate{}); };
    layers[0].add({std::int64_t(++rank), s.edge, s.name, s.length_m / 1000, std::int64_t(s.paths), who, std::string("mixed"),
                   s.source_id, volume(s.container_trucks), volume(s.motorbikes),
                   s.container_trucks ? routing::Value(s.conflict()) : routing::Value(std::monostate{})},
                  routing::line_geometry(s.geometry));
  }
  layers[1].name = "lane_audit_paths";
  layers[1].fields = {{"origin", OFTString}, {"destination", OFTString}, {"vehicle", OFTString}, {"fully_separated", OFTInteger},
                      {"dedicated_km", OFTReal}, {"mixed_km", OFTReal}, {"time_min", OFTReal}};
  for (const auto& p : r.pairs) {
    layers[1].add({p.origin, p.destination, p.profile, std::int64_t(p.fully_separated ? 1 : 0), p.dedicated_m / 1000,
                   p.mixed_m / 1000, p.time_s / 60},
                  p.geometry.size() >= 2 ? routing::line_geometry(p.geometry) : nullptr);
  }
  return layers;
}

class LanesCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("lanes", "Dedicated-lane analyses");
    sub->require_subcommand(1);
    audit_ = sub->add_subcommand("audit", "Port ↔ logistics-centre lane audit: fully separated paths and the upgrade list");
    audit_->add_option("project", project_, "Project file")->required();
    audit_->add_option("--network", o_.network, "Network name")->default_val("main");
    audit_->add_option("--scenario", o_.scenario, "Audit a scenario instead of the base network");
    audit_->add_option("--compare", compare_, "Compare two states: base,SCENARIO (or A,B)");
    audit_->add_option("--profile", profiles_, "Vehicle classes (repeatable; default: motorbike, rudimentary, container_truck)");
    audit_->add_option("--from", o_.from, "Origins (default: kind:seaport)");
    audit_->add_option("--to", o_.to, "Destinations (default: kind:logistics_centre)");
    audit_->add_option("--mixed-penalty", o_.mixed_penalty, "When no separated path exists: cost factor of a mixed metre")
        ->default_val(5.0);
    audit_->add_option("--top", top_, "Print this many upgrade segments")->default_val(15);
    audit_->add_option("--volumes", volumes_, "An assignment run (logiplan assign) whose container trucks and motorbikes "
                                              "rank the upgrade list: the conflict the plan wants removed");
    audit_->add_option("--out", out_, "Write layers (segments, paths): .gpkg, or .csv for the upgrade list");
    audit_->add_flag("--json", json_, "Print as JSON");
    audit_->footer(
        "EXAMPLES\n"
        "  logiplan lanes audit out/haiphong.sqlite\n"
        "  logiplan lanes audit out/haiphong.sqlite --out out/lane-audit.gpkg\n"
        "  logiplan lanes audit out/haiphong.sqlite --compare base,dedicated-lanes-2030\n"
        "A path is fully separated when the vehicle can make it on lanes dedicated to it (motorbike: motorcycle or\n"
        "rudimentary lanes; rudimentary: rudimentary, motorcycle or bicycle lanes; trucks: hgv lanes), per the\n"
        "profiles in networks/profiles/.");
    return sub;
  }

  void run() override {
    if (!profiles_.empty()) o_.profiles = profiles_;
    auto project = project::Project::open(project_);
    if (compare_ && volumes_) throw UsageError("--volumes ranks one audit; leave out --compare");
    if (compare_) return run_compare(project);
    const auto t0 = std::chrono::steady_clock::now();
    auto r = routing::lane_audit(project, o_);
    if (volumes_) rank_by_volumes(project, r);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto layers = audit_layers(r);
    auto summary = routing::audit_json(r);
    summary["scenario"] = o_.scenario ? nlohmann::json(*o_.scenario) : nlohmann::json("base");
    const auto info = network::find_network(project.db(), o_.network);
    summary["run_id"] = routing::store_run(project.db(), {"lane_audit", info ? info->id : 0, o_.network, fmt::format("{}", fmt::join(o_.profiles, ",")),
                                                          {{"from", o_.from}, {"to", o_.to}, {"scenario", summary["scenario"]},
                                                           {"mixed_penalty", o_.mixed_penalty}},
                                                          {{"mixed_km", r.mixed_km()}, {"fully_separated", r.fully_separated()}}, seconds},
                                           layers);
    if (out_) summary["files"] = routing::write_layers(layers, *out_);
    if (json_) {
      fmt::print("{}\n", summary.dump(2));
      return;
    }
    fmt::print("lane audit, network '{}'{}, vehicles {}\n\n", o_.network, o_.scenario ? ", scenario '" + *o_.scenario + "'" : "",
               fmt::join(o_.profiles, ", "));
    print_audit(r, top_);
    if (out_) fmt::print("wrote {}\n", summary["files"].dump());
  }

 private:
  // Orders the upgrade list by container trucks × motorbikes on each segment in
  // the run (then by paths): where separating the lanes removes most conflict.
  void rank_by_volumes(project::Project& project, routing::AuditResult& r) {
    const auto v = flows::load_run_volumes(project.db(), *volumes_);
    const auto info = network::find_network(project.db(), o_.network);
    if (!info || info->id != v.network_id || v.scenario != o_.scenario) {
      throw DataError(fmt::format("run {} was assigned on network version {}{}; audit the same network{} (edges differ "
                                  "between versions)",
                                  v.run_id, v.network_id, v.scenario ? ", scenario " + *v.scenario : "",
                                  v.scenario ? " with --scenario " + *v.scenario : " without --scenario"));
    }
    flows::rank_audit_by_volumes(r, v);
  }

  void run_compare(project::Project& project) {
    const auto comma = compare_->find(',');
    if (comma == std::string::npos) throw UsageError("--compare takes two states: base,SCENARIO");
    auto state = [&](const std::string& s) { return s == "base" ? std::optional<std::string>() : std::optional<std::string>(s); };
    auto a_opts = o_, b_opts = o_;
    a_opts.scenario = state(compare_->substr(0, comma));
    b_opts.scenario = state(compare_->substr(comma + 1));
    const auto a = routing::lane_audit(project, a_opts);
    const auto b = routing::lane_audit(project, b_opts);
    std::set<std::int64_t> b_edges;
    for (const auto& s : b.segments) b_edges.insert(s.edge);
    std::vector<const routing::AuditSegment*> fixed;
    for (const auto& s : a.segments) {
      if (!b_edges.count(s.edge)) fixed.push_back(&s);
    }
    std::vector<std::string> newly;
    for (std::size_t i = 0; i < a.pairs.size() && i < b.pairs.size(); ++i) {
      if (!a.pairs[i].fully_separated && b.pairs[i].fully_separated) {
        newly.push_back(fmt::format("{} → {} ({})", b.pairs[i].origin, b.pairs[i].destination, b.pairs[i].profile));
      }
    }
    nlohmann::json j = {{"a", compare_->substr(0, comma)}, {"b", compare_->substr(comma + 1)},
                        {"mixed_km", {a.mixed_km(), b.mixed_km()}}, {"fully_separated", {a.fully_separated(), b.fully_separated()}},
                        {"paths", {a.pairs.size(), b.pairs.size()}}, {"segments_fixed", fixed.size()},
                        {"segments_left", b.segments.size()}, {"pairs_now_separated", newly}};
    if (json_) {
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("lane audit: {} vs {}, vehicles {}\n", j["a"].get<std::string>(), j["b"].get<std::string>(), fmt::join(o_.profiles, ", "));
    fmt::print("  {:<44} {:>10} {:>10}\n", "", j["a"].get<std::string>(), j["b"].get<std::string>());
    fmt::print("  {:<44} {:>10.2f} {:>10.2f}\n", "mixed-lane km on port ↔ centre paths", a.mixed_km(), b.mixed_km());
    fmt::print("  {:<44} {:>10} {:>10}\n", "fully separated paths", fmt::format("{}/{}", a.fully_separated(), a.pairs.size()),
               fmt::format("{}/{}", b.fully_separated(), b.pairs.size()));
    fmt::print("  {:<44} {:>10} {:>10}\n", "mixed segments on the upgrade list", a.segments.size(), b.segments.size());
    fmt::print("\n  fixed by {}:\n", j["b"].get<std::string>());
    for (const auto* s : fixed) fmt::print("    {:<44} {:>8.2f} km  {}\n", s->name, s->length_m / 1000, s->source_id);
    fmt::print("  paths now fully separated:\n");
    for (const auto& n : newly) fmt::print("    {}\n", n);
    fmt::print("  still mixed (top {}):\n", std::min<std::size_t>(static_cast<std::size_t>(top_), b.segments.size()));
    int rank = 0;
    for (const auto& s : b.segments) {
      if (++rank > top_) break;
      fmt::print("    {:<44} {:>8.2f} km {:>4} paths  {}\n", s.name, s.length_m / 1000, s.paths, s.source_id);
    }
  }

  CLI::App* audit_ = nullptr;
  std::string project_;
  routing::AuditOptions o_;
  std::vector<std::string> profiles_;
  std::optional<std::string> compare_, out_;
  std::optional<std::int64_t> volumes_;
  int top_ = 15;
  bool json_ = false;
};

}  // namespace
std::unique_ptr<Command> make_lanes_command() { return std::make_unique<LanesCommand>(); }
}  // namespace logiplan::cli
