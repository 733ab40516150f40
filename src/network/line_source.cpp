#include "network/line_source.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"
#include "handles/geos.hpp"
#include "network/metric_frame.hpp"
#include "network/osm_tags.hpp"
#include "text/fold.hpp"

namespace logiplan::network {

namespace {

constexpr std::array<std::string_view, 17> kTargets = {
    "id", "class", "name", "ref", "oneway", "speed", "lanes", "lanes_forward", "lanes_backward", "mode",
    "access", "hgv", "maxweight", "maxheight", "bridge", "tunnel", "layer"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kDefaults = {{
    {"id", "id"}, {"class", "class"}, {"class", "highway"}, {"class", "loai"}, {"name", "name"}, {"name", "ten"},
    {"ref", "ref"}, {"oneway", "oneway"}, {"speed", "maxspeed"}, {"speed", "speed"}, {"speed", "speed_kmh"},
    {"lanes", "lanes"}, {"lanes_forward", "lanes_forward"}, {"lanes_backward", "lanes_backward"},
    {"mode", "mode"}, {"access", "access"}, {"hgv", "hgv"}, {"maxweight", "maxweight"},
    {"maxheight", "maxheight"}, {"bridge", "bridge"}, {"tunnel", "tunnel"}, {"layer", "layer"},
}};

std::string field_text(const OGRFeature& f, std::optional<int> idx) {
  if (!idx || !f.IsFieldSetAndNotNull(*idx)) return {};
  return f.GetFieldAsString(*idx);
}

bool flag(std::string_view v) {
  const auto k = text::match_key(v);
  return !k.empty() && k != "no" && k != "0" && k != "false" && k != "khong";
}

struct Vertex {
  double x, y;  // metric
};

// Vertex ids by position (1 mm grid), and endpoint snapping within a tolerance.
class VertexIndex {
 public:
  VertexIndex(double tolerance, std::int64_t& next_id) : tol_(tolerance), next_(next_id) {}
  std::int64_t id_at(Vertex v) {
    const auto key = std::make_pair(std::llround(v.x * 1000), std::llround(v.y * 1000));
    auto [it, inserted] = exact_.try_emplace(key, next_);
    if (inserted) {
      --next_;
      cells_[cell(v)].push_back({it->second, v});
      positions_[it->second] = v;
    }
    return it->second;
  }
  Vertex position(std::int64_t id) const { return positions_.at(id); }
  // The nearest other vertex within tolerance, if any.
  std::optional<std::pair<std::int64_t, Vertex>> near(Vertex v, std::int64_t self) const {
    std::optional<std::pair<std::int64_t, Vertex>> best;
    double best_d = tol_;
    const auto [cx, cy] = cell(v);
    for (long dx = -1; dx <= 1; ++dx) {
      for (long dy = -1; dy <= 1; ++dy) {
        const auto it = cells_.find({cx + dx, cy + dy});
        if (it == cells_.end()) continue;
        for (const auto& [id, w] : it->second) {
          const double d = std::hypot(w.x - v.x, w.y - v.y);
          if (id != self && d <= best_d) best_d = d, best = std::make_pair(id, w);
        }
      }
    }
    return best;
  }

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<long long, long long>& p) const {
      return std::hash<long long>()(p.first * 1000003LL ^ p.second);
    }
  };
  std::pair<long long, long long> cell(Vertex v) const {
    return {static_cast<long long>(std::floor(v.x / tol_)), static_cast<long long>(std::floor(v.y / tol_))};
  }
  double tol_;
  std::int64_t& next_;
  std::unordered_map<std::pair<long long, long long>, std::int64_t, PairHash> exact_;
  std::unordered_map<std::pair<long long, long long>, std::vector<std::pair<std::int64_t, Vertex>>, PairHash> cells_;
  std::unordered_map<std::int64_t, Vertex> positions_;
};

// Union-find over vertex ids: snapped endpoints join the vertex they snap to.
class Merges {
 public:
  std::int64_t find(std::int64_t x) {
    auto it = parent_.find(x);
    if (it == parent_.end()) return x;
    return it->second = find(it->second);
  }
  bool join(std::int64_t from, std::int64_t onto) {
    const auto a = find(from), b = find(onto);
    if (a == b) return false;
    parent_[a] = b;
    return true;
  }

