#pragma once
// A stored network opened once and shared by many analyses: `logiplan serve`
// answers each request with an AnalysisContext over the same session, so a
// request pays for snapping its places and searching, not for opening the
// network or building a profile's graph (built, or read from its cache, on the
// first request that needs it, then kept).
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "handles/sqlite.hpp"
#include "network/model.hpp"
#include "network/network_store.hpp"
#include "routing/hierarchy.hpp"
#include "routing/profile.hpp"
#include "routing/routing_graph.hpp"

namespace logiplan::routing {

class NetworkSession {
 public:
  // Opens network `name` through its cache; throws DataError listing the stored networks when absent.
  NetworkSession(db::Database& db, const std::string& name);
  const network::NetworkInfo& info() const { return info_; }
  const std::shared_ptr<const network::Network>& network() const { return net_; }
  // The base graph of the stored network for this profile and these lane options.
  std::shared_ptr<const BaseGraph> base_graph(db::Database& db, const Profile& profile, const LaneOptions& lanes);
  // The contraction hierarchy of that base graph (one of this session's) for
  // `metric`: kept once opened or built; null when not cached and not to be built.
  std::shared_ptr<const Hierarchy> hierarchy(db::Database& db, const Profile& profile, const BaseGraph& base, Metric metric,
                                             bool build_if_missing);

 private:
  network::NetworkInfo info_;
  std::shared_ptr<const network::Network> net_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const BaseGraph>> graphs_;
  std::map<std::pair<const BaseGraph*, int>, std::shared_ptr<const Hierarchy>> hierarchies_;
};

}  // namespace logiplan::routing
