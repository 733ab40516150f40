#include "network/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"
#include "io/exporter.hpp"
#include "network/metric_frame.hpp"

namespace logiplan::network {

namespace {

std::vector<std::int64_t> component_sizes(const std::vector<int>& component, int count) {
  std::vector<std::int64_t> sizes(static_cast<std::size_t>(count), 0);
  for (int c : component) ++sizes[static_cast<std::size_t>(c)];
  std::sort(sizes.rbegin(), sizes.rend());
  return sizes;
}

}  // namespace

CheckReport check_network(const Network& net, const std::vector<Attachment>& attachments, double near_miss_m) {
  CheckReport r;
  r.nodes = static_cast<std::int64_t>(net.nodes.size());
  r.edges = static_cast<std::int64_t>(net.edges.size());
  const auto n = net.nodes.size();

  // Components: weak over all edges, strong over the open directions.
  using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Undirected ug(n);
  Directed dg(n);
  std::vector<std::set<std::int64_t>> neighbours(n);
  for (std::size_t i = 0; i < net.edges.size(); ++i) {
    const Edge& e = net.edges[i];
    boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), ug);
    if (e.forward.allowed) boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), dg);
    if (e.backward.allowed) boost::add_edge(static_cast<std::size_t>(e.to), static_cast<std::size_t>(e.from), dg);
    neighbours[static_cast<std::size_t>(e.from)].insert(e.to);
    neighbours[static_cast<std::size_t>(e.to)].insert(e.from);
    if (e.from == e.to) {
      ++r.self_loops;
      r.problems.push_back({"self_loop", fmt::format("edge {} ({}) starts and ends at node {}", i, e.source_id, e.from),
                            e.geometry.front(), e.from, static_cast<std::int64_t>(i), std::nullopt, ""});
    }
    if ((e.forward.allowed && e.forward.speed_kmh <= 0) || (e.backward.allowed && e.backward.speed_kmh <= 0)) {
      ++r.no_speed;
      r.problems.push_back({"no_speed", fmt::format("edge {} ({}, class '{}') has no speed", i, e.source_id, e.road_class),
                            e.geometry[e.geometry.size() / 2], std::nullopt, static_cast<std::int64_t>(i),
                            std::nullopt, ""});
    }
  }
  std::vector<int> weak(n), strong(n);
  r.weak_component_sizes = component_sizes(weak, n ? static_cast<int>(boost::connected_components(ug, weak.data())) : 0);
  r.strong_component_sizes = component_sizes(strong, n ? static_cast<int>(boost::strong_components(dg, strong.data())) : 0);

  // Dead ends, and dead ends that nearly meet another node they are not joined to.
  std::vector<LonLat> positions;
  for (const auto& node : net.nodes) positions.push_back(node.position);
  const auto frame = MetricFrame::around(positions);
  std::vector<std::pair<double, double>> xy(n);
  for (std::size_t i = 0; i < n; ++i) {
    double x = positions[i].lon, y = positions[i].lat;
    frame.to_metric(x, y);
    xy[i] = {x, y};
  }
  const double cell = std::max(near_miss_m, 1.0);
  std::unordered_map<long long, std::vector<std::size_t>> grid;
  auto key = [&](double x, double y) {
    return static_cast<long long>(std::floor(x / cell)) * 4000003LL + static_cast<long long>(std::floor(y / cell));
  };
  for (std::size_t i = 0; i < n; ++i) grid[key(xy[i].first, xy[i].second)].push_back(i);
  for (std::size_t i = 0; i < n; ++i) {
    if (neighbours[i].size() != 1 || boost::degree(i, ug) != 1) continue;
    ++r.dangles;
    r.problems.push_back({"dangle", fmt::format("node {} is a dead end", i), positions[i], static_cast<std::int64_t>(i),
                          std::nullopt, std::nullopt, ""});
    std::optional<std::pair<std::size_t, double>> best;
    for (int dx = -1; dx <= 1; ++dx) {
      for (int dy = -1; dy <= 1; ++dy) {
        const auto it = grid.find(key(xy[i].first + dx * cell, xy[i].second + dy * cell));
        if (it == grid.end()) continue;
        for (auto j : it->second) {
          if (j == i || neighbours[i].count(static_cast<std::int64_t>(j))) continue;
          const double d = std::hypot(xy[j].first - xy[i].first, xy[j].second - xy[i].second);
          if (d <= near_miss_m && (!best || d < best->second)) best = std::make_pair(j, d);
        }
      }
    }
    if (best) {
      ++r.near_misses;
      r.problems.push_back({"near_miss",
                            fmt::format("dead end at node {} is {:.1f} m from node {} but not joined to it", i,
                                        best->second, best->first),
                            positions[i], static_cast<std::int64_t>(i), std::nullopt, best->second, ""});
    }
  }
  // A facility is unattached when no mode reached it (one problem per facility,
  // naming the nearest edge of each mode); a missed mode alone is information.
  std::map<std::string, std::vector<const Attachment*>> by_feature;
  for (const auto& a : attachments) by_feature[a.feature_id].push_back(&a);
  for (const auto& [feature_id, rows] : by_feature) {
    const bool none = std::none_of(rows.begin(), rows.end(), [](const Attachment* a) { return a->edge.has_value(); });
    std::string nearest;
    std::optional<double> closest;
    for (const auto* a : rows) {
      if (a->edge) continue;
      nearest += fmt::format("{}{} {}", nearest.empty() ? "" : ", ", mode_name(a->mode),
                             a->distance_m ? fmt::format("{:.0f} m", *a->distance_m) : "none");
      if (a->distance_m && (!closest || *a->distance_m < *closest)) closest = a->distance_m;
      if (!none) {
        ++r.modes_missed;
        r.problems.push_back({"mode_missed",
                              fmt::format("{} '{}' ({}) not attached to {}: nearest {}", a->kind, a->name, feature_id,
                                          mode_name(a->mode),
                                          a->distance_m ? fmt::format("{:.0f} m", *a->distance_m) : "none"),
                              a->facility, std::nullopt, std::nullopt, a->distance_m, feature_id});
      }
    }
    if (none) {
      ++r.unattached;
      const auto* a = rows.front();
      r.problems.push_back({"unattached",
                            fmt::format("{} '{}' ({}) attached to no mode; nearest edges: {}", a->kind, a->name,
                                        feature_id, nearest),
                            a->facility, std::nullopt, std::nullopt, closest, feature_id});
    }
  }
  // Components of each mode's own edges: modes meet only through transfers.
  std::map<Mode, Undirected> by_mode;
  for (const auto& e : net.edges) {
    auto [it, inserted] = by_mode.try_emplace(e.mode, n);
    boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), it->second);
  }
  for (auto& [mode, g] : by_mode) {
    std::vector<int> comp(n);
    boost::connected_components(g, comp.data());
    std::set<int> used;
    for (std::size_t v = 0; v < n; ++v) {
      if (boost::degree(v, g) > 0) used.insert(comp[v]);
    }
    r.components_by_mode[std::string(mode_name(mode))] = static_cast<std::int64_t>(used.size());
  }
  return r;
}

