#include "network/osm_source.hpp"

#include <fmt/format.h>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <filesystem>

#include "core/error.hpp"
#include "network/osm_tags.hpp"

namespace logiplan::network {

namespace {

struct Selection {
  Mode mode;
  std::string road_class;
};

std::optional<Selection> select(const osmium::TagList& tags, const std::vector<Mode>& modes,
                                const BuildSettings& settings) {
  auto wanted = [&](Mode m) { return std::find(modes.begin(), modes.end(), m) != modes.end(); };
  auto known = [&](Mode m, const char* cls) { return cls && settings.find(m, cls) != nullptr; };
  if (const char* area = tags["area"]; area && std::string_view(area) == "yes") return std::nullopt;
  if (wanted(Mode::road) && known(Mode::road, tags["highway"])) return Selection{Mode::road, tags["highway"]};
  if (wanted(Mode::rail) && known(Mode::rail, tags["railway"])) return Selection{Mode::rail, tags["railway"]};
  if (wanted(Mode::inland_waterway) && known(Mode::inland_waterway, tags["waterway"])) {
    return Selection{Mode::inland_waterway, tags["waterway"]};
  }
  if (wanted(Mode::sea) && tags.has_tag("route", "ferry") && known(Mode::sea, "ferry")) return Selection{Mode::sea, "ferry"};
  return std::nullopt;
}

class Collector : public osmium::handler::Handler {
 public:
  Collector(const std::vector<Mode>& modes, const BuildSettings& settings, RawNetwork& out)
      : modes_(modes), settings_(settings), out_(out) {}

  void way(const osmium::Way& way) {
    const auto sel = select(way.tags(), modes_, settings_);
    if (!sel) return;
    ++out_.stats.source_lines;
    // A clipped extract leaves some of a way's nodes out: keep each run of
    // present nodes (the road inside the extract) and name the way.
    std::vector<RawLine> pieces(1);
    bool incomplete = false;
    for (const auto& nr : way.nodes()) {
      if (!nr.location().valid()) {
        incomplete = true;
        if (!pieces.back().node_ids.empty()) pieces.emplace_back();
        continue;
      }
      pieces.back().node_ids.push_back(nr.ref());
      pieces.back().coords.push_back({nr.location().lon(), nr.location().lat()});
    }
    std::erase_if(pieces, [](const RawLine& l) { return l.node_ids.size() < 2; });
    if (incomplete) {
      ++out_.stats.incomplete_lines;
      if (pieces.empty()) ++out_.stats.incomplete_lines_skipped;
      if (out_.stats.incomplete_line_ids.size() < BuildStats::kMaxListedIds) out_.stats.incomplete_line_ids.push_back(way.id());
    }
    if (pieces.empty()) return;
    Tags tags;
    for (const auto& t : way.tags()) tags.emplace(t.key(), t.value());
    Edge attributes;
    attributes.mode = sel->mode;
    attributes.road_class = sel->road_class;
    attributes.source_id = fmt::format("osm:way/{}", way.id());
    apply_osm_tags(attributes, tags, settings_);
    for (auto& piece : pieces) {
      piece.line_id = way.id();
      piece.attributes = attributes;
      out_.lines.push_back(std::move(piece));
    }
  }

  void relation(const osmium::Relation& rel) {
    if (!rel.tags().has_tag("type", "restriction")) return;
    // restriction=*, or restriction:hgv=* and friends for one vehicle class.
    std::string kind, vehicles = "all";
    for (const auto& t : rel.tags()) {
      const std::string_view key = t.key();
      if (key == "restriction") kind = t.value();
      else if (key.rfind("restriction:", 0) == 0 && kind.empty()) {
        kind = t.value();
        vehicles = std::string(key.substr(12));
      }
    }
    if (kind.empty()) return;
    ++out_.stats.restrictions_read;
    RawRestriction r;
    r.kind = kind;
    r.vehicles = vehicles;
    r.except = rel.tags()["except"] ? rel.tags()["except"] : "";
    r.source_id = fmt::format("osm:relation/{}", rel.id());
    bool from = false, via = false, to = false;
    for (const auto& m : rel.members()) {
      const std::string_view role = m.role();
      if (role == "from" && m.type() == osmium::item_type::way) r.from_line = m.ref(), from = true;
      else if (role == "to" && m.type() == osmium::item_type::way) r.to_line = m.ref(), to = true;
      else if (role == "via" && m.type() == osmium::item_type::node) r.via_node = m.ref(), via = true;
      else if (role == "via") via = false, r.via_node = 0;  // via-way restrictions are not supported
    }
    if (!(from && via && to)) {
      ++out_.stats.restrictions_unsupported;
      return;
    }
    out_.restrictions.push_back(std::move(r));
  }

