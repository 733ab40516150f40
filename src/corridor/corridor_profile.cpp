#include "corridor/corridor_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "network/attach.hpp"
#include "routing/analyses.hpp"
#include "routing/profile.hpp"
#include "text/fold.hpp"

namespace logiplan::corridor {

namespace {

bool has_plan_lane(const network::Direction& d) {
  return d.lanes.has(network::LaneUse::motorcycle) || d.lanes.has(network::LaneUse::rudimentary);
}

// As the QGIS export's lane_status: dedicated when every open direction has a
// motorbike or rudimentary-vehicle lane, partial when one has, mixed otherwise.
std::string lane_status(const network::Edge& e) {
  if (e.mode != network::Mode::road) return std::string(network::mode_name(e.mode));
  const bool f = !e.forward.allowed || has_plan_lane(e.forward), b = !e.backward.allowed || has_plan_lane(e.backward);
  if (f && b) return "dedicated";
  if (has_plan_lane(e.forward) || has_plan_lane(e.backward)) return "partial";
  return "mixed";
}

bool is_port(const std::string& kind) { return kind == "terminal" || kind == "port" || kind == "seaport"; }

}  // namespace

CorridorProfile build_profile(project::Project& project, const CorridorTrace& t, const ProfileOptions& o) {
  CorridorProfile p;
  p.corridor = t.def.name, p.mode = std::string(network::mode_name(t.mode)), p.profile = t.ctx->profile().name;
  p.scenario = t.scenario, p.place_km = t.place_km, p.missing = t.missing, p.change = t.change;
  for (std::size_t k = 0; k < t.places.size(); ++k) p.places.push_back(t.place_label(k));
  p.length_km = t.length_m / 1000, p.minutes = t.time_s / 60;
  const auto& net = t.net();
  const auto& g = t.ctx->graph();
  std::vector<routing::Profile> classes;
  for (const auto& c : o.classes) classes.push_back(routing::Profile::load(c));
  // Edges whose loss splits the network (for this vehicle).
  std::set<std::int64_t> bridges;
  if (!t.places.empty()) {
    const auto c = routing::connectivity(*t.ctx, {t.places.front()}, {t.places.back()});
    bridges.insert(c.bridge_edges.begin(), c.bridge_edges.end());
  }
  const auto& first = t.ctx->place(t.places.front()).place;
  const auto& last = t.ctx->place(t.places.back()).place;
  p.port_to_logistics = t.mode == network::Mode::road &&
                        ((is_port(first.kind) && last.kind == "logistics_centre") ||
                         (is_port(last.kind) && first.kind == "logistics_centre"));
  // Segments: consecutive pieces alike.
  double km = 0;
  for (const auto& piece : t.pieces) {
    const auto& e = net.edges[static_cast<std::size_t>(piece.edge)];
    const auto& ahead = piece.forward ? e.forward : e.backward;
    const auto& back = piece.forward ? e.backward : e.forward;
    Segment s;
    s.name = e.name, s.ref = e.ref, s.road_class = e.road_class;
    s.lanes_ahead = static_cast<int>(ahead.lanes.count());
    s.lanes_back = back.allowed ? static_cast<int>(back.lanes.count()) : -1;
    s.lane_types = ahead.lanes.str();
    s.lane_status = lane_status(e);
    s.bridge = e.bridge, s.tunnel = e.tunnel;
    s.speed_kmh = piece.seconds > 0 ? piece.metres / piece.seconds * 3.6 : 0;
    s.splits_network = bridges.count(piece.edge) > 0;
    const auto vc = o.vc.find(piece.edge);
    if (vc != o.vc.end()) s.vc = vc->second;
    for (const auto& c : classes) {
      const double v = c.speed_kmh(e, piece.forward);
      const bool ok = c.may_travel(e, piece.forward) && v > 0;
      s.classes.push_back({c.name, ok ? piece.metres / (v / 3.6) / 60 : 0, ok});
    }
    s.from_km = km, s.length_m = piece.metres, s.to_km = km + piece.metres / 1000;
    s.edges = {piece.edge}, s.source_ids = {e.source_id};
    for (const auto a : piece.arcs) {
      auto geom = g.arc_geometry(a);
      if (!s.geometry.empty() && !geom.empty()) geom.erase(geom.begin());
      s.geometry.insert(s.geometry.end(), geom.begin(), geom.end());
    }
    km = s.to_km;
    auto& prev = p.segments;
    const bool alike = !prev.empty() && prev.back().name == s.name && prev.back().ref == s.ref &&
                       prev.back().road_class == s.road_class && prev.back().lanes_ahead == s.lanes_ahead &&
                       prev.back().lanes_back == s.lanes_back && prev.back().lane_types == s.lane_types &&
                       prev.back().lane_status == s.lane_status && prev.back().bridge == s.bridge &&
                       prev.back().tunnel == s.tunnel && std::abs(prev.back().speed_kmh - s.speed_kmh) < 0.5 &&
                       prev.back().splits_network == s.splits_network;
    if (!alike) {
      prev.push_back(std::move(s));
      continue;
    }
    auto& m = prev.back();
    m.to_km = s.to_km, m.length_m += s.length_m;
    m.edges.push_back(piece.edge);
    if (m.source_ids.back() != s.source_ids.front()) m.source_ids.push_back(s.source_ids.front());
    for (std::size_t c = 0; c < m.classes.size(); ++c) {
      m.classes[c].minutes += s.classes[c].minutes, m.classes[c].allowed = m.classes[c].allowed && s.classes[c].allowed;
    }
    if (s.vc) m.vc = std::max(m.vc.value_or(0.0), *s.vc);
    if (!s.geometry.empty()) m.geometry.insert(m.geometry.end(), s.geometry.begin() + 1, s.geometry.end());
  }
  // Bottlenecks.
  const auto label = [](const Segment& s) { return s.name.empty() ? (s.ref.empty() ? s.road_class : s.ref) : s.name; };
  const auto at = [](const Segment& s) { return s.geometry.empty() ? network::LonLat{} : s.geometry.front(); };
  for (std::size_t k = 0; k < p.segments.size(); ++k) {
    const auto& s = p.segments[k];
    const bool road = t.mode == network::Mode::road;
    if (k > 0 && road) {
      const auto& b = p.segments[k - 1];
      if (b.lanes_ahead > 0 && s.lanes_ahead > 0 && s.lanes_ahead < b.lanes_ahead) {
        p.bottlenecks.push_back({"lane_drop", s.from_km, label(s), fmt::format("{} → {} lanes", b.lanes_ahead, s.lanes_ahead), at(s),
                                 double(b.lanes_ahead), double(s.lanes_ahead)});
      }
      if (s.speed_kmh <= b.speed_kmh - o.speed_drop_kmh) {
        p.bottlenecks.push_back(
            {"speed_drop", s.from_km, label(s), fmt::format("{:.0f} → {:.0f} km/h", b.speed_kmh, s.speed_kmh), at(s), b.speed_kmh, s.speed_kmh});
      }
    }
    if (road && s.lanes_ahead == 1) {
      p.bottlenecks.push_back(
          {"single_lane", s.from_km, label(s), fmt::format("{:.2f} km with one lane", s.length_m / 1000), at(s), s.length_m / 1000, 0});
    }
    if (p.port_to_logistics && s.lane_status != "dedicated") {
      p.bottlenecks.push_back({"mixed_lanes", s.from_km, label(s),
                               fmt::format("{:.2f} km {} on a port – logistics centre road", s.length_m / 1000, s.lane_status),
                               at(s), s.length_m / 1000, 0});
    }
    if (s.splits_network) {
      p.bottlenecks.push_back({"network_bridge", s.from_km, label(s), "its loss splits the network", at(s)});
    }
    if (s.vc && *s.vc >= o.high_vc) {
      p.bottlenecks.push_back({"high_vc", s.from_km, label(s), fmt::format("V/C {:.2f}", *s.vc), at(s), *s.vc, 0});
    }
  }
  // Turn restrictions at the junctions it passes, from the edge it arrives on.
  double at_km = 0;
  for (std::size_t k = 0; k + 1 < t.pieces.size(); ++k) {
    at_km += t.pieces[k].metres / 1000;
    const auto& e = net.edges[static_cast<std::size_t>(t.pieces[k].edge)];
    const auto via = t.pieces[k].forward ? e.to : e.from;
    for (const auto& r : net.restrictions) {
      if (r.via_node == via && r.from_edge == t.pieces[k].edge && t.ctx->profile().bound_by(r)) {
        p.turns.push_back({at_km, r.kind, via, r.to_edge});
      }
    }
  }
  // Facilities attached to its edges, at their point along the edge.
  struct Along {
    double start_km;
    bool forward;
  };
  std::map<std::int64_t, Along> along;
  double run = 0;
  for (const auto& piece : t.pieces) along.emplace(piece.edge, Along{run, piece.forward}), run += piece.metres / 1000;
  std::set<std::string> seen;
  for (const auto& a : network::load_attachments(project.db(), t.ctx->info().id)) {
    if (!a.edge || a.mode != t.mode) continue;
    const auto s = along.find(*a.edge);
    if (s == along.end() || !seen.insert(a.feature_id).second) continue;
    const double edge_km = net.edges[static_cast<std::size_t>(*a.edge)].length_m / 1000;
    const double into = (s->second.forward ? a.fraction : 1 - a.fraction) * edge_km;
    p.served.push_back({std::min(s->second.start_km + into, p.length_km), a.feature_id, a.name, a.kind});
  }
  std::sort(p.served.begin(), p.served.end(), [](const Served& x, const Served& y) { return x.km < y.km; });
  return p;
}

double CorridorProfile::km_with_status(const std::string& status) const {
  double km = 0;
  for (const auto& s : segments) if (s.lane_status == status) km += s.length_m / 1000;
  return km;
}

double CorridorProfile::class_minutes(const std::string& profile) const {
  double m = 0;
  for (const auto& s : segments) {
    for (const auto& c : s.classes) {
      if (c.profile != profile) continue;
      if (!c.allowed) return std::numeric_limits<double>::quiet_NaN();
      m += c.minutes;
    }
  }
  return m;
}

nlohmann::json CorridorProfile::summary() const {
  nlohmann::json segs = nlohmann::json::array(), bots = nlohmann::json::array(), turn = nlohmann::json::array(),
                 serv = nlohmann::json::array(), times = nlohmann::json::object();
  for (const auto& s : segments) {
    nlohmann::json cls = nlohmann::json::object();
    for (const auto& c : s.classes) cls[c.profile] = c.allowed ? nlohmann::json(c.minutes) : nlohmann::json();
    segs.push_back({{"from_km", s.from_km}, {"to_km", s.to_km}, {"name", s.name}, {"ref", s.ref}, {"class", s.road_class},
                    {"length_m", s.length_m}, {"lanes_ahead", s.lanes_ahead}, {"lanes_back", s.lanes_back},
                    {"lane_types", s.lane_types}, {"lane_status", s.lane_status}, {"bridge", s.bridge}, {"tunnel", s.tunnel},
                    {"speed_kmh", s.speed_kmh}, {"minutes", cls}, {"vc", s.vc ? nlohmann::json(*s.vc) : nlohmann::json()},
                    {"splits_network", s.splits_network}, {"edges", s.edges}, {"source_ids", s.source_ids}});
  }
  for (const auto& b : bottlenecks) bots.push_back({{"kind", b.kind}, {"km", b.km}, {"road", b.road}, {"detail", b.detail}});
  for (const auto& x : turns) turn.push_back({{"km", x.km}, {"kind", x.kind}, {"via_node", x.via_node}, {"to_edge", x.to_edge}});
  for (const auto& x : served) serv.push_back({{"km", x.km}, {"feature_id", x.feature_id}, {"name", x.name}, {"kind", x.kind}});
  if (!segments.empty()) {
    for (const auto& c : segments.front().classes) {
      const double m = class_minutes(c.profile);
      times[c.profile] = std::isnan(m) ? nlohmann::json() : nlohmann::json(m);
    }
  }
  nlohmann::json out = {{"corridor", corridor}, {"mode", mode}, {"profile", profile},
                        {"scenario", scenario ? nlohmann::json(*scenario) : nlohmann::json()}, {"places", places},
                        {"place_km", place_km}, {"length_km", length_km}, {"minutes", minutes}, {"minutes_by_class", times},
                        {"mixed_km", km_with_status("mixed")}, {"partial_km", km_with_status("partial")},
                        {"dedicated_km", km_with_status("dedicated")}, {"port_to_logistics_centre", port_to_logistics},
                        {"segments", segs}, {"bottlenecks", bots}, {"turn_restrictions", turn}, {"serves", serv},
                        {"missing_legs", missing}};
  if (change) out["network_change"] = change_json(*change);
  return out;
}

std::string CorridorProfile::text() const {
  std::string t = fmt::format("corridor '{}' ({}, {}{}): {} — {:.2f} km, {:.1f} min\n", corridor, mode, profile,
                              scenario ? ", scenario " + *scenario : "", places.empty() ? "" : places.front() + " → " + places.back(),
                              length_km, minutes);
  if (change) {
    t += fmt::format("  the network changed since version {}: {:.2f} km, {:.1f} min then; {} ways left the path, {} joined it\n",
                     change->previous_network, change->previous_km, change->previous_minutes, change->left.size(),
                     change->joined.size());
  }
  for (const auto& m : missing) t += fmt::format("  no path: {}\n", m);
  t += fmt::format("{:>6} {:>6}  {:<30} {:<10} {:>5} {:>5}  {:<9} {:>5}  {:>7} {:>7} {:>7} {:>7}  {}\n", "km", "to", "road",
                   "class", "lanes", "back", "status", "km/h", "cont.", "truck", "car", "moto", "min");
  const auto minutes = [](const ClassTime& c) { return c.allowed ? fmt::format("{:.2f}", c.minutes) : std::string("—"); };
  for (const auto& s : segments) {
    std::string cls;
    for (std::size_t k = 0; k < 4; ++k) cls += fmt::format(" {:>7}", k < s.classes.size() ? minutes(s.classes[k]) : "");
    std::string marks = std::string(s.bridge ? "cầu " : "") + (s.tunnel ? "hầm " : "") + (s.splits_network ? "cut " : "") +
                        (s.vc ? fmt::format("V/C {:.2f}", *s.vc) : "");
    t += fmt::format("{:>6.2f} {:>6.2f}  {:<30} {:<10} {:>5} {:>5}  {:<9} {:>5.0f} {} {}\n", s.from_km, s.to_km,
                     text::truncate(s.name.empty() ? (s.ref.empty() ? "—" : s.ref) : s.name, 30),
                     text::truncate(s.road_class, 10), s.lanes_ahead > 0 ? std::to_string(s.lanes_ahead) : "?",
                     s.lanes_back < 0 ? "—" : (s.lanes_back > 0 ? std::to_string(s.lanes_back) : "?"), s.lane_status,
                     s.speed_kmh, cls, marks);
  }
  t += fmt::format("lanes: {:.2f} km dedicated, {:.2f} km partial, {:.2f} km mixed{}\n", km_with_status("dedicated"),
                   km_with_status("partial"), km_with_status("mixed"),
                   port_to_logistics ? " (a port – logistics centre road: the plan wants no mixed lanes)" : "");
  t += fmt::format("bottlenecks ({}):\n", bottlenecks.size());
  for (const auto& b : bottlenecks) t += fmt::format("  km {:>6.2f}  {:<15} {:<30} {}\n", b.km, b.kind, text::truncate(b.road, 30), b.detail);
  for (const auto& x : turns) t += fmt::format("  turn restriction at km {:.2f}: {} (node {})\n", x.km, x.kind, x.via_node);
  if (!served.empty()) {
    t += "serves:";
    for (const auto& x : served) t += fmt::format(" {} (km {:.1f});", x.name, x.km);
    t += "\n";
  }
  return t;
}

std::vector<routing::ResultLayer> CorridorProfile::layers() const {
  routing::ResultLayer segs, bots;
  segs.name = "corridor_segments";
  segs.fields = {{"corridor", OFTString},   {"mode", OFTString},     {"seq", OFTInteger},     {"from_km", OFTReal},
                 {"to_km", OFTReal},        {"name", OFTString},     {"ref", OFTString},      {"class", OFTString},
                 {"lanes_ahead", OFTInteger}, {"lanes_back", OFTInteger}, {"lane_types", OFTString},
                 {"lane_status", OFTString}, {"bridge", OFTInteger}, {"tunnel", OFTInteger}, {"speed_kmh", OFTReal},
                 {"vc", OFTReal},           {"splits_network", OFTInteger}};
  for (const auto& c : segments.empty() ? std::vector<ClassTime>{} : segments.front().classes) {
    segs.fields.push_back({"min_" + c.profile, OFTReal});
  }
  int seq = 0;
  for (const auto& s : segments) {
    std::vector<routing::Value> v{corridor, mode, std::int64_t(++seq), s.from_km, s.to_km, s.name, s.ref, s.road_class,
                                  std::int64_t(s.lanes_ahead), std::int64_t(s.lanes_back), s.lane_types, s.lane_status,
                                  std::int64_t(s.bridge), std::int64_t(s.tunnel), s.speed_kmh,
                                  s.vc ? routing::Value(*s.vc) : routing::Value(std::monostate{}), std::int64_t(s.splits_network)};
    for (const auto& c : s.classes) v.push_back(c.allowed ? routing::Value(c.minutes) : routing::Value(std::monostate{}));
    segs.add(std::move(v), routing::line_geometry(s.geometry));
  }
  bots.name = "corridor_bottlenecks";
  bots.geometry = wkbPoint;
  bots.fields = {{"corridor", OFTString}, {"mode", OFTString}, {"kind", OFTString}, {"km", OFTReal}, {"road", OFTString},
                 {"detail", OFTString}};
  for (const auto& b : bottlenecks) bots.add({corridor, mode, b.kind, b.km, b.road, b.detail}, routing::point_geometry(b.at));
  std::vector<routing::ResultLayer> out;
  out.push_back(std::move(segs));
  out.push_back(std::move(bots));
  return out;
}

}  // namespace logiplan::corridor
