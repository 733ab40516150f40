#pragma once
// The link volumes of a stored assignment run, per network edge and vehicle
// class (both directions added), so other studies can weigh by traffic: the
// lane audit ranks its mixed segments by container trucks × motorbikes.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "handles/sqlite.hpp"
#include "network/model.hpp"
#include "network/network_store.hpp"
#include "routing/lane_audit.hpp"

namespace logiplan::flows {

struct RunVolumes {
  std::int64_t run_id = 0, network_id = 0;
  std::optional<std::string> scenario;
  std::set<std::string> classes;
  std::map<std::int64_t, std::map<std::string, double>> vehicles;  // edge -> class -> vehicles (both directions)
  std::map<std::int64_t, std::pair<double, double>> slowdown;       // edge -> congested ÷ free-flow time, ab and ba
  std::map<std::int64_t, double> vc;                                // edge -> the larger direction's V/C
  double of(std::int64_t edge, const std::string& cls) const;
};

// DataError for a run that does not exist or is not an assignment.
RunVolumes load_run_volumes(db::Database& db, std::int64_t run_id);

// The run's congested times on a network: each loaded edge direction's speed
// divided by its slowdown, so routes, matrices and siting see the equilibrium's
// times. DataError when the run was on another network version or scenario.
void apply_congestion(const RunVolumes& volumes, const network::NetworkInfo& info, const std::optional<std::string>& scenario,
                      network::Network& net);

// Puts the container trucks and motorbikes of the run on each mixed segment of
// the audit and orders the upgrade list by their product (then by paths): where
// separating the lanes removes most conflict. DataError when the run lacks one
// of the two classes.
void rank_audit_by_volumes(routing::AuditResult& audit, const RunVolumes& volumes);

}  // namespace logiplan::flows