 private:
  std::unordered_map<std::int64_t, std::int64_t> parent_;
};

struct MetricLine {
  RawLine line;
  std::vector<Vertex> xy;
};

// Inserts a vertex at every point where two lines cross, found by GEOS (STRtree
// for candidate pairs, intersection for the points, project for the position).
void node_crossings(std::vector<MetricLine>& lines) {
  geos::Context ctx;
  GEOSContextHandle_t h = ctx.get();
  std::vector<geos::GeometryPtr> geoms;
  for (const auto& l : lines) geoms.push_back(ctx.line_string(l.xy, [](const Vertex& v) { return std::pair{v.x, v.y}; }));
  auto tree = ctx.make_strtree();
  std::vector<std::size_t> ids(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ids[i] = i;
    GEOSSTRtree_insert_r(h, tree.get(), geoms[i].get(), &ids[i]);
  }
  std::vector<std::vector<std::pair<double, Vertex>>> cuts(lines.size());  // distance along, point
  for (std::size_t i = 0; i < lines.size(); ++i) {
    struct Query {
      std::size_t self;
      std::vector<std::size_t> hits;
    } q{i, {}};
    GEOSSTRtree_query_r(h, tree.get(), geoms[i].get(),
                        [](void* item, void* data) {
                          auto* qq = static_cast<Query*>(data);
                          const auto j = *static_cast<std::size_t*>(item);
                          if (j > qq->self) qq->hits.push_back(j);
                        },
                        &q);
    for (const auto j : q.hits) {
      auto inter = ctx.own(GEOSIntersection_r(h, geoms[i].get(), geoms[j].get()));
      if (!inter) continue;
      const int n = GEOSGetNumGeometries_r(h, inter.get());
      for (int k = 0; k < n; ++k) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, inter.get(), k);
        if (GEOSGeomTypeId_r(h, part) != GEOS_POINT) continue;  // collinear overlaps are not crossings
        double x = 0, y = 0;
        GEOSGeomGetX_r(h, part, &x);
        GEOSGeomGetY_r(h, part, &y);
        cuts[i].push_back({GEOSProject_r(h, geoms[i].get(), part), {x, y}});
        cuts[j].push_back({GEOSProject_r(h, geoms[j].get(), part), {x, y}});
      }
    }
  }
  // Insert the crossing points as vertices, in order along each line.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (cuts[i].empty()) continue;
    std::sort(cuts[i].begin(), cuts[i].end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    auto& xy = lines[i].xy;
    std::vector<Vertex> out{xy.front()};
    double along = 0;
    std::size_t c = 0;
    for (std::size_t s = 1; s < xy.size(); ++s) {
      const double seg = std::hypot(xy[s].x - xy[s - 1].x, xy[s].y - xy[s - 1].y);
      while (c < cuts[i].size() && cuts[i][c].first <= along + seg) {
        const auto& p = cuts[i][c++].second;
        if (std::hypot(p.x - out.back().x, p.y - out.back().y) > 1e-6 && std::hypot(p.x - xy[s].x, p.y - xy[s].y) > 1e-6) {
          out.push_back(p);
        }
      }
      out.push_back(xy[s]);
      along += seg;
    }
    xy = std::move(out);
  }
}

}  // namespace

const io::MappingSchema& line_schema() {
  static const io::MappingSchema schema{kTargets, kDefaults};
  return schema;
}

