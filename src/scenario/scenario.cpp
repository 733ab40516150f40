#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "geom/measure.hpp"
#include "network/build_settings.hpp"
#include "text/fold.hpp"

namespace logiplan::scenario {

namespace {
std::optional<ScenarioInfo> find(db::Database& db, const std::string& name) {
  auto st = db.prepare(
      "SELECT s.id, s.name, s.network_name, s.description, s.created_at, (SELECT count(*) FROM scenario_edits e WHERE"
      " e.scenario_id = s.id) FROM scenarios s WHERE s.name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return ScenarioInfo{st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_int(5)};
}

ScenarioInfo require(db::Database& db, const std::string& name) {
  if (auto s = find(db, name)) return *s;
  std::string names;
  for (const auto& s : list_scenarios(db)) names += (names.empty() ? "" : ", ") + s.name;
  throw DataError(fmt::format("no scenario '{}' ({})", name, names.empty() ? "the project has none" : "scenarios: " + names));
}

// A network with its scenario edits applied one by one, with lookups built once:
// by source id, by folded name, and a grid of nodes (an add-link joins the node
// within 50 m). Each edit costs what it touches, not a scan of the network, so a
// scenario of thousands of edits loads and imports in seconds.
class Applier {
 public:
  Applier(std::string scenario, network::Network& net) : scenario_(std::move(scenario)), net_(net) {
    for (std::size_t i = 0; i < net_.edges.size(); ++i) index_edge(static_cast<std::int64_t>(i));
    for (std::size_t n = 0; n < net_.nodes.size(); ++n) index_node(static_cast<std::int64_t>(n));
  }

  std::vector<std::int64_t> matching(const Target& t) const {
    if (t.edge) {
      if (*t.edge >= 0 && static_cast<std::size_t>(*t.edge) < net_.edges.size()) return {*t.edge};
      return {};
    }
    const auto& map = t.source_id.empty() ? by_name_ : by_source_;
    const auto it = map.find(t.source_id.empty() ? text::match_key(t.name) : t.source_id);
    if (it == map.end() || it->first.empty()) return {};
    return it->second;
  }

  // index: the edit's position in the scenario (0-based), for messages and ids.
  void apply(const Edit& e, std::size_t index) {
    if (e.kind == "set_lanes" || e.kind == "close_link") {
      const auto edges = matching(e.target);
      if (edges.empty()) {
        throw DataError(fmt::format("scenario '{}': edit {} ({}): no segment {} in the network", scenario_, index + 1,
                                    e.kind, e.target.describe()));
      }
      for (const auto id : edges) {
        auto& edge = net_.edges[static_cast<std::size_t>(id)];
        if (e.kind == "close_link") {
          edge.forward.allowed = edge.backward.allowed = false;
          continue;
        }
        if (e.lanes_forward) edge.forward.lanes = network::parse_lanes(*e.lanes_forward);
        if (e.lanes_backward) edge.backward.lanes = network::parse_lanes(*e.lanes_backward);
      }
      return;
    }
    add_link(e, index);
  }

 private:
  static constexpr double kJoinM = 50.0;
  static constexpr double kCellDeg = 0.002;  // wider than 50 m in both axes up to 75° of latitude

  static std::int64_t cell_key(std::int64_t cx, std::int64_t cy) { return (cx << 32) ^ (cy & 0xffffffff); }
  static std::int64_t cell_of(double v) { return static_cast<std::int64_t>(std::floor(v / kCellDeg)); }

  void index_edge(std::int64_t i) {
    const auto& e = net_.edges[static_cast<std::size_t>(i)];
    if (!e.source_id.empty()) by_source_[e.source_id].push_back(i);
    if (auto key = text::match_key(e.name); !key.empty()) by_name_[key].push_back(i);
  }
  void index_node(std::int64_t n) {
    const auto& p = net_.nodes[static_cast<std::size_t>(n)].position;
    nodes_by_cell_[cell_key(cell_of(p.lon), cell_of(p.lat))].push_back(n);
  }

  // The nearest node within 50 m (the last of equals, in node order), or a new node.
  std::int64_t node_at(network::LonLat p) {
    std::vector<std::int64_t> candidates;
    const auto cx = cell_of(p.lon), cy = cell_of(p.lat);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        if (const auto it = nodes_by_cell_.find(cell_key(cx + dx, cy + dy)); it != nodes_by_cell_.end()) {
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    std::int64_t best = -1;
    double best_d = kJoinM;
    for (const auto n : candidates) {
      const auto& q = net_.nodes[static_cast<std::size_t>(n)].position;
      const double d = geom::geodesic_distance_m(p.lon, p.lat, q.lon, q.lat);
      if (d <= best_d) best_d = d, best = n;
    }
    if (best >= 0) return best;
    net_.nodes.push_back({p, std::nullopt});
    const auto id = static_cast<std::int64_t>(net_.nodes.size() - 1);
    index_node(id);
    return id;
  }

  void add_link(const Edit& e, std::size_t index) {
    network::Edge edge;
    edge.geometry = e.geometry;
    edge.name = e.name;
    edge.road_class = e.road_class;
    edge.mode = network::Mode::road;
    edge.source_id = fmt::format("scenario:{}/{}", scenario_, index + 1);
    OGRLineString line;
    for (const auto& p : e.geometry) line.addPoint(p.lon, p.lat);
    edge.length_m = geom::geodesic_length_m(line);
    const auto* defaults = settings().find(network::Mode::road, e.road_class);
    const double speed = e.speed_kmh.value_or(defaults ? defaults->speed_kmh : 40.0);
    edge.forward.speed_kmh = edge.backward.speed_kmh = speed;
    edge.speed_source = e.speed_kmh ? network::SpeedSource::tag : network::SpeedSource::class_default;
    edge.backward.allowed = !e.oneway;
    if (e.lanes_forward) edge.forward.lanes = network::parse_lanes(*e.lanes_forward);
    if (e.lanes_backward) edge.backward.lanes = network::parse_lanes(*e.lanes_backward);
    edge.from = node_at(e.geometry.front());
    edge.to = node_at(e.geometry.back());
    edge.geometry.front() = net_.nodes[static_cast<std::size_t>(edge.from)].position;
    edge.geometry.back() = net_.nodes[static_cast<std::size_t>(edge.to)].position;
    net_.edges.push_back(std::move(edge));
    index_edge(static_cast<std::int64_t>(net_.edges.size() - 1));
  }

  const network::BuildSettings& settings() {
    if (!settings_) settings_ = network::BuildSettings::load();
    return *settings_;
  }

  std::string scenario_;
  network::Network& net_;
  std::unordered_map<std::string, std::vector<std::int64_t>> by_source_, by_name_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> nodes_by_cell_;
  std::optional<network::BuildSettings> settings_;
};

// Refuses an edit that names an unknown lane type or lacks what its kind needs.
void check_edit_shape(const Edit& edit) {
  if (edit.lanes_forward) network::parse_lanes(*edit.lanes_forward);  // UsageError for an unknown lane type
  if (edit.lanes_backward) network::parse_lanes(*edit.lanes_backward);
  if (edit.kind == "add_link" && edit.geometry.size() < 2) throw UsageError("add-link needs a line of at least two points");
  if (edit.kind == "add_link") {
    for (const auto& p : edit.geometry) {
      if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180 || std::abs(p.lat) > 90) {
        throw UsageError(fmt::format("add-link: ({}, {}) is not a lon,lat position", p.lon, p.lat));
      }
    }
  }
  if (edit.kind == "set_lanes" && !edit.lanes_forward && !edit.lanes_backward) {
    throw UsageError("set-lanes needs --forward and/or --backward lanes");
  }
}

void store_edit(db::Database& db, std::int64_t scenario_id, const Edit& edit) {
  auto st = db.prepare("INSERT INTO scenario_edits(scenario_id, kind, edit) VALUES (?, ?, ?)");
  st.bind(1, scenario_id).bind(2, edit.kind).bind(3, edit.to_json().dump()).step();
}

}  // namespace

std::string Target::describe() const {
  if (edge) return fmt::format("with edge id {}", *edge);
  if (!source_id.empty()) return fmt::format("with source id '{}'", source_id);
  return fmt::format("named '{}'", name);
}

nlohmann::json Edit::to_json() const {
  nlohmann::json j;
  if (target.edge) j["edge"] = *target.edge;
  if (!target.source_id.empty()) j["source_id"] = target.source_id;
  if (!target.name.empty()) j["target_name"] = target.name;
  if (lanes_forward) j["lanes_forward"] = *lanes_forward;
  if (lanes_backward) j["lanes_backward"] = *lanes_backward;
  if (kind == "add_link") {
    nlohmann::json coords = nlohmann::json::array();
    for (const auto& p : geometry) coords.push_back({p.lon, p.lat});
    j["geometry"] = coords;
    j["name"] = name;
    j["class"] = road_class;
    if (speed_kmh) j["speed_kmh"] = *speed_kmh;
    j["oneway"] = oneway;
  }
  return j;
}

Edit Edit::from_json(const std::string& kind, const nlohmann::json& j, const std::string& where) {
  using json_fields::optional;
  Edit e;
  e.kind = kind;
  if (j.contains("edge")) e.target.edge = json_fields::required<std::int64_t>(j, "edge", where);
  e.target.source_id = optional<std::string>(j, "source_id", "", where);
  e.target.name = optional<std::string>(j, "target_name", "", where);
  if (j.contains("lanes_forward")) e.lanes_forward = json_fields::required<std::string>(j, "lanes_forward", where);
  if (j.contains("lanes_backward")) e.lanes_backward = json_fields::required<std::string>(j, "lanes_backward", where);
  if (j.contains("geometry")) {
    const auto& g = j.at("geometry");
    if (!g.is_array()) throw DataError(fmt::format("{}: geometry: expected a list of [lon, lat]", where));
    for (const auto& c : g) {
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) {
        throw DataError(fmt::format("{}: geometry: {} is not a [lon, lat] pair", where, c.dump()));
      }
      e.geometry.push_back({c[0].get<double>(), c[1].get<double>()});
    }
  }
  e.name = optional<std::string>(j, "name", "", where);
  e.road_class = optional<std::string>(j, "class", "", where);
  if (j.contains("speed_kmh")) e.speed_kmh = json_fields::positive(json_fields::required<double>(j, "speed_kmh", where), where, "speed_kmh");
  e.oneway = optional<bool>(j, "oneway", false, where);
  return e;
}

void create_scenario(db::Database& db, const std::string& name, const std::string& network_name,
                     const std::string& description) {
  if (name.empty() || name == "base") throw UsageError("a scenario needs a name other than 'base'");
  if (find(db, name)) throw DataError(fmt::format("scenario '{}' exists (delete it first, or choose another name)", name));
  if (!network::find_network(db, network_name)) throw DataError(fmt::format("no network '{}' to base the scenario on", network_name));
  auto st = db.prepare("INSERT INTO scenarios(name, network_name, description) VALUES (?, ?, ?)");
  st.bind(1, name).bind(2, network_name).bind(3, description).step();
}

void add_edit(db::Database& db, const std::string& scenario, const Edit& edit) {
  const auto info = require(db, scenario);
  check_edit_shape(edit);
  // Check against the scenario as it stands: earlier edits may have added the link being edited.
  auto net = network::load_network(db, info.network_name, true);
  Applier applier(scenario, net);
  const auto edits = scenario_edits(db, scenario);
  for (std::size_t i = 0; i < edits.size(); ++i) applier.apply(edits[i], i);
  if (edit.kind != "add_link" && applier.matching(edit.target).empty()) {
    throw DataError(fmt::format("scenario '{}': no segment {} in network '{}'", scenario, edit.target.describe(),
                                info.network_name));
  }
  store_edit(db, info.id, edit);
}

std::vector<ScenarioInfo> list_scenarios(db::Database& db) {
  std::vector<ScenarioInfo> out;
  auto st = db.prepare(
      "SELECT s.id, s.name, s.network_name, s.description, s.created_at, (SELECT count(*) FROM scenario_edits e WHERE"
      " e.scenario_id = s.id) FROM scenarios s ORDER BY s.name");
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_int(5)});
  }
  return out;
}

