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
#include "handles/geos.hpp"
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
  for (std::size_t i = 0; i < net.edges.size(); ++i) {
    const Edge& e = net.edges[i];
    boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), ug);
    if (e.forward.allowed) boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), dg);
    if (e.backward.allowed) boost::add_edge(static_cast<std::size_t>(e.to), static_cast<std::size_t>(e.from), dg);
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

  // Dead ends, and dead ends that nearly meet an edge they are not joined to.
  std::vector<LonLat> positions;
  for (const auto& node : net.nodes) positions.push_back(node.position);
  const auto frame = MetricFrame::around(positions);
  std::vector<std::pair<double, double>> xy(n);
  for (std::size_t i = 0; i < n; ++i) {
    double x = positions[i].lon, y = positions[i].lat;
    frame.to_metric(x, y);
    xy[i] = {x, y};
  }
  // Near misses: a dead end within near_miss_m of an edge it is not part of
  // (an undershoot or overshoot a digitiser left). Candidates from a GEOS STRtree.
  geos::Context ctx;
  auto* h = ctx.get();
  std::vector<geos::GeometryPtr> lines;
  auto tree = ctx.make_strtree();
  std::vector<std::size_t> ids(net.edges.size());
  for (std::size_t i = 0; i < net.edges.size(); ++i) {
    lines.push_back(frame.line(ctx, net.edges[i].geometry));
    ids[i] = i;
    GEOSSTRtree_insert_r(h, tree.get(), lines.back().get(), &ids[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (boost::degree(i, ug) != 1) continue;
    ++r.dangles;
    r.problems.push_back({"dangle", fmt::format("node {} is a dead end", i), positions[i], static_cast<std::int64_t>(i),
                          std::nullopt, std::nullopt, ""});
    auto point = ctx.own(GEOSGeom_createPointFromXY_r(h, xy[i].first, xy[i].second));
    auto box = ctx.own(GEOSBuffer_r(h, point.get(), near_miss_m, 1));
    std::vector<std::size_t> hits;
    GEOSSTRtree_query_r(h, tree.get(), box.get(),
                        [](void* item, void* data) {
                          static_cast<std::vector<std::size_t>*>(data)->push_back(*static_cast<std::size_t*>(item));
                        },
                        &hits);
    std::optional<std::pair<std::size_t, double>> best;
    for (const auto e : hits) {
      const Edge& edge = net.edges[e];
      if (edge.from == static_cast<std::int64_t>(i) || edge.to == static_cast<std::int64_t>(i)) continue;
      double d = 0;
      GEOSDistance_r(h, lines[e].get(), point.get(), &d);
      if (d <= near_miss_m && (!best || d < best->second)) best = std::make_pair(e, d);
    }
    if (best) {
      ++r.near_misses;
      r.problems.push_back({"near_miss",
                            fmt::format("dead end at node {} is {:.1f} m from edge {} ({}) but not joined to it", i,
                                        best->second, best->first, net.edges[best->first].source_id),
                            positions[i], static_cast<std::int64_t>(i), static_cast<std::int64_t>(best->first),
                            best->second, ""});
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
  auto add_field = [&](const char* name, OGRFieldType type) {
    OGRFieldDefn f(name, type);
    if (layer->CreateField(&f) != OGRERR_NONE) throw DataError(fmt::format("{}: cannot add field {}", path, name));
  };
  for (const char* name : {"type", "detail", "feature_id"}) add_field(name, OFTString);
  for (const char* name : {"node", "edge"}) add_field(name, OFTInteger64);
  add_field("distance_m", OFTReal);
  if (layer->StartTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write", path));
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
    if (layer->CreateFeature(f.get()) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: cannot write a feature: {}", path, gdal::last_error()));
    }
  }
  if (layer->CommitTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write", path));
}

}  // namespace logiplan::network
