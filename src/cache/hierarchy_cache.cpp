#include "cache/hierarchy_cache.hpp"

#include <fmt/format.h>

#include "cache/cache_file.hpp"
#include "cache/graph_cache.hpp"

namespace logiplan::cache {

std::string encode_hierarchy(const routing::Hierarchy& h) {
  Writer w;
  w.put(static_cast<std::int32_t>(h.metric));
  w.put_array(h.up_offsets);
  w.put_array(h.down_offsets);
  w.put_array(h.up);
  w.put_array(h.down);
  return w.bytes();
}

std::shared_ptr<const routing::Hierarchy> decode_hierarchy(std::shared_ptr<const void> keep, std::span<const std::byte> payload) {
  Reader r(payload);
  auto h = std::make_shared<routing::Hierarchy>();
  h->metric = static_cast<routing::Metric>(r.get<std::int32_t>());
  h->up_offsets = r.get_array<std::uint64_t>();
  h->down_offsets = r.get_array<std::uint64_t>();
  h->up = r.get_array<routing::HierarchyEdge>();
  h->down = r.get_array<routing::HierarchyEdge>();
  if (!r.at_end() || h->up_offsets.empty() || h->up_offsets.size() != h->down_offsets.size() ||
      h->up_offsets.back() != h->up.size() || h->down_offsets.back() != h->down.size()) {
    throw Truncated{};
  }
  h->keep = std::move(keep);
  return h;
}

OpenedHierarchy open_hierarchy(db::Database& db, const network::NetworkInfo& info, const routing::BaseGraph& base,
                               const routing::Profile& profile, routing::Metric metric, bool build_if_missing,
                               const std::function<void(double)>& progress) {
  OpenedHierarchy out;
  const auto dir = cache_dir(db.path());
  const auto build = [&] { return routing::Hierarchy::build(base, metric, progress); };
  if (dir.empty()) {
    if (build_if_missing) out.hierarchy = build();
    out.miss = "caching is off";
    return out;
  }
  const char* metric_name = metric == routing::Metric::time ? "time" : "distance";
  const auto key = fmt::format("{}|hierarchy {} B|metric {}|states {}", graph_key(db, info, profile, base.lanes),
                               sizeof(routing::HierarchyEdge), metric_name, base.offsets.size() - 1);
  const auto path = dir / fmt::format("hierarchy-v{}-{}-{}-{:016x}.bin", info.id, file_safe(profile.name), metric_name,
                                      checksum(key));
  auto opened = open(path, key);
  if (auto* o = std::get_if<Opened>(&opened)) {
    try {
      out.hierarchy = decode_hierarchy(o->file, o->payload);
      if (out.hierarchy->state_count() == base.offsets.size() - 1) {
        out.from_cache = true;
        return out;
      }
      out.miss = "state count differs";
    } catch (const Truncated&) {
      out.miss = "payload does not decode";
    }
  } else {
    out.miss = std::get<Miss>(opened).reason;
  }
  if (!build_if_missing) return out;
  out.hierarchy = build();
  write(path, key, encode_hierarchy(*out.hierarchy));
  return out;
}

}  // namespace logiplan::cache