 private:
  const std::vector<Mode>& modes_;
  const BuildSettings& settings_;
  RawNetwork& out_;
};

}  // namespace

void apply_osm_tags(Edge& e, const Tags& tags, const BuildSettings& settings) {
  const ClassDefaults* defaults = settings.find(e.mode, e.road_class);
  const Oneway oneway = parse_oneway(tags, defaults && defaults->oneway);
  e.forward.allowed = oneway.forward;
  e.backward.allowed = oneway.backward;
  e.name = std::string(tag(tags, "name"));
  e.ref = std::string(tag(tags, "ref"));
  const auto speed = parse_speed_kmh(tag(tags, "maxspeed"));
  const auto speed_fwd = parse_speed_kmh(tag(tags, "maxspeed:forward"));
  const auto speed_bwd = parse_speed_kmh(tag(tags, "maxspeed:backward"));
  if (speed || speed_fwd || speed_bwd) {
    e.speed_source = SpeedSource::tag;
    const double fallback = speed.value_or(defaults ? defaults->speed_kmh : 0);
    e.forward.speed_kmh = speed_fwd.value_or(fallback);
    e.backward.speed_kmh = speed_bwd.value_or(fallback);
  } else if (defaults) {
    e.speed_source = SpeedSource::class_default;
    e.forward.speed_kmh = e.backward.speed_kmh = defaults->speed_kmh;
  }
  if (e.mode == Mode::road) {
    auto [fwd, bwd] = parse_osm_lanes(tags, oneway);
    e.forward.lanes = std::move(fwd);
    e.backward.lanes = std::move(bwd);
  }
  e.access = std::string(tag(tags, "access"));
  e.hgv = std::string(tag(tags, "hgv"));
  e.maxweight_t = parse_weight_t(tag(tags, "maxweight"));
  e.maxheight_m = parse_height_m(tag(tags, "maxheight"));
  const auto bridge = tag(tags, "bridge");
  e.bridge = !bridge.empty() && bridge != "no";
  const auto tunnel = tag(tags, "tunnel");
  e.tunnel = !tunnel.empty() && tunnel != "no";
  e.layer = std::atoi(std::string(tag(tags, "layer")).c_str());
}

RawNetwork read_osm(const std::string& path, const std::vector<Mode>& modes, const BuildSettings& settings,
                    const Progress& progress) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DataError(fmt::format("{}: no such file", path));
  const auto size = std::filesystem::file_size(path, ec);
  RawNetwork out;
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    locations.ignore_errors();  // missing nodes leave invalid locations; the collector skips those ways
    Collector collector{modes, settings, out};
    osmium::io::Reader reader{path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way |
                                        osmium::osm_entity_bits::relation};
    while (osmium::memory::Buffer buffer = reader.read()) {
      osmium::apply(buffer, locations, collector);
      if (size > 0 && !report(progress, std::min(1.0, static_cast<double>(reader.offset()) / static_cast<double>(size)),
                              "reading OSM")) {
        throw DataError(fmt::format("{}: cancelled", path));
      }
    }
    reader.close();
  } catch (const DataError&) {
    throw;
  } catch (const std::exception& e) {
    throw DataError(fmt::format("{}: not a readable OSM file: {}", path, e.what()));
  }
  if (out.lines.empty()) {
    throw DataError(fmt::format("{}: no routable lines for mode(s) {} (is it the right file and mode?)", path,
                                [&] {
                                  std::string s;
                                  for (auto m : modes) s += (s.empty() ? "" : ", ") + std::string(mode_name(m));
                                  return s;
                                }()));
  }
  return out;
}

}  // namespace logiplan::network