std::vector<Edit> scenario_edits(db::Database& db, const std::string& scenario) {
  const auto info = require(db, scenario);
  std::vector<Edit> out;
  auto st = db.prepare("SELECT kind, edit FROM scenario_edits WHERE scenario_id = ? ORDER BY id");
  st.bind(1, info.id);
  while (st.step()) {
    out.push_back(Edit::from_json(st.column_text(0), nlohmann::json::parse(st.column_text(1)),
                                  fmt::format("scenario '{}': stored edit {}", scenario, out.size() + 1)));
  }
  return out;
}

void delete_scenario(db::Database& db, const std::string& scenario) {
  const auto info = require(db, scenario);
  auto st = db.prepare("DELETE FROM scenarios WHERE id = ?");
  st.bind(1, info.id).step();
}

std::string import_scenario(db::Database& db, const nlohmann::json& d, const std::string& where) {
  std::string name;
  try {
    if (!d.is_object()) throw DataError(fmt::format("{}: a scenario is a JSON object with name, network and edits", where));
    name = json_fields::required<std::string>(d, "name", where);
    const auto network_name = json_fields::optional<std::string>(d, "network", "main", where);
    if (!d.contains("edits") || !d.at("edits").is_array()) throw DataError(fmt::format("{}: edits: expected a list", where));
    db::Transaction tx(db);
    create_scenario(db, name, network_name, json_fields::optional<std::string>(d, "description", "", where));
    const auto info = require(db, name);
    // The base network is loaded once; each edit is checked against the edits before it.
    auto net = network::load_network(db, network_name, true);
    Applier applier(name, net);
    std::size_t i = 0;
    for (const auto& e : d.at("edits")) {
      const std::string at = fmt::format("{}: edit {}", where, i + 1);
      const auto kind = json_fields::required<std::string>(e, "kind", at);
      if (kind != "set_lanes" && kind != "close_link" && kind != "add_link") {
        throw DataError(fmt::format("{}: unknown kind '{}' (set_lanes, close_link, add_link)", at, kind));
      }
      const auto edit = Edit::from_json(kind, e, at);
      try {
        check_edit_shape(edit);
        applier.apply(edit, i);
        store_edit(db, info.id, edit);
      } catch (const BusyError&) {
        throw;
      } catch (const std::exception& err) {
        throw DataError(fmt::format("{}: {}", at, err.what()));
      }
      ++i;
    }
    tx.commit();
  } catch (const nlohmann::json::exception& e) {
    throw DataError(fmt::format("{}: {}", where, e.what()));
  }
  return name;
}

void apply_scenario(db::Database& db, const std::string& scenario, const network::NetworkInfo& net_info, network::Network& net) {
  const auto info = require(db, scenario);
  if (info.network_name != net_info.name) {
    throw DataError(fmt::format("scenario '{}' is over network '{}', not '{}'", scenario, info.network_name, net_info.name));
  }
  const auto edits = scenario_edits(db, scenario);
  Applier applier(scenario, net);
  for (std::size_t i = 0; i < edits.size(); ++i) applier.apply(edits[i], i);
}

}  // namespace logiplan::scenario
