#include "flows/assignment_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "flows/demand_store.hpp"
#include "network/build_settings.hpp"
#include "network/network_store.hpp"
#include "routing/places.hpp"
#include "scenario/scenario.hpp"
#include "text/fold.hpp"

namespace logiplan::flows {

AssignmentOutcome run_assignment_study(project::Project& project, const AssignmentStudy& study,
                                       const std::function<void(const IterationReport&)>& each) {
  auto& db = project.db();
  const auto settings = FlowSettings::load(study.settings_path);
  const auto matrices = load_demand(db, study.demand);
  AssignmentOutcome o;
  o.scenario = study.net.scenario;
  o.net = network::load_network(db, study.net.network);  // throws, listing the networks, when absent
  o.network = *network::find_network(db, study.net.network);
  if (study.net.scenario) scenario::apply_scenario(db, *study.net.scenario, o.network, o.net);
  // Zones: every place the matrices name, in order of first appearance.
  std::vector<Zone> zones;
  std::map<std::string, std::size_t> zone_index;
  for (const auto& m : matrices) {
    for (const auto& t : m.trips) {
      for (const auto& id : {t.origin, t.destination}) {
        if (zone_index.count(id)) continue;
        const auto places = routing::resolve_places(db, id);
        zone_index[id] = zones.size();
        zones.push_back({id, places.front().label, places.front().position});
      }
    }
  }
  std::vector<routing::Profile> profiles;
  for (const auto& m : matrices) profiles.push_back(routing::Profile::load(m.vehicle_class));
  const double max_snap = study.net.max_snap_m.value_or(network::BuildSettings::load().attach_max_distance_m);
  o.linked = link_network(o.net, zones, profiles, settings, max_snap);
  std::vector<ClassDemand> classes;
  for (std::size_t c = 0; c < matrices.size(); ++c) {
    const auto& m = matrices[c];
    ClassInfo info{m.vehicle_class, m.period, settings.pcu_of(m.vehicle_class), 0};
    ClassDemand cd{m.vehicle_class, OdMatrix(static_cast<int>(o.linked.zones.size())), info.pcu,
                   o.linked.allowed(o.net, profiles[c])};
    for (const auto& t : m.trips) {
      const int a = o.linked.zone_of[zone_index.at(t.origin)], b = o.linked.zone_of[zone_index.at(t.destination)];
      if (a < 0 || b < 0 || a == b) continue;  // listed in left_out
      cd.trips.at(a, b) += t.trips * info.pcu;
      info.trips += t.trips;
    }
    o.classes.push_back(info);
    classes.push_back(std::move(cd));
  }
  if (matrices.size() > 1) {
    for (const auto& m : matrices) {
      if (m.period != matrices.front().period) {
        throw DataError(fmt::format("demand '{}' mixes periods: {} is per {}, {} per {}", study.demand,
                                    matrices.front().vehicle_class, matrices.front().period, m.vehicle_class, m.period));
      }
    }
  }
  o.result = assign(o.linked.links, classes, study.options, each);
  return o;
}

namespace {

// Per edge, both directions: link indices.
struct EdgeLinks {
  std::size_t ab = SIZE_MAX, ba = SIZE_MAX;
};
std::map<std::int64_t, EdgeLinks> by_edge(const LinkedNetwork& ln) {
  std::map<std::int64_t, EdgeLinks> out;
  for (std::size_t a = 0; a < ln.links.size(); ++a) {
    if (ln.edge[a] < 0) continue;
    (ln.forward[a] ? out[ln.edge[a]].ab : out[ln.edge[a]].ba) = a;
  }
  return out;
}

}  // namespace

routing::ResultLayer AssignmentOutcome::layer() const {
  routing::ResultLayer layer;
  layer.name = "assignment_links";
  layer.fields = {{"edge", OFTInteger64}, {"name", OFTString},  {"road_class", OFTString}, {"lanes_ab", OFTReal},
                  {"lanes_ba", OFTReal},  {"cap_ab", OFTReal},  {"cap_ba", OFTReal},      {"pcu_ab", OFTReal},
                  {"pcu_ba", OFTReal},    {"vc_ab", OFTReal},   {"vc_ba", OFTReal},       {"vc_max", OFTReal},
                  {"t0_min", OFTReal},    {"time_ab_min", OFTReal}, {"time_ba_min", OFTReal}, {"vehicles", OFTReal}};
  for (const auto& c : classes) layer.fields.push_back({c.profile + "_ab", OFTReal}), layer.fields.push_back({c.profile + "_ba", OFTReal});
  const auto& l = linked.links;
  const auto& r = result;
  for (const auto& [e, d] : by_edge(linked)) {
    double total = 0;
    for (const auto a : {d.ab, d.ba}) if (a != SIZE_MAX) total += r.volume[a];
    if (total <= 1e-9) continue;
    const auto& edge = net.edges[static_cast<std::size_t>(e)];
    auto val = [](std::size_t a, auto f) { return a == SIZE_MAX ? routing::Value(std::monostate{}) : routing::Value(f(a)); };
    const auto vc = [&](std::size_t a) { return r.volume[a] / l.capacity[a]; };
    double vc_max = 0, vehicles = 0;
    for (const auto a : {d.ab, d.ba}) if (a != SIZE_MAX) vc_max = std::max(vc_max, vc(a));
    for (std::size_t c = 0; c < classes.size(); ++c) {
      for (const auto a : {d.ab, d.ba}) if (a != SIZE_MAX) vehicles += r.class_volume[c][a] / classes[c].pcu;
    }
    const std::size_t any = d.ab != SIZE_MAX ? d.ab : d.ba;
    std::vector<routing::Value> v{e, edge.name, edge.road_class, val(d.ab, [&](auto a) { return linked.lanes[a]; }),
                                  val(d.ba, [&](auto a) { return linked.lanes[a]; }), val(d.ab, [&](auto a) { return l.capacity[a]; }),
                                  val(d.ba, [&](auto a) { return l.capacity[a]; }), val(d.ab, [&](auto a) { return r.volume[a]; }),
                                  val(d.ba, [&](auto a) { return r.volume[a]; }), val(d.ab, vc), val(d.ba, vc), vc_max,
                                  l.free_time[any] / 60, val(d.ab, [&](auto a) { return r.cost[a] / 60; }),
                                  val(d.ba, [&](auto a) { return r.cost[a] / 60; }), vehicles};
    for (std::size_t c = 0; c < classes.size(); ++c) {
      v.push_back(val(d.ab, [&](auto a) { return r.class_volume[c][a] / classes[c].pcu; }));
      v.push_back(val(d.ba, [&](auto a) { return r.class_volume[c][a] / classes[c].pcu; }));
    }
    layer.add(std::move(v), routing::line_geometry(edge.geometry));
  }
  return layer;
}

nlohmann::json AssignmentOutcome::summary() const {
  nlohmann::json cls = nlohmann::json::array();
  for (const auto& c : classes) cls.push_back({{"class", c.profile}, {"pcu", c.pcu}, {"trips", c.trips}, {"period", c.period}});
  nlohmann::json iterations = nlohmann::json::array();
  for (const auto& it : result.iterations) {
    iterations.push_back({{"iteration", it.iteration}, {"gap", it.gap}, {"objective", it.objective}, {"step", it.step}});
  }
  double vkt = 0, vht = 0;
  std::size_t over = 0;
  const auto& l = linked.links;
  for (std::size_t a = 0; a < l.size(); ++a) {
    if (linked.edge[a] < 0) continue;
    vkt += result.volume[a] * l.length[a] / 1000;
    vht += result.volume[a] * result.cost[a] / 3600;
    over += result.volume[a] > l.capacity[a];
  }
  nlohmann::json left = nlohmann::json::array();
  for (const auto& [id, why] : linked.left_out) left.push_back({{"place", id}, {"reason", why}});
  return {{"network", network.name}, {"network_version", network.id},
          {"scenario", scenario ? nlohmann::json(*scenario) : nlohmann::json()}, {"classes", cls},
          {"zones", linked.zones.size()}, {"links", l.size()}, {"gap", result.gap}, {"converged", result.converged},
          {"objective", result.objective}, {"iterations", iterations}, {"seconds", result.seconds},
          {"pcu_km", vkt}, {"pcu_hours", vht}, {"links_over_capacity", over}, {"not_placed", left}};
}

std::string AssignmentOutcome::text(std::size_t top) const {
  const auto s = summary();
  std::string t;
  for (const auto& c : classes) {
    t += fmt::format("  {:<18} {:>10.1f} trips per {} ({} PCU each)\n", c.profile, c.trips, c.period == "day" ? "day" : "peak hour", c.pcu);
  }
  t += fmt::format("{} after {} iterations: relative gap {:.2e}, {:.2f} s; {} zones, {} links; {:.0f} PCU·km, {:.1f} PCU·h; "
                   "{} links over capacity\n",
                   result.converged ? "converged" : "stopped", result.iterations.size(), result.gap, result.seconds,
                   linked.zones.size(), linked.links.size(), s["pcu_km"].get<double>(), s["pcu_hours"].get<double>(),
                   s["links_over_capacity"].get<std::size_t>());
  // The busiest links by V/C.
  std::vector<std::size_t> order;
  for (std::size_t a = 0; a < linked.links.size(); ++a) if (linked.edge[a] >= 0 && result.volume[a] > 0) order.push_back(a);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    return result.volume[a] / linked.links.capacity[a] > result.volume[b] / linked.links.capacity[b];
  });
  t += fmt::format("{:<40} {:>5} {:>9} {:>9} {:>6} {:>8} {:>8}\n", "busiest links (by V/C)", "dir", "PCU", "capacity", "V/C",
                   "t0 min", "t min");
  for (std::size_t k = 0; k < order.size() && k < top; ++k) {
    const auto a = order[k];
    const auto& e = net.edges[static_cast<std::size_t>(linked.edge[a])];
    t += fmt::format("{:<40} {:>5} {:>9.0f} {:>9.0f} {:>6.2f} {:>8.2f} {:>8.2f}\n",
                     text::truncate(e.name.empty() ? e.road_class : e.name, 40), linked.forward[a] ? "ab" : "ba",
                     result.volume[a], linked.links.capacity[a], result.volume[a] / linked.links.capacity[a],
                     linked.links.free_time[a] / 60, result.cost[a] / 60);
  }
  for (const auto& [id, why] : linked.left_out) t += fmt::format("  left out: {} — {}\n", id, why);
  return t;
}

std::int64_t store_assignment_run(db::Database& db, const AssignmentStudy& study, const AssignmentOutcome& o) {
  nlohmann::json params = {{"demand", study.demand}, {"algorithm", std::string(algorithm_name(study.options.algorithm))},
                           {"gap", study.options.gap}, {"max_iterations", study.options.max_iterations}};
  if (study.settings_path) params["settings"] = *study.settings_path;
  if (o.scenario) params["scenario"] = *o.scenario;
  const auto s = o.summary();
  std::vector<routing::ResultLayer> layers;
  layers.push_back(o.layer());
  std::string classes;
  for (const auto& c : o.classes) classes += (classes.empty() ? "" : ",") + c.profile;
  return routing::store_run(db,
                            {"assignment", o.network.id, o.network.name, classes, params,
                             {{"gap", s["gap"]}, {"converged", s["converged"]}, {"pcu_km", s["pcu_km"]},
                              {"links_over_capacity", s["links_over_capacity"]}, {"classes", s["classes"]}},
                             o.result.seconds},
                            layers);
}

}  // namespace logiplan::flows
