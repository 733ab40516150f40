#pragma once
// Finding tasks: by plan, agency, deadline window, status, overdue date, and by
// where their linked places lie (within a distance of a feature, inside a zone,
// along a corridor). Distances are geodesic, on the WGS84 ellipsoid (SpatiaLite
// ST_Distance with use_ellipsoid), so they hold from a berth to a national corridor.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"

namespace logiplan::tasks {

struct TaskQuery {
  std::optional<std::string> plan;
  std::optional<std::string> agency;        // lead or partner, diacritics optional, part of the name
  bool lead_only = false;
  std::optional<std::string> status;
  std::optional<std::string> due_from;      // ISO date: deadline on or after
  std::optional<std::string> due_by;        // ISO date: deadline on or before
  std::optional<std::string> overdue_as_of; // ISO date: deadline before it and not done/cancelled
  std::optional<std::string> near_feature;  // linked places within `within_m` of this feature
  double within_m = 0;                      // 0 with near_feature: touching or inside it
  std::optional<std::string> linked_to;     // linked to this feature
  std::optional<std::string> text;          // words in the content, diacritics optional
  bool include_groups = false;
  bool unparsed_only = false;               // timelines kept as text only
};

struct LinkedPlace {
  std::string feature_id, name, layer, kind, role, origin;
  std::optional<double> distance_m;         // to near_feature, when asked
};

struct TaskRecord {
  std::int64_t id = 0;
  std::string plan, code, tt, content;
  std::optional<std::string> parent_code;
  int level = 1;
  bool is_group = false;
  std::optional<std::string> lead, partners, product, authority, timeline_text, start_date, end_date;
  std::string recurrence, status;
  bool timeline_parsed = true;
  std::string timeline_parts_json;
  std::vector<LinkedPlace> places;
  std::string key() const { return plan + ":" + code; }
};

// A date a planner types ("2030", "Quý II/2026", "2026-06-30") as an ISO day:
// the first day of the period (start) or the last (end). UsageError otherwise.
std::string date_bound(const std::string& text, bool end_of_period);

std::vector<TaskRecord> query_tasks(db::Database& db, const TaskQuery& q);

// One task with its places (and its children's codes in `places` order).
TaskRecord load_task(db::Database& db, std::int64_t task_id);

}  // namespace logiplan::tasks
