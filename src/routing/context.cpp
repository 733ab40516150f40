#include "routing/context.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <unordered_map>

#include "core/error.hpp"
#include "handles/geos.hpp"
#include "network/attach.hpp"
#include "network/metric_frame.hpp"
#include "scenario/scenario.hpp"

namespace logiplan::routing {

// Nearest edge of a mode that the profile can use, at a point on the edge.
struct AnalysisContext::Snapper {
  struct Hit {
    std::int64_t edge;
    double fraction;
    double distance_m;
  };
  geos::Context ctx;
  network::MetricFrame frame;
  std::map<network::Mode, std::vector<geos::GeometryPtr>> lines;
  std::map<network::Mode, std::unordered_map<const GEOSGeometry*, std::int64_t>> edge_of;
  std::map<network::Mode, geos::StrTreePtr> trees;

  Snapper(const network::Network& net, const Profile& profile)
      : frame(network::MetricFrame::around([&] {
          std::vector<network::LonLat> pts;
          for (const auto& n : net.nodes) pts.push_back(n.position);
          return pts;
        }())) {
    for (std::size_t i = 0; i < net.edges.size(); ++i) {
      const auto& e = net.edges[i];
      if (!profile.may_travel(e, true) && !profile.may_travel(e, false)) continue;
      auto& list = lines[e.mode];
      list.push_back(frame.line(ctx, e.geometry));
      edge_of[e.mode][list.back().get()] = static_cast<std::int64_t>(i);
    }
    for (auto& [mode, list] : lines) {
      auto tree = ctx.make_strtree();
      for (auto& g : list) GEOSSTRtree_insert_r(ctx.get(), tree.get(), g.get(), g.get());
      trees[mode] = std::move(tree);
    }
  }

  std::optional<Hit> nearest(network::Mode mode, network::LonLat p) const {
    const auto it = trees.find(mode);
    if (it == trees.end()) return std::nullopt;
    auto* h = ctx.get();
    double x = p.lon, y = p.lat;
    frame.to_metric(x, y);
    auto point = ctx.own(GEOSGeom_createPointFromXY_r(h, x, y));
    const auto* g = static_cast<const GEOSGeometry*>(GEOSSTRtree_nearest_generic_r(
        h, it->second.get(), point.get(), point.get(),
        [](const void* a, const void* b, double* d, void* c) {
          return GEOSDistance_r(static_cast<GEOSContextHandle_t>(c), static_cast<const GEOSGeometry*>(a),
                                static_cast<const GEOSGeometry*>(b), d);
        },
        h));
    if (!g) return std::nullopt;
    double d = 0, len = 0;
    GEOSDistance_r(h, g, point.get(), &d);
    GEOSLength_r(h, g, &len);
    const double along = GEOSProject_r(h, g, point.get());
    return Hit{edge_of.at(mode).at(g), len > 0 ? along / len : 0, d};
  }

