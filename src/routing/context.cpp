#include "routing/context.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <unordered_map>

#include "cache/graph_cache.hpp"
#include "cache/hierarchy_cache.hpp"
#include "cache/network_cache.hpp"
#include "core/error.hpp"
#include "handles/geos.hpp"
#include "network/attach.hpp"
#include "network/metric_frame.hpp"
#include "scenario/scenario.hpp"

namespace logiplan::routing {

// Nearest edge of a mode that the profile can use, at a point on the edge.
// Candidates come from the SpatiaLite R*Tree of the stored edges, in boxes that
// grow until one holds an edge nearer than the box's half-width, so only the
// few edges near a place are projected and measured (GEOS, in a metric frame
// around the place). Edges a scenario added are not in the stored index; they
// are few and always measured.
struct AnalysisContext::Snapper {
  struct Hit {
    std::int64_t edge;
    double fraction;
    double distance_m;
  };
  const network::Network* net;  // the context's current network (a copy once it is edited)
  const Profile& profile;
  std::optional<db::Statement> query;
  std::int64_t network_id = 0;
  std::size_t stored_edges = 0;
  geos::Context ctx;
  network::MetricFrame frame;
  std::map<std::int64_t, geos::GeometryPtr> lines;  // projected on first use

  Snapper(db::Database& db, std::int64_t id, std::size_t stored, const network::Network& n, const Profile& p)
      : net(&n), profile(p), network_id(id), stored_edges(stored), frame(network::MetricFrame::around([&] {
          // The frame's centre: the middle of the network's extent (its nodes' mean would touch every node).
          double x0 = 180, x1 = -180, y0 = 90, y1 = -90;
          for (std::size_t i = 0; i < n.nodes.size(); i += std::max<std::size_t>(1, n.nodes.size() / 1024)) {
            const auto& q = n.nodes[i].position;
            x0 = std::min(x0, q.lon), x1 = std::max(x1, q.lon), y0 = std::min(y0, q.lat), y1 = std::max(y1, q.lat);
          }
          return std::vector<network::LonLat>{{(x0 + x1) / 2, (y0 + y1) / 2}};
        }())) {
    if (stored_edges > 0) {
      query.emplace(db.prepare(
          // CROSS JOIN keeps the R*Tree as the outer loop: "ROWID IN (SELECT pkid ...)" made SQLite
          // walk every edge of the network per place (5 ms a place on Porto).
          "SELECT e.edge FROM idx_network_edges_geom AS r CROSS JOIN network_edges AS e ON e.ROWID = r.pkid"
          " WHERE r.xmin <= ?4 AND r.xmax >= ?2 AND r.ymin <= ?5 AND r.ymax >= ?3 AND e.network_id = ?1"));
    }
  }

  const GEOSGeometry* line(std::int64_t edge) {
    auto& g = lines[edge];
    if (!g) g = frame.line(ctx, net->edges[static_cast<std::size_t>(edge)].geometry);
    return g.get();
  }

  // Usable edges of `mode` whose boxes meet [x0,x1]x[y0,y1], and every edge a scenario added.
  std::vector<std::int64_t> candidates(network::Mode mode, double x0, double y0, double x1, double y1) {
    std::vector<std::int64_t> out;
    const auto usable = [&](std::int64_t i) {
      const auto& e = net->edges[static_cast<std::size_t>(i)];
      return e.mode == mode && (profile.may_travel(e, true) || profile.may_travel(e, false));
    };
    if (query) {
      query->reset();  // clears the bindings too
      query->bind(1, network_id).bind(2, x0).bind(3, y0).bind(4, x1).bind(5, y1);
      while (query->step()) {
        const auto i = query->column_int(0);
        if (i >= 0 && static_cast<std::size_t>(i) < stored_edges && usable(i)) out.push_back(i);
      }
    }
    for (std::size_t i = stored_edges; i < net->edges.size(); ++i) {
      if (usable(static_cast<std::int64_t>(i))) out.push_back(static_cast<std::int64_t>(i));
    }
    return out;
  }

