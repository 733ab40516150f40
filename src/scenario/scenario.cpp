#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/error.hpp"
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

void apply(const Edit& e, const std::string& scenario, std::size_t index, network::Network& net) {
  if (e.kind == "set_lanes" || e.kind == "close_link") {
    const auto edges = matching_edges(net, e.target);
    if (edges.empty()) {
      throw DataError(fmt::format("scenario '{}': edit {} ({}): no segment {} in the network", scenario, index + 1, e.kind,
                                  e.target.describe()));
    }
    for (const auto id : edges) {
      auto& edge = net.edges[static_cast<std::size_t>(id)];
      if (e.kind == "close_link") {
        edge.forward.allowed = edge.backward.allowed = false;
        continue;
      }
      if (e.lanes_forward) edge.forward.lanes = network::parse_lanes(*e.lanes_forward);
      if (e.lanes_backward) edge.backward.lanes = network::parse_lanes(*e.lanes_backward);
    }
    return;
  }
  // add_link: its ends join the nearest node within 50 m, or become new nodes.
  network::Edge edge;
  edge.geometry = e.geometry;
  edge.name = e.name;
  edge.road_class = e.road_class;
  edge.mode = network::Mode::road;
  edge.source_id = fmt::format("scenario:{}/{}", scenario, index + 1);
  OGRLineString line;
  for (const auto& p : e.geometry) line.addPoint(p.lon, p.lat);
  edge.length_m = geom::geodesic_length_m(line);
  const auto settings = network::BuildSettings::load();
  const double speed = e.speed_kmh.value_or(
      settings.find(network::Mode::road, e.road_class) ? settings.find(network::Mode::road, e.road_class)->speed_kmh : 40.0);
  edge.forward.speed_kmh = edge.backward.speed_kmh = speed;
  edge.speed_source = e.speed_kmh ? network::SpeedSource::tag : network::SpeedSource::class_default;
  edge.backward.allowed = !e.oneway;
  if (e.lanes_forward) edge.forward.lanes = network::parse_lanes(*e.lanes_forward);
  if (e.lanes_backward) edge.backward.lanes = network::parse_lanes(*e.lanes_backward);
  auto node_at = [&](network::LonLat p) {
    std::int64_t best = -1;
    double best_d = 50.0;
    for (std::size_t n = 0; n < net.nodes.size(); ++n) {
      OGRLineString seg;
      seg.addPoint(p.lon, p.lat);
      seg.addPoint(net.nodes[n].position.lon, net.nodes[n].position.lat);
      const double d = geom::geodesic_length_m(seg);
      if (d <= best_d) best_d = d, best = static_cast<std::int64_t>(n);
    }
    if (best >= 0) return best;
    net.nodes.push_back({p, std::nullopt});
    return static_cast<std::int64_t>(net.nodes.size() - 1);
  };
  edge.from = node_at(e.geometry.front());
  edge.to = node_at(e.geometry.back());
  edge.geometry.front() = net.nodes[static_cast<std::size_t>(edge.from)].position;
  edge.geometry.back() = net.nodes[static_cast<std::size_t>(edge.to)].position;
  net.edges.push_back(std::move(edge));
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

Edit Edit::from_json(const std::string& kind, const nlohmann::json& j) {
  Edit e;
  e.kind = kind;
  if (j.contains("edge")) e.target.edge = j["edge"].get<std::int64_t>();
  e.target.source_id = j.value("source_id", "");
  e.target.name = j.value("target_name", "");
  if (j.contains("lanes_forward")) e.lanes_forward = j["lanes_forward"].get<std::string>();
  if (j.contains("lanes_backward")) e.lanes_backward = j["lanes_backward"].get<std::string>();
  if (j.contains("geometry")) {
    for (const auto& c : j["geometry"]) e.geometry.push_back({c[0].get<double>(), c[1].get<double>()});
  }
  e.name = j.value("name", "");
  e.road_class = j.value("class", "");
  if (j.contains("speed_kmh")) e.speed_kmh = j["speed_kmh"].get<double>();
  e.oneway = j.value("oneway", false);
  return e;
}

std::vector<std::int64_t> matching_edges(const network::Network& net, const Target& t) {
  std::vector<std::int64_t> out;
  const std::string key = text::match_key(t.name);
  for (std::size_t i = 0; i < net.edges.size(); ++i) {
    const auto& e = net.edges[i];
    const bool hit = t.edge ? static_cast<std::int64_t>(i) == *t.edge
                     : !t.source_id.empty() ? e.source_id == t.source_id
                                            : !key.empty() && text::match_key(e.name) == key;
    if (hit) out.push_back(static_cast<std::int64_t>(i));
  }
  return out;
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
  if (edit.lanes_forward) network::parse_lanes(*edit.lanes_forward);  // UsageError for an unknown lane type
  if (edit.lanes_backward) network::parse_lanes(*edit.lanes_backward);
  if (edit.kind == "add_link" && edit.geometry.size() < 2) throw UsageError("add-link needs a line of at least two points");
  if (edit.kind == "set_lanes" && !edit.lanes_forward && !edit.lanes_backward) {
    throw UsageError("set-lanes needs --forward and/or --backward lanes");
  }
  // Check against the scenario as it stands: earlier edits may have added the link being edited.
  auto net = network::load_network(db, info.network_name, true);
  const auto net_info = *network::find_network(db, info.network_name);
  apply_scenario(db, scenario, net_info, net);
  if (edit.kind != "add_link" && matching_edges(net, edit.target).empty()) {
    throw DataError(fmt::format("scenario '{}': no segment {} in network '{}'", scenario, edit.target.describe(),
                                info.network_name));
  }
  auto st = db.prepare("INSERT INTO scenario_edits(scenario_id, kind, edit) VALUES (?, ?, ?)");
  st.bind(1, info.id).bind(2, edit.kind).bind(3, edit.to_json().dump()).step();
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
  while (st.step()) out.push_back(Edit::from_json(st.column_text(0), nlohmann::json::parse(st.column_text(1))));
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
    name = d.at("name").get<std::string>();
    db::Transaction tx(db);
    create_scenario(db, name, d.value("network", "main"), d.value("description", ""));
    int i = 0;
    for (const auto& e : d.at("edits")) {
      ++i;
      const auto kind = e.at("kind").get<std::string>();
      if (kind != "set_lanes" && kind != "close_link" && kind != "add_link") {
        throw DataError(fmt::format("{}: edit {}: unknown kind '{}' (set_lanes, close_link, add_link)", where, i, kind));
      }
      try {
        add_edit(db, name, Edit::from_json(kind, e));
      } catch (const std::exception& err) {
        throw DataError(fmt::format("{}: edit {}: {}", where, i, err.what()));
      }
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
  for (std::size_t i = 0; i < edits.size(); ++i) apply(edits[i], scenario, i, net);
}

}  // namespace logiplan::scenario
