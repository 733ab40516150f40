#pragma once
// The link volumes of a stored assignment run, per network edge and vehicle
// class (both directions added), so other studies can weigh by traffic: the
// lane audit ranks its mixed segments by container trucks × motorbikes.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "handles/sqlite.hpp"
#include "routing/lane_audit.hpp"

namespace logiplan::flows {

struct RunVolumes {
  std::int64_t run_id = 0, network_id = 0;
  std::optional<std::string> scenario;
  std::set<std::string> classes;
  std::map<std::int64_t, std::map<std::string, double>> vehicles;  // edge -> class -> vehicles (both directions)
  double of(std::int64_t edge, const std::string& cls) const;
};

// DataError for a run that does not exist or is not an assignment.
RunVolumes load_run_volumes(db::Database& db, std::int64_t run_id);

// Puts the container trucks and motorbikes of the run on each mixed segment of
// the audit and orders the upgrade list by their product (then by paths): where
// separating the lanes removes most conflict. DataError when the run lacks one
// of the two classes.
void rank_audit_by_volumes(routing::AuditResult& audit, const RunVolumes& volumes);

}  // namespace logiplan::flows
