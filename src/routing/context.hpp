#pragma once
// What every analysis starts from: a stored network loaded, a profile, the
// places anchored on edges the profile can use (a point on the edge), mode
// transfers at facilities for multimodal profiles, and the routing graph.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "network/build_settings.hpp"
#include "network/network_store.hpp"
#include "project/project.hpp"
#include "routing/hierarchy.hpp"
#include "routing/network_session.hpp"
#include "routing/places.hpp"
#include "routing/profile.hpp"
#include "routing/routing_graph.hpp"

namespace logiplan::routing {

struct AnchoredPlace {
  Place place;
  std::int32_t node = 0;       // routing-graph node
  double snap_distance_m = 0;  // from the place to its point on the network
  std::int64_t edge = 0;
};

class AnalysisContext {
 public:
  // Loads network `network_name` and `profile`; `max_snap_m` defaults to the
  // network's attach distance.
  // With `scenario`, the scenario's edits are applied to the loaded network (the
  // stored base network is never changed).
  AnalysisContext(project::Project& project, const std::string& network_name, const std::string& profile,
                  std::optional<double> max_snap_m = std::nullopt, const std::optional<std::string>& scenario = std::nullopt);
  // The same over a network a session keeps open (logiplan serve): the network is
  // shared, not loaded again; a scenario or edit_network works on a private copy.
  AnalysisContext(project::Project& project, std::shared_ptr<NetworkSession> session, const std::string& profile,
                  std::optional<double> max_snap_m = std::nullopt, const std::optional<std::string>& scenario = std::nullopt);
  const std::optional<std::string>& scenario() const { return scenario_; }

  // Adds places (before build()); returns their indices. A place too far from
  // any edge the profile can use is an error, or, with skip_unreachable (places
  // that came from a kind:), left out and listed in skipped().
  std::vector<std::size_t> add_places(const std::vector<Place>& places, bool skip_unreachable = false);
  const std::vector<std::pair<Place, std::string>>& skipped() const { return skipped_; }
  // Adds the places a spec names (routing::resolve_places): a place named one by
  // one (a feature id, a name, lon,lat) must be placeable; members of kind:KIND
  // too far from the network are left out and listed in skipped().
  std::vector<std::size_t> add_spec(const std::string& spec);
  // Where a polygon (rings in lon/lat, the shell first) meets the network: the
  // point of the nearest edge the profile may use that is closest to it, and its
  // distance in metres from the polygon (0 when an edge crosses it). A zone is
  // reached at this access point.
  std::optional<std::pair<network::LonLat, double>> access_point(
      const std::vector<std::vector<network::LonLat>>& rings) const;
  // Changes the loaded network before build(): the speeds of a congested
  // assignment run, say. Edges keep their geometry and access (the places are
  // snapped already). logic_error after build().
  void edit_network(const std::function<void(network::Network&, const network::NetworkInfo&)>& edit);
  // Builds the routing graph with these lane options (the default graph).
  void build(LaneOptions lanes = {});
  // The graph for other lane options over the same places (built once, kept).
  const RoutingGraph& graph(const LaneOptions& lanes) const;

  const RoutingGraph& graph() const { return *graph_; }
  // The contraction hierarchy of the default graph's base for `metric`, or null
  // when the plain search answers. `searches` is how many one-to-all searches
  // the plain way would run: building a hierarchy costs about 900 of them (on
  // Porto, 15 s), so it is built (and cached) only for work of 256 searches or
  // more; a cached one is used for any work. An edited network (a scenario,
  // congested speeds) gets one of its own, in memory, never cached, from
  // kEditedHierarchyFrom searches on. Never with mode transfers.
  // LOGIPLAN_HIERARCHY=off never uses one, =on always builds one.
  // Safe to call from several threads at once (the lane audit's routes run on
  // all cores): the project's connection is asked once, by one thread.
  std::shared_ptr<const Hierarchy> hierarchy(Metric metric, std::size_t searches) const;
  static constexpr std::size_t kEditedHierarchyFrom = 2048;
  // Where long preparation (building a hierarchy) reports its progress.
  void set_progress(Progress progress) { progress_ = std::move(progress); }
  // Place `i` as where hierarchy paths start (as_source) or end.
  Endpoint endpoint(std::size_t i, Metric metric, bool as_source) const;
  const AnchoredPlace& place(std::size_t i) const { return places_.at(i); }
  std::size_t place_count() const { return places_.size(); }
  const network::Network& network() const { return *net_; }
  const network::NetworkInfo& info() const { return info_; }
  const Profile& profile() const { return profile_; }
  double max_snap_m() const { return max_snap_m_; }

 private:
  project::Project& project_;
  network::NetworkInfo info_;
  std::shared_ptr<NetworkSession> session_;
  std::shared_ptr<const network::Network> net_;
  std::shared_ptr<network::Network> private_net_;  // set when this context may change the network
  void init(std::optional<double> max_snap_m);
  network::Network& writable_network();
  Profile profile_;
  network::BuildSettings settings_;
  double max_snap_m_;
  std::optional<std::string> scenario_;
  std::vector<Anchor> anchors_;
  std::vector<Transfer> transfers_;
  std::vector<AnchoredPlace> places_;
  std::vector<std::size_t> place_anchor_;
  std::vector<std::pair<Place, std::string>> skipped_;
  bool edited_ = false;  // by a scenario or edit_network: no longer the stored network
  std::shared_ptr<const BaseGraph> base_graph(const LaneOptions& lanes) const;
  std::unique_ptr<RoutingGraph> graph_;
  mutable std::vector<std::unique_ptr<RoutingGraph>> other_graphs_;
  // Filled lazily by the const graph(lanes) and hierarchy(), which threads may
  // call at once: the mutex guards them and the project connection they read.
  mutable std::mutex lazy_mutex_;
  mutable std::shared_ptr<const Hierarchy> hierarchies_[2];
  mutable bool hierarchy_absent_[2] = {false, false};  // none cached, and none was to be built
  Progress progress_;
  struct Snapper;
  std::unique_ptr<Snapper> snapper_;

 public:
  ~AnalysisContext();
};

}  // namespace logiplan::routing