  // Searches boxes of half-width r metres around (lon, lat), r growing fourfold,
  // measuring each candidate with `measure` (metres); an edge outside the box is
  // farther than r, so the best hit within r is the nearest.
  template <class Measure>
  std::optional<std::pair<std::int64_t, double>> nearest_edge(network::Mode mode, double lon0, double lat0, double lon1,
                                                               double lat1, Measure&& measure) {
    const double lat = (lat0 + lat1) / 2;
    const double m_per_deg = 111'320.0;
    std::optional<std::pair<std::int64_t, double>> best;
    for (double r = 200; r < 2e6; r *= 4) {
      const double dy = 1.1 * r / m_per_deg, dx = 1.1 * r / (m_per_deg * std::max(0.05, std::cos(lat * M_PI / 180)));
      best.reset();
      for (const auto i : candidates(mode, lon0 - dx, lat0 - dy, lon1 + dx, lat1 + dy)) {
        const double d = measure(i);
        if (!best || d < best->second) best = std::pair{i, d};
      }
      if (best && best->second <= r) return best;
    }
    return best;
  }

  std::optional<Hit> nearest(network::Mode mode, network::LonLat p) {
    auto* h = ctx.get();
    double x = p.lon, y = p.lat;
    frame.to_metric(x, y);
    auto point = ctx.own(GEOSGeom_createPointFromXY_r(h, x, y));
    const auto best = nearest_edge(mode, p.lon, p.lat, p.lon, p.lat, [&](std::int64_t i) {
      double d = 0;
      GEOSDistance_r(h, line(i), point.get(), &d);
      return d;
    });
    if (!best) return std::nullopt;
    const auto* g = line(best->first);
    double len = 0;
    GEOSLength_r(h, g, &len);
    const double along = GEOSProject_r(h, g, point.get());
    return Hit{best->first, len > 0 ? along / len : 0, best->second};
  }