RawNetwork read_line_layer(const std::string& path, const LineSourceOptions& options, const BuildSettings& settings,
                           std::int64_t& next_vertex_id, const Progress& progress) {
  auto ds = gdal::open_vector(path);
  OGRLayer* layer = options.layer ? ds->GetLayerByName(options.layer->c_str()) : ds->GetLayer(0);
  if (!layer) throw DataError(fmt::format("{}: no layer '{}'", path, options.layer.value_or("")));
  const std::string where = fmt::format("{} (layer '{}')", path, layer->GetName());
  std::vector<std::string> fields;
  for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i) {
    fields.emplace_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
  }
  const io::FieldMapping map(options.field_map, fields, where, line_schema());
  if (!options.mode && !map.index_of("mode")) {
    throw UsageError(fmt::format("{}: no mode: give --mode (road, rail, inland_waterway, sea) or map a mode field",
                                 where));
  }
  OGRSpatialReference src_srs;
  if (options.source_crs) {
    src_srs = crs::spatial_reference(*options.source_crs);
  } else if (const auto* s = layer->GetSpatialRef()) {
    src_srs = *s;
    src_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  } else {
    throw DataError(fmt::format("{}: no coordinate reference system; give --src-crs (e.g. vn2000-haiphong)", where));
  }
  auto to_wgs84 = gdal::make_transformation(src_srs, crs::wgs84());

  RawNetwork out;
  std::vector<MetricLine> lines;
  const GIntBig total = layer->GetFeatureCount(TRUE);
  GIntBig seen = 0;
  for (auto& f : gdal::Features(*layer, path)) {
    ++seen;
    const std::string at = fmt::format("{}: feature {}", path, f->GetFID());
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    std::vector<const OGRLineString*> parts;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbLineString) parts.push_back(g->toLineString());
    else if (type == wkbMultiLineString) for (const auto* p : *g->toMultiLineString()) parts.push_back(p);
    else throw DataError(fmt::format("{}: a {} is not a line", at, OGRGeometryTypeToName(g->getGeometryType())));

    Edge e;
    if (const auto m = field_text(*f, map.index_of("mode")); !m.empty()) {
      const auto mode = parse_mode(m);
      if (!mode) throw DataError(fmt::format("{}: unknown mode '{}' (road, rail, inland_waterway, sea)", at, m));
      e.mode = *mode;
    } else {
      e.mode = *options.mode;
    }
    e.road_class = field_text(*f, map.index_of("class"));
    e.name = field_text(*f, map.index_of("name"));
    e.ref = field_text(*f, map.index_of("ref"));
    const auto id = field_text(*f, map.index_of("id"));
    e.source_id = fmt::format("{}:{}", std::filesystem::path(path).filename().string(), id.empty() ? std::to_string(f->GetFID()) : id);
    // One-way: yes/1/true/FT forward; -1/reverse/TF backward.
    const auto ow = text::match_key(field_text(*f, map.index_of("oneway")));
    const bool fwd_only = ow == "yes" || ow == "1" || ow == "true" || ow == "ft" || ow == "mot chieu";
    const bool bwd_only = ow == "-1" || ow == "reverse" || ow == "tf";
    e.forward.allowed = !bwd_only;
    e.backward.allowed = !fwd_only;
    const ClassDefaults* defaults = settings.find(e.mode, e.road_class);
    if (const auto s = parse_speed_kmh(field_text(*f, map.index_of("speed")))) {
      e.forward.speed_kmh = e.backward.speed_kmh = *s;
      e.speed_source = SpeedSource::tag;
    } else if (defaults) {
      e.forward.speed_kmh = e.backward.speed_kmh = defaults->speed_kmh;
      e.speed_source = SpeedSource::class_default;
    }
    try {
      e.forward.lanes = parse_lanes(field_text(*f, map.index_of("lanes_forward")));
      e.backward.lanes = parse_lanes(field_text(*f, map.index_of("lanes_backward")));
    } catch (const UsageError& err) {
      throw DataError(fmt::format("{}: {}", at, err.what()));
    }
    if (e.forward.lanes.count() == 0 && e.backward.lanes.count() == 0) {
      if (const auto n = field_text(*f, map.index_of("lanes")); !n.empty()) {
        Tags t{{"lanes", n}};
        auto [lf, lb] = parse_osm_lanes(t, Oneway{e.forward.allowed, e.backward.allowed});
        e.forward.lanes = lf;
        e.backward.lanes = lb;
      }
    }
    e.access = field_text(*f, map.index_of("access"));
    e.hgv = field_text(*f, map.index_of("hgv"));
    e.maxweight_t = parse_weight_t(field_text(*f, map.index_of("maxweight")));
    e.maxheight_m = parse_height_m(field_text(*f, map.index_of("maxheight")));
    e.bridge = flag(field_text(*f, map.index_of("bridge")));
    e.tunnel = flag(field_text(*f, map.index_of("tunnel")));
    e.layer = std::atoi(field_text(*f, map.index_of("layer")).c_str());

    for (const auto* part : parts) {
      ++out.stats.source_lines;
      MetricLine ml;
      ml.line.line_id = f->GetFID();
      ml.line.attributes = e;
      for (int i = 0; i < part->getNumPoints(); ++i) {
        double x = part->getX(i), y = part->getY(i);
        if (!to_wgs84->Transform(1, &x, &y)) {
          throw DataError(fmt::format("{}: point ({:.10g}, {:.10g}) cannot be transformed from {}", at, part->getX(i),
                                      part->getY(i), crs::describe(src_srs)));
        }
        ml.line.coords.push_back({x, y});
      }
      if (ml.line.coords.size() >= 2) lines.push_back(std::move(ml));
    }
    if (seen % 1024 == 0 && total > 0) report(progress, static_cast<double>(seen) / static_cast<double>(total), "reading lines");
  }
  if (lines.empty()) throw DataError(fmt::format("{}: no lines", where));

  // Metric coordinates in the UTM zone of the data's centre.
  std::vector<LonLat> all;
  for (const auto& l : lines) all.insert(all.end(), l.line.coords.begin(), l.line.coords.end());
  const auto frame = MetricFrame::around(all);
  for (auto& l : lines) {
    for (const auto& c : l.line.coords) {
      double x = c.lon, y = c.lat;
      frame.to_metric(x, y);
      l.xy.push_back({x, y});
    }
  }
  if (options.node_crossings) node_crossings(lines);

  VertexIndex index(std::max(settings.snap_tolerance_m, 1e-3), next_vertex_id);
  for (auto& l : lines) {
    l.line.node_ids.clear();
    for (const auto& v : l.xy) l.line.node_ids.push_back(index.id_at(v));
  }
  // Snap each endpoint onto the nearest other vertex within the tolerance.
  Merges merges;
  for (auto& l : lines) {
    for (const std::size_t end : {std::size_t{0}, l.xy.size() - 1}) {
      if (const auto hit = index.near(l.xy[end], l.line.node_ids[end])) {
        if (merges.join(l.line.node_ids[end], hit->first)) ++out.stats.snapped_endpoints;
      }
    }
  }
  for (auto& l : lines) {
    for (std::size_t i = 0; i < l.xy.size(); ++i) {
      const auto id = merges.find(l.line.node_ids[i]);
      if (id != l.line.node_ids[i]) {
        l.line.node_ids[i] = id;
        l.xy[i] = index.position(id);
      }
    }
  }
  for (auto& l : lines) {
    l.line.coords.clear();
    for (const auto& v : l.xy) {
      double x = v.x, y = v.y;
      frame.to_lonlat(x, y);
      l.line.coords.push_back({x, y});
    }
    out.lines.push_back(std::move(l.line));
  }
  return out;
}

}  // namespace logiplan::network