  // The point of the nearest usable edge of `mode` closest to the polygon (rings
  // in lon/lat, the first the shell), and its distance to the polygon (0 where
  // an edge crosses it).
  std::optional<std::pair<network::LonLat, double>> nearest_to_polygon(
      network::Mode mode, const std::vector<std::vector<network::LonLat>>& rings) const {
    const auto it = trees.find(mode);
    if (it == trees.end() || rings.empty()) return std::nullopt;
    auto* h = ctx.get();
    auto polygon = frame.polygon(ctx, rings);
    if (!polygon) return std::nullopt;
    const auto* g = static_cast<const GEOSGeometry*>(GEOSSTRtree_nearest_generic_r(
        h, it->second.get(), polygon.get(), polygon.get(),
        [](const void* a, const void* b, double* d, void* c) {
          return GEOSDistance_r(static_cast<GEOSContextHandle_t>(c), static_cast<const GEOSGeometry*>(a),
                                static_cast<const GEOSGeometry*>(b), d);
        },
        h));
    if (!g) return std::nullopt;
    GEOSCoordSequence* pair = GEOSNearestPoints_r(h, g, polygon.get());
    if (!pair) return std::nullopt;
    double x = 0, y = 0, px = 0, py = 0;
    GEOSCoordSeq_getXY_r(h, pair, 0, &x, &y);   // on the edge
    GEOSCoordSeq_getXY_r(h, pair, 1, &px, &py);  // on the polygon
    GEOSCoordSeq_destroy_r(h, pair);
    const double d = std::hypot(x - px, y - py);
    frame.to_lonlat(x, y);
    return std::pair{network::LonLat{x, y}, d};
  }
};

void AnalysisContext::edit_network(const std::function<void(network::Network&, const network::NetworkInfo&)>& edit) {
  if (graph_) throw std::logic_error("edit_network after build()");
  edit(net_, info_);
}

AnalysisContext::AnalysisContext(project::Project& project, const std::string& network_name,
                                 const std::string& profile, std::optional<double> max_snap_m,
                                 const std::optional<std::string>& scenario)
    : project_(project), profile_(Profile::load(profile)), settings_(network::BuildSettings::load()), scenario_(scenario) {
  auto info = network::find_network(project.db(), network_name);
  net_ = network::load_network(project.db(), network_name);  // throws, listing networks, when absent
  info_ = *info;
  if (scenario_) scenario::apply_scenario(project.db(), *scenario_, info_, net_);
  max_snap_m_ = max_snap_m.value_or(info_.settings.contains("attach")
                                        ? info_.settings["attach"].value("max_distance_m", settings_.attach_max_distance_m)
                                        : settings_.attach_max_distance_m);
  snapper_ = std::make_unique<Snapper>(net_, profile_);

  // Mode changes: every facility the build attached to two or more modes this profile uses.
  if (profile_.modes.size() > 1) {
    std::map<std::string, std::vector<network::Attachment>> by_feature;
    for (const auto& a : network::load_attachments(project.db(), info_.id)) {
      if (a.edge && profile_.modes.count(a.mode)) by_feature[a.feature_id].push_back(a);
    }
    for (const auto& [feature, list] : by_feature) {
      std::vector<std::size_t> anchors;
      for (const auto& a : list) {
        const auto hit = snapper_->nearest(a.mode, a.facility);
        if (!hit || hit->distance_m > max_snap_m_) continue;
        anchors.push_back(anchors_.size());
        anchors_.push_back({hit->edge, hit->fraction});
      }
      const double minutes = list.front().transfer_minutes.value_or(
          settings_.transfer_minutes.count(list.front().kind) ? settings_.transfer_minutes.at(list.front().kind) : 60.0);
      for (std::size_t i = 0; i < anchors.size(); ++i) {
        for (std::size_t j = i + 1; j < anchors.size(); ++j) transfers_.push_back({anchors[i], anchors[j], minutes * 60, feature});
      }
    }
  }
}

AnalysisContext::~AnalysisContext() = default;

std::vector<std::size_t> AnalysisContext::add_places(const std::vector<Place>& places, bool skip_unreachable) {
  if (graph_) throw std::logic_error("add_places after build");
  std::vector<std::size_t> out;
  for (const auto& p : places) {
    // Road first: a place is reached by road unless the profile has no road.
    std::optional<Snapper::Hit> best;
    std::optional<double> nearest_any;
    for (const auto mode : {network::Mode::road, network::Mode::rail, network::Mode::inland_waterway, network::Mode::sea}) {
      if (!profile_.modes.count(mode)) continue;
      const auto hit = snapper_->nearest(mode, p.position);
      if (!hit) continue;
      if (!nearest_any || hit->distance_m < *nearest_any) nearest_any = hit->distance_m;
      if (hit->distance_m <= max_snap_m_) {
        best = hit;
        break;
      }
    }
    if (!best) {
      const std::string why = nearest_any ? fmt::format("the nearest usable edge is {:.0f} m away", *nearest_any)
                                          : std::string("no edge it may use");
      if (skip_unreachable) {
        skipped_.emplace_back(p, why);
        continue;
      }
      throw DataError(fmt::format("place '{}' is too far from the network '{}' for profile {}: {} (maximum {:.0f} m; "
                                  "change it with --max-snap)",
                                  p.label, info_.name, profile_.name, why, max_snap_m_));
    }
    out.push_back(places_.size());
    place_anchor_.push_back(anchors_.size());
    anchors_.push_back({best->edge, best->fraction});
    places_.push_back(AnchoredPlace{p, 0, best->distance_m, best->edge});
  }
  return out;
}

std::optional<std::pair<network::LonLat, double>> AnalysisContext::access_point(
    const std::vector<std::vector<network::LonLat>>& rings) const {
  std::optional<std::pair<network::LonLat, double>> best;
  for (const auto mode : profile_.modes) {
    const auto hit = snapper_->nearest_to_polygon(mode, rings);
    if (hit && (!best || hit->second < best->second)) best = hit;
  }
  return best;
}

const RoutingGraph& AnalysisContext::graph(const LaneOptions& lanes) const {
  const auto same = [&](const RoutingGraph& g) { return g.lanes().mode == lanes.mode && g.lanes().mixed_penalty == lanes.mixed_penalty; };
  if (same(*graph_)) return *graph_;
  for (const auto& g : other_graphs_) {
    if (same(*g)) return *g;
  }
  other_graphs_.push_back(std::make_unique<RoutingGraph>(net_, profile_, anchors_, transfers_, lanes));
  return *other_graphs_.back();
}

void AnalysisContext::build(LaneOptions lanes) {
  graph_ = std::make_unique<RoutingGraph>(net_, profile_, anchors_, transfers_, lanes);
  for (std::size_t i = 0; i < places_.size(); ++i) places_[i].node = graph_->anchor_node(place_anchor_[i]);
}

}  // namespace logiplan::routing
