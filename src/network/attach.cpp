#include "network/attach.hpp"

#include <fmt/format.h>

#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

#include "handles/geos.hpp"
#include "network/metric_frame.hpp"

namespace logiplan::network {

namespace {

// One STRtree of edge lines per mode, in the metric frame.
struct ModeIndex {
  std::vector<geos::GeometryPtr> lines;
  std::vector<std::int64_t> edge_ids;
  std::unordered_map<const GEOSGeometry*, std::int64_t> edge_of;
  geos::StrTreePtr tree;
};

int distance_cb(const void* item1, const void* item2, double* distance, void* userdata) {
  auto* ctx = static_cast<GEOSContextHandle_t>(userdata);
  return GEOSDistance_r(ctx, static_cast<const GEOSGeometry*>(item1), static_cast<const GEOSGeometry*>(item2), distance);
}

}  // namespace

std::vector<Attachment> attach_facilities(db::Database& db, std::int64_t network_id, const Network& net,
                                          const BuildSettings& settings) {
  std::vector<Attachment> out;
  if (net.edges.empty()) return out;
  geos::Context ctx;
  auto* h = ctx.get();
  // The edges in a metric frame and their trees, made for the first facility
  // that attaches: a network built before any facility is imported (or with
  // none of the kinds that attach) does not project every edge for nothing.
  std::optional<MetricFrame> frame;
  std::map<Mode, ModeIndex> index;
  const auto make_index = [&] {
    std::vector<LonLat> nodes;
    for (const auto& n : net.nodes) nodes.push_back(n.position);
    frame.emplace(MetricFrame::around(nodes));
    for (std::size_t i = 0; i < net.edges.size(); ++i) {
      const Edge& e = net.edges[i];
      auto& mi = index[e.mode];
      mi.lines.push_back(frame->line(ctx, e.geometry));
      mi.edge_ids.push_back(static_cast<std::int64_t>(i));
    }
    for (auto& [mode, mi] : index) {
      mi.tree = ctx.make_strtree();
      for (std::size_t k = 0; k < mi.lines.size(); ++k) {
        GEOSSTRtree_insert_r(h, mi.tree.get(), mi.lines[k].get(), mi.lines[k].get());
        mi.edge_of[mi.lines[k].get()] = mi.edge_ids[k];
      }
    }
  };

  db::Transaction tx(db);
  auto del = db.prepare("DELETE FROM network_attachments WHERE network_id = ?");
  del.bind(1, network_id).step();
  auto sites = db.prepare("SELECT feature_id, kind, name, X(geom), Y(geom) FROM sites ORDER BY feature_id");
  auto ins = db.prepare(
      "INSERT INTO network_attachments(network_id, feature_id, kind, mode, edge, fraction, distance_m, transfer_minutes, geom)"
      " VALUES (?,?,?,?,?,?,?,?, MakePoint(?, ?, 4326))");
  while (sites.step()) {
    const std::string kind = sites.column_text(1);
    const auto modes = settings.attach_modes.find(kind);
    if (modes == settings.attach_modes.end()) continue;
    if (!frame) make_index();
    const LonLat facility{sites.column_double(3), sites.column_double(4)};
    double px = facility.lon, py = facility.lat;
    frame->to_metric(px, py);
    auto point = ctx.own(GEOSGeom_createPointFromXY_r(h, px, py));
    std::vector<Attachment> mine;
    for (const Mode mode : modes->second) {
      const auto it = index.find(mode);
      if (it == index.end()) continue;  // the network has no edges of this mode: nothing to report
      auto& mi = it->second;
      Attachment a{sites.column_text(0), kind, sites.column_text(2), mode, std::nullopt, 0, std::nullopt, std::nullopt,
                   {}, facility};
      const auto* nearest = static_cast<const GEOSGeometry*>(
          GEOSSTRtree_nearest_generic_r(h, mi.tree.get(), point.get(), point.get(), distance_cb, h));
      if (nearest) {
        double d = 0;
        GEOSDistance_r(h, nearest, point.get(), &d);
        a.distance_m = d;
        if (d <= settings.attach_max_distance_m) {
          a.edge = mi.edge_of.at(nearest);
          double len = 0;
          GEOSLength_r(h, nearest, &len);
          const double along = GEOSProject_r(h, nearest, point.get());
          a.fraction = len > 0 ? along / len : 0;
          auto snap = ctx.own(GEOSInterpolate_r(h, nearest, along));
          double sx = 0, sy = 0;
          GEOSGeomGetX_r(h, snap.get(), &sx);
          GEOSGeomGetY_r(h, snap.get(), &sy);
          frame->to_lonlat(sx, sy);
          a.snapped = {sx, sy};
        }
      }
      mine.push_back(a);
    }
    int attached = 0;
    for (const auto& a : mine) attached += a.edge ? 1 : 0;
    const auto transfer = settings.transfer_minutes.find(kind);
    for (auto& a : mine) {
      if (attached > 1 && a.edge && transfer != settings.transfer_minutes.end()) a.transfer_minutes = transfer->second;
      ins.bind(1, network_id).bind(2, a.feature_id).bind(3, a.kind).bind(4, mode_name(a.mode));
      ins.bind(5, a.edge).bind(6, a.edge ? std::optional<double>(a.fraction) : std::nullopt).bind(7, a.distance_m);
      ins.bind(8, a.transfer_minutes);
      if (a.edge) {
        ins.bind(9, a.snapped.lon).bind(10, a.snapped.lat);
      } else {
        ins.bind(9, std::nullopt).bind(10, std::nullopt);
      }
      ins.step();
      ins.reset();
      out.push_back(a);
    }
  }
  tx.commit();
  return out;
}

std::vector<Attachment> load_attachments(db::Database& db, std::int64_t network_id) {
  std::vector<Attachment> out;
  auto st = db.prepare(
      "SELECT a.feature_id, a.kind, s.name, a.mode, a.edge, a.fraction, a.distance_m, a.transfer_minutes, X(a.geom),"
      " Y(a.geom), X(s.geom), Y(s.geom)"
      " FROM network_attachments a LEFT JOIN sites s ON s.feature_id = a.feature_id WHERE a.network_id = ?"
      " ORDER BY a.feature_id, a.mode");
  st.bind(1, network_id);
  while (st.step()) {
    Attachment a;
    a.feature_id = st.column_text(0);
    a.kind = st.column_text(1);
    a.name = st.column_text(2);
    a.mode = parse_mode(st.column_text(3)).value_or(Mode::road);
    if (!st.is_null(4)) a.edge = st.column_int(4);
    a.fraction = st.column_double(5);
    a.distance_m = st.column_double_opt(6);
    a.transfer_minutes = st.column_double_opt(7);
    a.snapped = {st.column_double(8), st.column_double(9)};
    a.facility = {st.column_double(10), st.column_double(11)};
    out.push_back(a);
  }
  return out;
}

}  // namespace logiplan::network
