#pragma once
// The contraction hierarchy of a base graph and metric, through its binary
// cache "<project>-cache/hierarchy-v<id>-<profile>-<metric>-<key>.bin", keyed
// like the base graph it was built from plus the metric. Built on the first
// command that asks (seconds on a city), then opened from a memory map.
#include <functional>
#include <memory>
#include <string>

#include "handles/sqlite.hpp"
#include "network/network_store.hpp"
#include "routing/hierarchy.hpp"
#include "routing/profile.hpp"

namespace logiplan::cache {

struct OpenedHierarchy {
  std::shared_ptr<const routing::Hierarchy> hierarchy;
  bool from_cache = false;
  std::string miss;  // why the cache was not used; empty when it was
};

// With build_if_missing false, a missing or stale file gives no hierarchy (the
// caller searches plainly) instead of one built and written.
OpenedHierarchy open_hierarchy(db::Database& db, const network::NetworkInfo& info, const routing::BaseGraph& base,
                               const routing::Profile& profile, routing::Metric metric, bool build_if_missing = true,
                               const std::function<void(double)>& progress = {});

std::string encode_hierarchy(const routing::Hierarchy& h);
std::shared_ptr<const routing::Hierarchy> decode_hierarchy(std::shared_ptr<const void> keep, std::span<const std::byte> payload);

}  // namespace logiplan::cache
