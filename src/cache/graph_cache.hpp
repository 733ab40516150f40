#pragma once
// The base routing graph of a network version, profile and lane options,
// through its binary cache "<project>-cache/graph-v<id>-<profile>-<key>.bin".
// Opened from a memory map and used in place: no parsing, no copying, so a
// command starts routing in milliseconds. Keyed like the network cache, plus
// the profile's content and the lane options: an edited profile file gets a
// graph of its own.
#include <memory>
#include <string>

#include "handles/mapped_file.hpp"
#include "handles/sqlite.hpp"
#include "network/network_store.hpp"
#include "routing/profile.hpp"
#include "routing/routing_graph.hpp"

namespace logiplan::cache {

struct OpenedGraph {
  std::shared_ptr<const routing::BaseGraph> graph;
  bool from_cache = false;
  std::string miss;  // why the cache was not used; empty when it was
};

OpenedGraph open_base_graph(db::Database& db, const network::NetworkInfo& info, const network::Network& net,
                            const routing::Profile& profile, routing::LaneOptions lanes);

// What a base graph's cache file is keyed by (a hierarchy's key starts with it).
std::string graph_key(db::Database& db, const network::NetworkInfo& info, const routing::Profile& profile,
                      routing::LaneOptions lanes);
// A profile's name as it may appear in a file name.
std::string file_safe(const std::string& s);

std::string encode_base_graph(const routing::BaseGraph& g);
// Views into `file`'s payload; throws Truncated when the arrays do not fit together.
std::shared_ptr<const routing::BaseGraph> decode_base_graph(std::shared_ptr<const io::MappedFile> file,
                                                            std::span<const std::byte> payload);

// Removes cache files of network versions the project no longer has, and
// temporary files a killed writer left over an hour ago.
void remove_stale(db::Database& db);

}  // namespace logiplan::cache
