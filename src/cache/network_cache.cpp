#include "cache/network_cache.hpp"

#include <fmt/format.h>

#include <cstring>
#include <exception>
#include <limits>

#include "cache/cache_file.hpp"
#include "cache/graph_cache.hpp"
#include "core/error.hpp"

namespace logiplan::cache {

namespace {
// The fixed-size part of an edge; its strings follow in a separate stream.
struct EdgeFixed {
  std::int64_t from, to;
  double length_m, speed_fwd, speed_bwd, maxweight_t, maxheight_m;  // NaN: absent
  std::int32_t layer;
  std::uint8_t mode, speed_source, flags, pad;
  std::uint64_t geometry_end;  // exclusive end in the shared coordinate array
  std::uint64_t strings_end;   // exclusive end of its eight strings in the text stream
};
enum : std::uint8_t { kFwd = 1, kBwd = 2, kBridge = 4, kTunnel = 8 };
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kNoOsm = std::numeric_limits<std::int64_t>::min();
constexpr int kStrings = 8;  // road_class, name, ref, access, hgv, source_id, lanes forward, lanes backward

std::optional<double> opt(double v) { return v == v ? std::optional<double>(v) : std::nullopt; }

// The edges of a cached network, decoded one at a time from the mapped payload
// (network::EdgeList asks for each on first use).
class CachedEdges final : public network::EdgeSource {
 public:
  CachedEdges(std::shared_ptr<const void> keep, std::span<const EdgeFixed> fixed, std::span<const network::LonLat> coords,
              std::string_view text, std::size_t nodes)
      : keep_(std::move(keep)), fixed_(fixed), coords_(coords), text_(text), nodes_(nodes) {}
  std::size_t size() const override { return fixed_.size(); }
  network::Edge edge(std::size_t i) const override {
    const auto& f = fixed_[i];
    const std::uint64_t g0 = i == 0 ? 0 : fixed_[i - 1].geometry_end, s0 = i == 0 ? 0 : fixed_[i - 1].strings_end;
    if (f.geometry_end < g0 || f.geometry_end > coords_.size() || f.strings_end < s0 + 4 * kStrings ||
        f.strings_end > text_.size() || f.from < 0 || f.to < 0 || static_cast<std::uint64_t>(std::max(f.from, f.to)) >= nodes_ ||
        f.mode > 3) {
      // The payload passed its checksum, so only a writer's fault gets here.
      throw DataError(fmt::format("network cache: edge {} is out of range; delete the project's -cache folder", i));
    }
    network::Edge e;
    e.from = f.from;
    e.to = f.to;
    e.mode = static_cast<network::Mode>(f.mode);
    e.length_m = f.length_m;
    e.forward.speed_kmh = f.speed_fwd;
    e.backward.speed_kmh = f.speed_bwd;
    e.forward.allowed = f.flags & kFwd;
    e.backward.allowed = f.flags & kBwd;
    e.bridge = f.flags & kBridge;
    e.tunnel = f.flags & kTunnel;
    e.maxweight_t = opt(f.maxweight_t);
    e.maxheight_m = opt(f.maxheight_m);
    e.layer = f.layer;
    e.speed_source = static_cast<network::SpeedSource>(f.speed_source);
    e.geometry.assign(coords_.begin() + static_cast<std::ptrdiff_t>(g0), coords_.begin() + static_cast<std::ptrdiff_t>(f.geometry_end));
    try {
      Reader strings(std::span<const std::byte>(reinterpret_cast<const std::byte*>(text_.data()) + s0, f.strings_end - s0));
      for (auto* s : {&e.road_class, &e.name, &e.ref, &e.access, &e.hgv, &e.source_id}) *s = strings.get_string();
      e.forward.lanes = network::parse_lanes(strings.get_string());
      e.backward.lanes = network::parse_lanes(strings.get_string());
      if (!strings.at_end()) throw Truncated{};
    } catch (const std::exception& ex) {
      // The payload passed its checksum, so only a writer's fault gets here.
      throw DataError(fmt::format("network cache: edge {} does not decode ({}); delete the project's -cache folder", i, ex.what()));
    }
    return e;
  }

