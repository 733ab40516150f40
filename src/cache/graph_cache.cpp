#include "cache/graph_cache.hpp"

#include <fmt/format.h>

#include <chrono>
#include <set>

#include "cache/cache_file.hpp"
#include "cache/network_cache.hpp"

namespace logiplan::cache {

std::string graph_key(db::Database& db, const network::NetworkInfo& info, const routing::Profile& profile,
                      routing::LaneOptions lanes) {
  return fmt::format("{}|graph|arc {} B|lanes {} x{}|profile {}", network_key(db, info), sizeof(routing::Arc),
                     static_cast<int>(lanes.mode), lanes.mixed_penalty, profile.fingerprint);
}

std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
  return out.substr(0, 40);
}

std::string encode_base_graph(const routing::BaseGraph& g) {
  Writer w;
  w.put(static_cast<std::int32_t>(g.lanes.mode));
  w.put(g.lanes.mixed_penalty);
  w.put_array(g.nodes);
  w.put_array(g.arcs);
  w.put_array(g.offsets);
  w.put_array(g.targets);
  w.put_array(g.in_offsets);
  w.put_array(g.out_offsets);
  w.put_array(g.in_arcs);
  w.put_array(g.out_arcs);
  w.put_array(g.turns);
  return w.bytes();
}

std::shared_ptr<const routing::BaseGraph> decode_base_graph(std::shared_ptr<const io::MappedFile> file,
                                                            std::span<const std::byte> payload) {
  Reader r(payload);
  auto g = std::make_shared<routing::BaseGraph>();
  g->lanes.mode = static_cast<routing::LaneMode>(r.get<std::int32_t>());
  g->lanes.mixed_penalty = r.get<double>();
  g->nodes = r.get_array<network::LonLat>();
  g->arcs = r.get_array<routing::Arc>();
  g->offsets = r.get_array<std::uint64_t>();
  g->targets = r.get_array<std::uint32_t>();
  g->in_offsets = r.get_array<std::uint64_t>();
  g->out_offsets = r.get_array<std::uint64_t>();
  g->in_arcs = r.get_array<std::uint32_t>();
  g->out_arcs = r.get_array<std::uint32_t>();
  g->turns = r.get_array<routing::BoundTurn>();
  const std::size_t A = g->arcs.size(), N = g->nodes.size();
  // The checksum already vouches for the bytes; these catch a payload of another shape.
  if (!r.at_end() || g->offsets.size() != A + 2 * N + 1 || g->offsets.back() != g->targets.size() ||
      g->in_offsets.size() != N + 1 || g->out_offsets.size() != N + 1 || g->in_arcs.size() != A ||
      g->out_arcs.size() != A || g->in_offsets.back() != A || g->out_offsets.back() != A) {
    throw Truncated{};
  }
  g->keep = std::move(file);
  g->file_mapped = true;
  return g;
}

OpenedGraph open_base_graph(db::Database& db, const network::NetworkInfo& info, const network::Network& net,
                            const routing::Profile& profile, routing::LaneOptions lanes) {
  OpenedGraph out;
  const auto dir = cache_dir(db.path());
  if (dir.empty()) {
    out.graph = routing::BaseGraph::build(net, profile, lanes);
    out.miss = "caching is off";
    return out;
  }
  const auto key = graph_key(db, info, profile, lanes);
  const auto path = dir / fmt::format("graph-v{}-{}-{:016x}.bin", info.id, file_safe(profile.name), checksum(key));
  auto opened = open(path, key);
  if (auto* o = std::get_if<Opened>(&opened)) {
    try {
      out.graph = decode_base_graph(o->file, o->payload);
      out.from_cache = true;
      return out;
    } catch (const Truncated&) {
      out.miss = "payload does not decode";
    }
  } else {
    out.miss = std::get<Miss>(opened).reason;
  }
  out.graph = routing::BaseGraph::build(net, profile, lanes);
  write(path, key, encode_base_graph(*out.graph));
  return out;
}

void remove_stale(db::Database& db) {
  const auto dir = cache_dir(db.path());
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return;
  std::set<std::int64_t> ids;
  for (const auto& n : network::list_networks(db)) ids.insert(n.id);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    // A writer killed between writing and renaming leaves "NAME.tmpPID"; one an hour old is nobody's.
    if (name.find(".tmp") != std::string::npos &&
        entry.last_write_time(ec) < std::filesystem::file_time_type::clock::now() - std::chrono::hours(1)) {
      std::filesystem::remove(entry.path(), ec);
      continue;
    }
    std::int64_t id = 0;
    if (std::sscanf(name.c_str(), "network-v%ld", &id) == 1 || std::sscanf(name.c_str(), "graph-v%ld", &id) == 1 ||
        std::sscanf(name.c_str(), "hierarchy-v%ld", &id) == 1) {
      if (!ids.count(id)) std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace logiplan::cache
