#include "routing/network_session.hpp"

#include <fmt/format.h>

#include "cache/graph_cache.hpp"
#include "cache/hierarchy_cache.hpp"
#include "cache/network_cache.hpp"

namespace logiplan::routing {

NetworkSession::NetworkSession(db::Database& db, const std::string& name) {
  auto opened = cache::open_network(db, name);
  info_ = std::move(opened.info);
  net_ = std::make_shared<const network::Network>(std::move(opened.net));
}

std::shared_ptr<const BaseGraph> NetworkSession::base_graph(db::Database& db, const Profile& profile, const LaneOptions& lanes) {
  const auto key = fmt::format("{}|{}|{}", profile.fingerprint, static_cast<int>(lanes.mode), lanes.mixed_penalty);
  std::lock_guard lock(mutex_);
  auto& g = graphs_[key];
  if (!g) g = cache::open_base_graph(db, info_, *net_, profile, lanes).graph;
  return g;
}

std::shared_ptr<const Hierarchy> NetworkSession::hierarchy(db::Database& db, const Profile& profile, const BaseGraph& base,
                                                           Metric metric, bool build_if_missing) {
  std::lock_guard lock(mutex_);
  auto& h = hierarchies_[{&base, static_cast<int>(metric)}];
  if (!h) h = cache::open_hierarchy(db, info_, base, profile, metric, build_if_missing).hierarchy;
  return h;
}

}  // namespace logiplan::routing