 private:
  std::shared_ptr<const void> keep_;  // the memory map the spans point into
  std::span<const EdgeFixed> fixed_;
  std::span<const network::LonLat> coords_;
  std::string_view text_;
  std::size_t nodes_;
};
}  // namespace

std::string network_key(db::Database& db, const network::NetworkInfo& info) {
  auto st = db.prepare("SELECT count(*), coalesce(max(id), 0) FROM turn_restrictions WHERE network_id = ?");
  st.bind(1, info.id);
  st.step();
  // The sources and stats tell two projects' networks of the same version, time and size apart.
  return fmt::format("network|v{}|{}|built {}|{} nodes|{} edges|{} restrictions up to #{}|edge {} B|sources {}|stats {}",
                     info.id, info.name, info.built_at, info.node_count, info.edge_count, st.column_int(0),
                     st.column_int(1), sizeof(EdgeFixed), info.sources.dump(), info.stats.dump());
}

std::filesystem::path network_cache_path(const std::filesystem::path& dir, const network::NetworkInfo& info) {
  return dir / fmt::format("network-v{}.bin", info.id);
}

std::string encode_network(const network::Network& net) {
  Writer w;
  std::vector<network::LonLat> positions;
  std::vector<std::int64_t> osm;
  for (const auto& n : net.nodes) {
    positions.push_back(n.position);
    osm.push_back(n.osm_id.value_or(kNoOsm));
  }
  w.put_array(positions);
  w.put_array(osm);
  std::vector<EdgeFixed> fixed;
  std::vector<network::LonLat> coords;
  Writer strings;
  for (const auto& e : net.edges) {
    coords.insert(coords.end(), e.geometry.begin(), e.geometry.end());
    EdgeFixed f{e.from, e.to, e.length_m, e.forward.speed_kmh, e.backward.speed_kmh, e.maxweight_t.value_or(kNone),
                e.maxheight_m.value_or(kNone), e.layer, static_cast<std::uint8_t>(e.mode),
                static_cast<std::uint8_t>(e.speed_source), 0, 0, coords.size(), 0};
    f.flags = (e.forward.allowed ? kFwd : 0) | (e.backward.allowed ? kBwd : 0) | (e.bridge ? kBridge : 0) | (e.tunnel ? kTunnel : 0);
    for (const auto* s : {&e.road_class, &e.name, &e.ref, &e.access, &e.hgv, &e.source_id}) strings.put_string(*s);
    strings.put_string(e.forward.lanes.str());
    strings.put_string(e.backward.lanes.str());
    f.strings_end = strings.bytes().size();
    fixed.push_back(f);
  }
  w.put_array(fixed);
  w.put_array(coords);
  w.put_string(strings.bytes());
  w.put<std::uint64_t>(net.restrictions.size());
  for (const auto& r : net.restrictions) {
    w.put(r.from_edge);
    w.put(r.via_node);
    w.put(r.to_edge);
    for (const auto* s : {&r.kind, &r.vehicles, &r.except, &r.source_id}) w.put_string(*s);
  }
  return w.bytes();
}

network::Network decode_network(std::span<const std::byte> payload, std::shared_ptr<const void> keep) {
  Reader r(payload);
  network::Network net;
  const auto positions = r.get_array<network::LonLat>();
  const auto osm = r.get_array<std::int64_t>();
  if (osm.size() != positions.size()) throw Truncated{};
  net.nodes.reserve(positions.size());  // one pass: no value-initialisation before the fill
  for (std::size_t i = 0; i < positions.size(); ++i) {
    net.nodes.push_back({positions[i], osm[i] != kNoOsm ? std::optional<std::int64_t>(osm[i]) : std::nullopt});
  }
  const auto fixed = r.get_array<EdgeFixed>();
  const auto coords = r.get_array<network::LonLat>();
  const auto text = r.get_string();
  // The last record must end both streams; each record's own ranges are checked
  // when its edge is decoded (CachedEdges::edge), so that opening a national
  // network does not read every record.
  if (fixed.empty() ? !coords.empty() || !text.empty()
                    : fixed.back().geometry_end != coords.size() || fixed.back().strings_end != text.size()) {
    throw Truncated{};
  }
  const auto n = r.get<std::uint64_t>();
  if (n > payload.size()) throw Truncated{};
  net.restrictions.resize(n);
  for (auto& t : net.restrictions) {
    t.from_edge = r.get<std::int64_t>();
    t.via_node = r.get<std::int64_t>();
    t.to_edge = r.get<std::int64_t>();
    for (auto* s : {&t.kind, &t.vehicles, &t.except, &t.source_id}) *s = r.get_string();
  }
  if (!r.at_end()) throw Truncated{};
  net.edges = network::EdgeList(std::make_shared<CachedEdges>(std::move(keep), fixed, coords, text, net.nodes.size()));
  return net;
}

OpenedNetwork open_network(db::Database& db, const std::string& name) {
  OpenedNetwork out;
  const auto info = network::find_network(db, name);
  if (!info) {
    out.net = network::load_network(db, name);  // throws the listing error
    return out;
  }
  out.info = *info;
  const auto dir = cache_dir(db.path());
  if (dir.empty()) {
    out.net = network::load_network(db, name);
    out.miss = "caching is off";
    return out;
  }
  const auto path = network_cache_path(dir, *info);
  const auto key = network_key(db, *info);
  auto opened = open(path, key);
  if (auto* o = std::get_if<Opened>(&opened)) {
    try {
      out.net = decode_network(o->payload, o->file);
      out.from_cache = true;
      return out;
    } catch (const std::exception&) {  // Truncated, or a lane list that does not parse
      out.miss = "payload does not decode";
    }
  } else {
    out.miss = std::get<Miss>(opened).reason;
  }
  out.net = network::load_network(db, name);
  if (write(path, key, encode_network(out.net))) remove_stale(db);  // older versions' files
  return out;
}

}  // namespace logiplan::cache
