#pragma once
// The stored network, opened through its binary cache: the first command after
// a build reads the SQLite tables and writes "<project>-cache/network-v<id>.bin";
// later ones read that file (the key ties it to the network's version, build
// time, counts and turn restrictions, so a rebuilt or edited network, or a file
// copied from another project, is read from the tables again).
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "handles/sqlite.hpp"
#include "network/model.hpp"
#include "network/network_store.hpp"

namespace logiplan::cache {

struct OpenedNetwork {
  network::NetworkInfo info;
  network::Network net;
  bool from_cache = false;
  std::string miss;  // why the cache was not used ("absent", "checksum differs", ...); empty when it was
};

// Throws as network::load_network does when there is no network `name`.
OpenedNetwork open_network(db::Database& db, const std::string& name);

// What a cache of this network version must have been written for.
std::string network_key(db::Database& db, const network::NetworkInfo& info);
std::filesystem::path network_cache_path(const std::filesystem::path& dir, const network::NetworkInfo& info);

// The payload format, exposed for the tests. Decoding reads the nodes and the
// turn restrictions; the edges are checked and decoded when first read (network::EdgeList), from `payload`, which must
// live as long as the network: `keep` holds what it points into (the memory map).
std::string encode_network(const network::Network& net);
network::Network decode_network(std::span<const std::byte> payload, std::shared_ptr<const void> keep = {});

}  // namespace logiplan::cache
