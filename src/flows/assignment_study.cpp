#include "flows/assignment_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "flows/demand_store.hpp"
#include "flows/port_demand.hpp"
#include "flows/skim.hpp"
#include "network/build_settings.hpp"
#include "network/network_store.hpp"
#include "routing/places.hpp"
#include "scenario/scenario.hpp"
#include "text/fold.hpp"

namespace logiplan::flows {

namespace {

// "EDGE", "EDGE:ab", "EDGE:ba" → the edge's links in the assignment network.
std::vector<SelectedEdge> select_edges(const LinkedNetwork& ln, const network::Network& net, const std::vector<std::string>& specs) {
  std::vector<SelectedEdge> out;
  for (const auto& spec : specs) {
    const auto colon = spec.find(':');
    const std::string number = spec.substr(0, colon), dir = colon == std::string::npos ? "" : spec.substr(colon + 1);
    SelectedEdge s{spec, 0, {}, {}};
    try {
      std::size_t used = 0;
      s.edge = std::stoll(number, &used);
      if (used != number.size()) throw std::invalid_argument(number);
    } catch (const std::exception&) {
      throw UsageError(fmt::format("--select-link '{}': EDGE, EDGE:ab or EDGE:ba, with EDGE the edge field of network_edges "
                                   "or assignment_links",
                                   spec));
    }
    if (!dir.empty() && dir != "ab" && dir != "ba") {
      throw UsageError(fmt::format("--select-link '{}': the direction is ab (along the edge's drawing) or ba", spec));
    }
    if (s.edge < 0 || static_cast<std::size_t>(s.edge) >= net.edges.size()) {
      throw UsageError(fmt::format("--select-link '{}': the network has edges 0 to {}", spec, net.edges.size() - 1));
    }
    for (std::size_t a = 0; a < ln.links.size(); ++a) {
      if (ln.edge[a] == s.edge && (dir.empty() || (dir == "ab") == static_cast<bool>(ln.forward[a]))) s.links.push_back(a);
    }
    if (s.links.empty()) {
      const auto& e = net.edges[static_cast<std::size_t>(s.edge)];
      throw UsageError(fmt::format("--select-link '{}': edge {} ({}) {} no vehicle class of the demand may use", spec, s.edge,
                                   e.name.empty() ? e.road_class : e.name, dir.empty() ? "is one" : "in that direction is one"));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

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
  // Trips of a matrix between the linked zones, in PCU; returns the vehicles counted.
  auto fill = [&](const std::vector<Trip>& trips, double pcu, OdMatrix& od) {
    double vehicles = 0;
    for (const auto& t : trips) {
      const auto from = zone_index.find(t.origin), to = zone_index.find(t.destination);
      if (from == zone_index.end() || to == zone_index.end()) continue;
      const int a = o.linked.zone_of[from->second], b = o.linked.zone_of[to->second];
      if (a < 0 || b < 0 || a == b) continue;  // listed in left_out
      od.at(a, b) += t.trips * pcu;
      vehicles += t.trips;
    }
    return vehicles;
  };
  const int zone_count = static_cast<int>(o.linked.zones.size());
  for (std::size_t c = 0; c < matrices.size(); ++c) {
    const auto& m = matrices[c];
    ClassInfo info{m.vehicle_class, m.period, settings.pcu_of(m.vehicle_class), 0};
    ClassDemand cd{m.vehicle_class, OdMatrix(zone_count), info.pcu, o.linked.allowed(o.net, profiles[c])};
    info.trips = fill(m.trips, info.pcu, cd.trips);
    o.classes.push_back(info);
    o.demand.push_back(std::move(cd));
  }
  if (matrices.size() > 1) {
    for (const auto& m : matrices) {
      if (m.period != matrices.front().period) {
        throw DataError(fmt::format("demand '{}' mixes periods: {} is per {}, {} per {}", study.demand,
                                    matrices.front().vehicle_class, matrices.front().period, m.vehicle_class, m.period));
      }
    }
  }
  auto options = study.options;
  o.selected = select_edges(o.linked, o.net, study.select_links);
  for (auto& s : o.selected) {
    for (const auto a : s.links) s.results.push_back(options.select_links.size()), options.select_links.push_back(a);
  }
  // Generated matrices can be distributed again on congested times: check before the first assignment.
  std::vector<std::optional<PortDemandSpec>> regenerate(matrices.size());
  if (study.feedback > 0) {
    for (std::size_t c = 0; c < matrices.size(); ++c) {
      if (matrices[c].source == "port throughput") regenerate[c] = port_spec_of(matrices[c]);
    }
    if (std::none_of(regenerate.begin(), regenerate.end(), [](const auto& r) { return r.has_value(); })) {
      port_spec_of(matrices.front());  // throws, saying why
    }
  }
  o.result = assign(o.linked.links, o.demand, options, each);
  for (int round = 1; round <= study.feedback; ++round) {
    double changed = 0, before = 0;
    for (std::size_t c = 0; c < matrices.size(); ++c) {
      if (!regenerate[c]) continue;
      auto spec = *regenerate[c];
      spec.net = study.net, spec.net.profile = matrices[c].vehicle_class;
      const auto times = skim(o.linked.links, o.result.cost, o.demand[c].allowed, options.threads);
      spec.seconds = [&](const std::string& from, const std::string& to) {
        const auto a = zone_index.find(from), b = zone_index.find(to);
        if (a == zone_index.end() || b == zone_index.end()) return std::nan("");
        const int za = o.linked.zone_of[a->second], zb = o.linked.zone_of[b->second];
        return za < 0 || zb < 0 ? std::nan("") : times.minutes.at(za, zb) * 60;
      };
      const auto again = generate_port_demand(project, spec, settings);
      OdMatrix fresh(zone_count);
      fill(again.matrix.trips, o.classes[c].pcu, fresh);
      // The method of successive averages on the demand: the loop settles
      // instead of swinging between two distributions.
      auto& od = o.demand[c].trips.trips;
      for (std::size_t k = 0; k < od.size(); ++k) {
        changed += std::abs(fresh.trips[k] - od[k]), before += od[k];
        od[k] += (fresh.trips[k] - od[k]) / (round + 1);
      }
    }
    o.result = assign(o.linked.links, o.demand, options, each);
    o.feedback.push_back({round, before > 0 ? changed / before : 0, o.result.gap, static_cast<int>(o.result.iterations.size()),
                          o.pcu_hours()});
  }
  for (std::size_t c = 0; c < o.classes.size() && study.feedback > 0; ++c) o.classes[c].trips = o.demand[c].trips.total() / o.classes[c].pcu;
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
                  {"t0_min", OFTReal},    {"time_ab_min", OFTReal}, {"time_ba_min", OFTReal}, {"vehicles", OFTReal},
                  {"t0_ab_min", OFTReal}, {"t0_ba_min", OFTReal}};
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
                                  val(d.ba, [&](auto a) { return r.cost[a] / 60; }), vehicles,
                                  val(d.ab, [&](auto a) { return l.free_time[a] / 60; }),
                                  val(d.ba, [&](auto a) { return l.free_time[a] / 60; })};
    for (std::size_t c = 0; c < classes.size(); ++c) {
      v.push_back(val(d.ab, [&](auto a) { return r.class_volume[c][a] / classes[c].pcu; }));
      v.push_back(val(d.ba, [&](auto a) { return r.class_volume[c][a] / classes[c].pcu; }));
    }
    layer.add(std::move(v), routing::line_geometry(edge.geometry));
  }
  return layer;
}

double AssignmentOutcome::pcu_hours() const {
  double h = 0;
  for (std::size_t a = 0; a < linked.links.size(); ++a) if (linked.edge[a] >= 0) h += result.volume[a] * result.cost[a] / 3600;
  return h;
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
  nlohmann::json unreached = nlohmann::json::array();
  for (std::size_t c = 0; c < result.unreached.size(); ++c) {
    for (const auto& u : result.unreached[c]) {
      unreached.push_back({{"class", classes[c].profile}, {"origin", linked.zones[static_cast<std::size_t>(u.origin)].id},
                           {"destination", linked.zones[static_cast<std::size_t>(u.destination)].id},
                           {"vehicles", u.trips / classes[c].pcu}});
    }
  }
  nlohmann::json rounds = nlohmann::json::array();
  for (const auto& f : feedback) {
    rounds.push_back({{"round", f.round}, {"demand_change", f.demand_change}, {"gap", f.gap}, {"iterations", f.iterations},
                      {"pcu_hours", f.pcu_hours}});
  }
  return {{"network", network.name}, {"network_version", network.id},
          {"scenario", scenario ? nlohmann::json(*scenario) : nlohmann::json()}, {"classes", cls},
          {"zones", linked.zones.size()}, {"links", l.size()}, {"gap", result.gap}, {"converged", result.converged},
          {"objective", result.objective}, {"iterations", iterations}, {"seconds", result.seconds},
          {"pcu_km", vkt}, {"pcu_hours", vht}, {"links_over_capacity", over}, {"not_placed", left},
          {"unreachable_pairs", unreached}, {"feedback", rounds}, {"select_link", select_link_summary(10)}};
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
  for (const auto& f : feedback) {
    t += fmt::format("feedback round {}: the demand moved {:.2f} % on congested times; gap {:.2e} after {} iterations; {:.1f} PCU·h\n",
                     f.round, 100 * f.demand_change, f.gap, f.iterations, f.pcu_hours);
  }
  for (std::size_t c = 0; c < result.unreached.size(); ++c) {
    if (result.unreached[c].empty()) continue;
    double v = 0;
    for (const auto& u : result.unreached[c]) v += u.trips / classes[c].pcu;
    t += fmt::format("  left out: {:.1f} {} trips between {} pairs with no path (listed with --json)\n", v, classes[c].profile,
                     result.unreached[c].size());
  }
  t += select_link_text(top);
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
  for (auto& l : o.select_link_layers()) layers.push_back(std::move(l));
  if (!study.select_links.empty()) params["select_links"] = study.select_links;
  if (study.feedback > 0) params["feedback"] = study.feedback;
  if (study.options.drop_unreachable) params["drop_unreachable"] = true;
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