nlohmann::json check_json(const CheckReport& r, const nlohmann::json& build_stats) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    nlohmann::json j = {{"type", p.type}, {"detail", p.detail}, {"lon", p.where.lon}, {"lat", p.where.lat}};
    if (p.node) j["node"] = *p.node;
    if (p.edge) j["edge"] = *p.edge;
    if (p.distance_m) j["distance_m"] = *p.distance_m;
    if (!p.feature_id.empty()) j["feature_id"] = p.feature_id;
    problems.push_back(j);
  }
  return {{"nodes", r.nodes},
          {"edges", r.edges},
          {"weak_components", {{"count", r.weak_component_sizes.size()}, {"sizes", r.weak_component_sizes}}},
          {"strong_components", {{"count", r.strong_component_sizes.size()},
                                 {"largest", r.strong_component_sizes.empty() ? 0 : r.strong_component_sizes.front()}}},
          {"dangles", r.dangles},
          {"near_misses", r.near_misses},
          {"self_loops", r.self_loops},
          {"edges_without_speed", r.no_speed},
          {"components_by_mode", r.components_by_mode},
          {"facilities_not_attached", r.unattached},
          {"facility_modes_missed", r.modes_missed},
          {"build", build_stats},
          {"problems", problems}};
}

void write_problems(const CheckReport& r, const std::string& path) {
  gdal::ensure_registered();
  const std::string driver_name = io::driver_for(path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  std::filesystem::remove(path);
  gdal::DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw DataError(fmt::format("{}: cannot create: {}", path, gdal::last_error()));
  OGRSpatialReference srs = crs::wgs84();
  OGRLayer* layer = ds->CreateLayer("network_problems", &srs, wkbPoint, nullptr);
  if (!layer) throw DataError(fmt::format("{}: cannot create layer: {}", path, gdal::last_error()));
  for (const char* name : {"type", "detail", "feature_id"}) {
    OGRFieldDefn f(name, OFTString);
    layer->CreateField(&f);
  }
  for (const char* name : {"node", "edge"}) {
    OGRFieldDefn f(name, OFTInteger64);
    layer->CreateField(&f);
  }
  OGRFieldDefn dist("distance_m", OFTReal);
  layer->CreateField(&dist);
  layer->StartTransaction();
  for (const auto& p : r.problems) {
    gdal::FeaturePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("type", p.type.c_str());
    f->SetField("detail", p.detail.c_str());
    if (!p.feature_id.empty()) f->SetField("feature_id", p.feature_id.c_str());
    if (p.node) f->SetField("node", static_cast<GIntBig>(*p.node));
    if (p.edge) f->SetField("edge", static_cast<GIntBig>(*p.edge));
    if (p.distance_m) f->SetField("distance_m", *p.distance_m);
    OGRPoint pt(p.where.lon, p.where.lat);
    f->SetGeometry(&pt);
    layer->CreateFeature(f.get());
  }
  layer->CommitTransaction();
}

}  // namespace logiplan::network
