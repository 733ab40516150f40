#pragma once
// Plans, their tasks and the tasks' links to features, in the project file.
// A task is named PLAN:CODE, e.g. kh-logistics-2026:3.2 or ctr-20-tu-2026:VI.43.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "project/project.hpp"
#include "tasks/task_table.hpp"

namespace logiplan::tasks {

struct PlanInfo {
  std::string code;                      // short and stable: kh-logistics-2026
  std::string title;
  std::optional<std::string> issuer;     // e.g. UBND thành phố Hải Phòng
  std::optional<std::string> issued_on;  // YYYY, YYYY-MM or YYYY-MM-DD
};

struct ImportTasksOptions {
  PlanInfo plan;
  TableOptions table;
  bool replace = false;  // replace a plan already imported, keeping links by task code
  std::optional<std::string> source_label;  // recorded instead of the path (embedded samples)
};

struct ImportTasksReport {
  std::string plan;
  std::string path, layer;
  int header_row = 0;
  int groups = 0, tasks = 0;
  // Top-level rows in order, with the tasks (not groups) under each.
  std::vector<std::pair<std::string, int>> tasks_per_group;
  // Tasks whose timeline could not be read: (code, text). Kept as text.
  std::vector<std::pair<std::string, std::string>> unparsed_timelines;
  int links_kept = 0, links_dropped = 0;  // with replace
};

// Reads the table and stores the plan in one transaction: any error (bad TT,
// duplicate TT, missing content, bad status) leaves the project unchanged.
ImportTasksReport import_tasks(project::Project& project, const std::string& path, const ImportTasksOptions& options);

struct TaskKey {
  std::string plan, code;
};
// "plan:code"; throws UsageError otherwise.
TaskKey parse_task_key(const std::string& text);
// The task's row id, or DataError naming what is missing.
std::int64_t find_task(db::Database& db, const TaskKey& key);

inline constexpr std::string_view kLinkRoles = "site, area, corridor, affects";
// Links a task to a feature; DataError when the feature is not in the project.
void link_task(db::Database& db, std::int64_t task_id, const std::string& feature_id, const std::string& role,
               const std::string& origin = "manual", const std::optional<std::string>& note = std::nullopt);
// Links from a CSV with columns task (PLAN:TT), feature_id, role and an
// optional note, in one transaction; errors name the row. Returns links added.
int import_links(db::Database& db, const std::string& path);
// Returns how many links were removed (role empty: every role).
int unlink_task(db::Database& db, std::int64_t task_id, const std::string& feature_id, const std::string& role = "");

// Task statuses: not_started, in_progress, done, cancelled; Vietnamese words accepted.
std::string status_from_text(const std::string& text);
void set_task_status(db::Database& db, std::int64_t task_id, const std::string& status);

struct PlanSummary {
  std::string code, title, issuer, issued_on, source_path;
  int groups = 0, tasks = 0, linked = 0, unparsed = 0;
};
std::vector<PlanSummary> list_plans(db::Database& db);
// Deletes a plan with its tasks and links.
void delete_plan(db::Database& db, const std::string& code);

}  // namespace logiplan::tasks