  // The point of the nearest usable edge of `mode` closest to the polygon (rings
  // in lon/lat, the first the shell), and its distance to the polygon (0 where
  // an edge crosses it).
  std::optional<std::pair<network::LonLat, double>> nearest_to_polygon(
      network::Mode mode, const std::vector<std::vector<network::LonLat>>& rings) {
    if (rings.empty() || rings.front().empty()) return std::nullopt;
    auto* h = ctx.get();
    auto polygon = frame.polygon(ctx, rings);
    if (!polygon) return std::nullopt;
    double x0 = 180, x1 = -180, y0 = 90, y1 = -90;
    for (const auto& q : rings.front()) x0 = std::min(x0, q.lon), x1 = std::max(x1, q.lon), y0 = std::min(y0, q.lat), y1 = std::max(y1, q.lat);
    const auto best = nearest_edge(mode, x0, y0, x1, y1, [&](std::int64_t i) {
      double d = 0;
      GEOSDistance_r(h, line(i), polygon.get(), &d);
      return d;
    });
    if (!best) return std::nullopt;
    GEOSCoordSequence* pair = GEOSNearestPoints_r(h, line(best->first), polygon.get());
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
  edit(writable_network(), info_);
}

AnalysisContext::AnalysisContext(project::Project& project, const std::string& network_name,
                                 const std::string& profile, std::optional<double> max_snap_m,
                                 const std::optional<std::string>& scenario)
    : project_(project), profile_(Profile::load(profile)), settings_(network::BuildSettings::load()), scenario_(scenario) {
  auto opened = cache::open_network(project.db(), network_name);  // throws, listing networks, when absent
  private_net_ = std::make_shared<network::Network>(std::move(opened.net));
  net_ = private_net_;
  info_ = std::move(opened.info);
  init(max_snap_m);
}

AnalysisContext::AnalysisContext(project::Project& project, std::shared_ptr<NetworkSession> session,
                                 const std::string& profile, std::optional<double> max_snap_m,
                                 const std::optional<std::string>& scenario)
    : project_(project), session_(std::move(session)), profile_(Profile::load(profile)),
      settings_(network::BuildSettings::load()), scenario_(scenario) {
  net_ = session_->network();
  info_ = session_->info();
  init(max_snap_m);
}

network::Network& AnalysisContext::writable_network() {
  if (!private_net_) {  // shared with a session: edit a copy
    private_net_ = std::make_shared<network::Network>(*net_);
    net_ = private_net_;
    if (snapper_) snapper_->net = net_.get();
  }
  edited_ = true;
  return *private_net_;
}

void AnalysisContext::init(std::optional<double> max_snap_m) {
  const std::size_t stored_edges = net_->edges.size();
  if (scenario_) scenario::apply_scenario(project_.db(), *scenario_, info_, writable_network());
  max_snap_m_ = max_snap_m.value_or(info_.settings.contains("attach")
                                        ? info_.settings["attach"].value("max_distance_m", settings_.attach_max_distance_m)
                                        : settings_.attach_max_distance_m);
  snapper_ = std::make_unique<Snapper>(project_.db(), info_.id, stored_edges, *net_, profile_);

  // Mode changes: every facility the build attached to two or more modes this profile uses.
  if (profile_.modes.size() > 1) {
    std::map<std::string, std::vector<network::Attachment>> by_feature;
    for (const auto& a : network::load_attachments(project_.db(), info_.id)) {
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
                                          : std::string("no edge it may use within 2,000 km");
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

std::vector<std::size_t> AnalysisContext::add_spec(const std::string& spec) {
  return add_places(resolve_places(project_.db(), spec), spec.rfind("kind:", 0) == 0);
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
  const std::lock_guard lock(lazy_mutex_);
  for (const auto& g : other_graphs_) {
    if (same(*g)) return *g;
  }
  other_graphs_.push_back(std::make_unique<RoutingGraph>(base_graph(lanes), *net_, profile_, anchors_, transfers_));
  return *other_graphs_.back();
}

std::shared_ptr<const BaseGraph> AnalysisContext::base_graph(const LaneOptions& lanes) const {
  // An edited network (a scenario, congested speeds) is not the stored one: its graph is built, not cached.
  if (edited_) return BaseGraph::build(*net_, profile_, lanes);
  if (session_) return session_->base_graph(project_.db(), profile_, lanes);
  return cache::open_base_graph(project_.db(), info_, *net_, profile_, lanes).graph;
}

std::shared_ptr<const Hierarchy> AnalysisContext::hierarchy(Metric metric, std::size_t searches) const {
  if (!graph_) throw std::logic_error("hierarchy before build");
  if (!transfers_.empty()) return nullptr;
  const char* env = std::getenv("LOGIPLAN_HIERARCHY");
  const std::string mode = env ? env : "auto";
  if (mode == "off") return nullptr;
  const std::lock_guard lock(lazy_mutex_);
  const int m = metric == Metric::time ? 0 : 1;
  auto& h = hierarchies_[m];
  if (edited_) {
    // Not the stored network (a scenario, congested speeds): a hierarchy of its
    // own, in memory only, where the work pays for building it. A build costs
    // about 900 plain searches on one core (Porto 6.4 s, Hà Nội 3.4 s), while
    // plain searches share both cores: from 2048 searches on.
    if (!h && (mode == "on" || searches >= kEditedHierarchyFrom)) {
      h = Hierarchy::build(graph_->base(), metric, [&](double f) {
        report(progress_, f, "building a contraction hierarchy of the edited network (in memory)");
      });
    }
    return h;
  }
  const bool build = mode == "on" || searches >= 256;
  // A lookup that found no cached hierarchy is not repeated for every route of
  // an audit; asked to build one, it is.
  if (!h && (build || !hierarchy_absent_[m])) {
    if (session_) h = session_->hierarchy(project_.db(), profile_, graph_->base(), metric, build);
    else {
      h = cache::open_hierarchy(project_.db(), info_, graph_->base(), profile_, metric, build, [&](double f) {
            report(progress_, f, "building the contraction hierarchy (once per network version and profile)");
          }).hierarchy;
    }
    hierarchy_absent_[m] = !h;
  }
  return h;
}

Endpoint AnalysisContext::endpoint(std::size_t i, Metric metric, bool as_source) const {
  const auto& a = anchors_.at(place_anchor_.at(i));
  return place_endpoint(graph_->base(), *net_, a.edge, a.fraction, metric, as_source);
}

void AnalysisContext::build(LaneOptions lanes) {
  graph_ = std::make_unique<RoutingGraph>(base_graph(lanes), *net_, profile_, anchors_, transfers_);
  for (std::size_t i = 0; i < places_.size(); ++i) places_[i].node = graph_->anchor_node(place_anchor_[i]);
}

}  // namespace logiplan::routing
