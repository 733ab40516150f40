#include "tasks/task_store.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <cstdio>
#include <set>

#include "core/error.hpp"
#include "core/version.hpp"
#include "handles/gdal.hpp"
#include "tasks/numbering.hpp"
#include "tasks/timeline.hpp"
#include "text/fold.hpp"

namespace logiplan::tasks {

namespace {

// A plan's issue date: YYYY, YYYY-MM or YYYY-MM-DD, and a real day of the calendar.
void check_issue_date(const std::string& d) {
  int y = 0, m = 1, day = 1;
  char tail = 0;
  const int n = std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail);
  const std::size_t len = d.size();
  const bool shape = (n == 1 && len == 4) || (n == 2 && len == 7) || (n == 3 && len == 10);
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const bool valid = shape && y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && day >= 1 &&
                     day <= (m == 2 && !leap ? 28 : days[m - 1]);
  if (!valid) {
    throw UsageError(fmt::format("--date '{}' is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2026-03-15)", d));
  }
}

struct PendingTask {
  int row;
  std::string tt, code;
  std::optional<std::string> parent;
  int level;
  TableRow cells;
  Timeline timeline;
  std::string status;
  bool is_group = false;
};

nlohmann::json parts_json(const Timeline& t) {
  auto arr = nlohmann::json::array();
  for (const auto& p : t.parts) {
    nlohmann::json j = {{"text", p.text}};
    if (p.start) j["start"] = *p.start;
    if (p.end) j["end"] = *p.end;
    arr.push_back(j);
  }
  return arr;
}

std::optional<std::string> cell(const TableRow& r, Column c) {
  auto v = r.get(c);
  if (v.empty()) return std::nullopt;
  return v;
}

struct SavedLink {
  std::string code, feature_id, role, origin;
  std::optional<std::string> note;
};

}  // namespace

std::string status_from_text(const std::string& text) {
  const std::string k = text::match_key(text);
  if (k.empty() || k == "not_started" || k == "not started" || k.rfind("chua", 0) == 0) return "not_started";
  if (k == "in_progress" || k == "in progress" || k.rfind("dang", 0) == 0) return "in_progress";
  if (k == "done" || k.find("hoan thanh") != std::string::npos || k.rfind("xong", 0) == 0) return "done";
  if (k == "cancelled" || k == "canceled" || k.rfind("huy", 0) == 0 || k.rfind("dung", 0) == 0) return "cancelled";
  throw UsageError(fmt::format("unknown task status '{}' (not_started, in_progress, done, cancelled; or Chưa thực hiện, "
                               "Đang thực hiện, Đã hoàn thành, Hủy)",
                               text));
}

ImportTasksReport import_tasks(project::Project& project, const std::string& path, const ImportTasksOptions& options) {
  const auto& plan = options.plan;
  if (plan.code.empty() || plan.code.find(':') != std::string::npos || plan.code.find(' ') != std::string::npos) {
    throw UsageError(fmt::format("--plan '{}': a plan code is one word without ':' (e.g. kh-logistics-2026)", plan.code));
  }
  const TaskTable table = read_task_table(path, options.table);
  ImportTasksReport report;
  report.plan = plan.code;
  report.path = path;
  report.layer = table.layer;
  report.header_row = table.header_row;

  // Number, place and check every row before anything is written.
  std::vector<PendingTask> pending;
  std::map<std::string, int> row_of_code;
  Hierarchy hierarchy;
  for (const auto& r : table.rows) {
    const std::string tt = r.get(Column::tt);
    const auto numbering = parse_tt(tt);
    if (!numbering) {
      throw DataError(fmt::format("{}: row {}: TT '{}' is not a task number (I, II… for groups; 1, 2.1, 1.2.3 for tasks)",
                                  path, r.row, tt));
    }
    const auto placed = hierarchy.place(*numbering);
    if (const auto it = row_of_code.find(placed.code); it != row_of_code.end()) {
      throw DataError(fmt::format("{}: row {}: TT '{}' (task {}) repeats row {} in plan {}", path, r.row, tt, placed.code,
                                  it->second, plan.code));
    }
    if (r.get(Column::content).empty()) {
      throw DataError(fmt::format("{}: row {}: TT '{}' has no task content ({})", path, r.row, tt,
                                  table.headers.count(Column::content) ? table.headers.at(Column::content) : "content"));
    }
    row_of_code[placed.code] = r.row;
    PendingTask t{r.row, tt, placed.code, placed.parent, placed.level, r, parse_timeline(r.get(Column::timeline)),
                  "not_started", false};
    if (const auto s = cell(r, Column::status)) {
      try {
        t.status = status_from_text(*s);
      } catch (const UsageError& e) {
        throw DataError(fmt::format("{}: row {}: {}", path, r.row, e.what()));
      }
    }
    pending.push_back(std::move(t));
  }
  std::set<std::string> parents;
  for (const auto& t : pending) {
    if (t.parent) parents.insert(*t.parent);
  }
  for (auto& t : pending) t.is_group = parents.count(t.code) > 0;

  auto& db = project.db();
  db::Transaction tx(db);
  std::vector<SavedLink> saved;
  if (auto existing = db.prepare("SELECT id FROM plans WHERE code = ?"); existing.bind(1, plan.code).step()) {
    if (!options.replace) {
      throw DataError(fmt::format("{}: plan '{}' is already imported; give --replace to replace its tasks (links are "
                                  "kept for tasks whose TT stays)",
                                  project.path().string(), plan.code));
    }
    auto st = db.prepare(
        "SELECT t.code, l.feature_id, l.role, l.origin, l.note FROM task_links l JOIN tasks t ON t.id = l.task_id"
        " JOIN plans p ON p.id = t.plan_id WHERE p.code = ?");
    st.bind(1, plan.code);
    while (st.step()) saved.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text_opt(4)});
    delete_plan(db, plan.code);
  }
  if (plan.issued_on) check_issue_date(*plan.issued_on);
  auto ins_plan = db.prepare(
      "INSERT INTO plans(code, title, issuer, issued_on, source_path, source_layer, header_row, tool_version)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ins_plan.bind(1, plan.code).bind(2, plan.title).bind(3, plan.issuer).bind(4, plan.issued_on).bind(5, path);
  ins_plan.bind(6, table.layer).bind(7, table.header_row).bind(8, std::string(kVersion)).step();
  const auto plan_id = db.last_insert_rowid();

  auto ins = db.prepare(
      "INSERT INTO tasks(plan_id, code, tt, parent_id, level, position, source_row, is_group, content, content_ascii,"
      " lead, partners, product, authority, timeline_text, start_date, end_date, recurrence, timeline_parsed,"
      " timeline_parts, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  std::map<std::string, std::int64_t> id_of;
  int position = 0;
  for (const auto& t : pending) {
    const auto& r = t.cells;
    const std::string content = r.get(Column::content);
    const auto timeline_text = cell(r, Column::timeline);
    const bool parsed = !timeline_text || t.timeline.parsed;
    ins.bind(1, plan_id).bind(2, t.code).bind(3, t.tt);
    if (t.parent) {
      ins.bind(4, id_of.at(*t.parent));
    } else {
      ins.bind(4, std::nullopt);
    }
    ins.bind(5, t.level).bind(6, ++position).bind(7, t.row).bind(8, t.is_group ? 1 : 0).bind(9, content);
    ins.bind(10, text::match_key(content)).bind(11, cell(r, Column::lead)).bind(12, cell(r, Column::partners));
    ins.bind(13, cell(r, Column::product)).bind(14, cell(r, Column::authority)).bind(15, timeline_text);
    ins.bind(16, t.timeline.start).bind(17, t.timeline.end).bind(18, to_string(t.timeline.recurrence));
    ins.bind(19, parsed ? 1 : 0).bind(20, parts_json(t.timeline).dump()).bind(21, t.status);
    ins.step();
    ins.reset();
    id_of[t.code] = db.last_insert_rowid();
    if (t.is_group) {
      ++report.groups;
    } else {
      ++report.tasks;
    }
    if (!parsed) report.unparsed_timelines.emplace_back(t.code, *timeline_text);
  }
  // Tasks under each top-level row (a top-level task with no children counts itself).
  std::map<std::string, std::optional<std::string>> parent_of;
  for (const auto& t : pending) parent_of[t.code] = t.parent;
  std::map<std::string, int> under_top;
  for (const auto& t : pending) {
    if (t.is_group) continue;
    std::string top = t.code;
    while (const auto& p = parent_of.at(top)) top = *p;
    ++under_top[top];
  }
  for (const auto& t : pending) {
    if (!t.parent) report.tasks_per_group.emplace_back(t.code, under_top[t.code]);
  }
  for (const auto& l : saved) {
    if (const auto it = id_of.find(l.code); it != id_of.end()) {
      link_task(db, it->second, l.feature_id, l.role, l.origin, l.note);
      ++report.links_kept;
    } else {
      ++report.links_dropped;
    }
  }
  tx.commit();
  return report;
}

TaskKey parse_task_key(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw UsageError(fmt::format("'{}' is not a task: write PLAN:TT, e.g. kh-logistics-2026:3.2 or ctr-20-tu-2026:VI.43", text));
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

std::int64_t find_task(db::Database& db, const TaskKey& key) {
  auto plan = db.prepare("SELECT id FROM plans WHERE code = ?");
  if (!plan.bind(1, key.plan).step()) {
    throw DataError(fmt::format("no plan '{}' in the project (`logiplan tasks plans` lists them)", key.plan));
  }
  const auto plan_id = plan.column_int(0);
  auto st = db.prepare("SELECT id FROM tasks WHERE plan_id = ? AND (code = ? OR upper(code) = upper(?))");
  st.bind(1, plan_id).bind(2, key.code).bind(3, key.code);
  if (!st.step()) {
    throw DataError(fmt::format("no task '{}' in plan '{}' (tasks under a Roman group are written like VI.43)", key.code,
                                key.plan));
  }
  return st.column_int(0);
}

void link_task(db::Database& db, std::int64_t task_id, const std::string& feature_id, const std::string& role,
               const std::string& origin, const std::optional<std::string>& note) {
  if (role != "site" && role != "area" && role != "corridor" && role != "affects") {
    throw UsageError(fmt::format("unknown link role '{}' (roles: {})", role, kLinkRoles));
  }
  auto f = db.prepare("SELECT 1 FROM features WHERE feature_id = ?");
  if (!f.bind(1, feature_id).step()) {
    throw DataError(fmt::format("feature '{}' is not in the project (sites, areas, corridors); `logiplan layers` and "
                                "`logiplan export` list the features",
                                feature_id));
  }
  auto st = db.prepare("INSERT OR IGNORE INTO task_links(task_id, feature_id, role, origin, note) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, task_id).bind(2, feature_id).bind(3, role).bind(4, origin).bind(5, note).step();
}

int import_links(db::Database& db, const std::string& path) {
  auto ds = gdal::open_vector(path, {"HEADERS=YES", "AUTODETECT_TYPE=NO"});
  OGRLayer* layer = ds->GetLayer(0);
  const auto* defn = layer->GetLayerDefn();
  const int task_i = defn->GetFieldIndex("task"), feature_i = defn->GetFieldIndex("feature_id");
  const int role_i = defn->GetFieldIndex("role"), note_i = defn->GetFieldIndex("note");
  if (task_i < 0 || feature_i < 0 || role_i < 0) {
    throw DataError(fmt::format("{}: a links table needs the columns task, feature_id and role (and may have note)", path));
  }
  db::Transaction tx(db);
  int row = 1, added = 0;
  for (auto& f : gdal::Features(*layer, path)) {
    ++row;
    try {
      const auto id = find_task(db, parse_task_key(f->GetFieldAsString(task_i)));
      std::optional<std::string> note;
      if (note_i >= 0 && f->IsFieldSetAndNotNull(note_i) && *f->GetFieldAsString(note_i)) note = f->GetFieldAsString(note_i);
      link_task(db, id, f->GetFieldAsString(feature_i), f->GetFieldAsString(role_i), "manual", note);
      ++added;
    } catch (const std::runtime_error& e) {
      throw DataError(fmt::format("{}: row {}: {}", path, row, e.what()));
    }
  }
  tx.commit();
  return added;
}

int unlink_task(db::Database& db, std::int64_t task_id, const std::string& feature_id, const std::string& role) {
  auto st = db.prepare("DELETE FROM task_links WHERE task_id = ? AND feature_id = ? AND (? = '' OR role = ?)");
  st.bind(1, task_id).bind(2, feature_id).bind(3, role).bind(4, role).step();
  return static_cast<int>(sqlite3_changes(db.handle()));
}

void set_task_status(db::Database& db, std::int64_t task_id, const std::string& status) {
  auto st = db.prepare("UPDATE tasks SET status = ? WHERE id = ?");
  st.bind(1, status_from_text(status)).bind(2, task_id).step();
}

std::vector<PlanSummary> list_plans(db::Database& db) {
  std::vector<PlanSummary> out;
  auto st = db.prepare(
      "SELECT p.code, p.title, coalesce(p.issuer, ''), coalesce(p.issued_on, ''), coalesce(p.source_path, ''),"
      " (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.is_group),"
      " (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND NOT t.is_group),"
      " (SELECT count(DISTINCT l.task_id) FROM task_links l JOIN tasks t ON t.id = l.task_id WHERE t.plan_id = p.id),"
      " (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND NOT t.timeline_parsed)"
      " FROM plans p ORDER BY p.code");
  while (st.step()) {
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   static_cast<int>(st.column_int(5)), static_cast<int>(st.column_int(6)),
                   static_cast<int>(st.column_int(7)), static_cast<int>(st.column_int(8))});
  }
  return out;
}

void delete_plan(db::Database& db, const std::string& code) {
  auto st = db.prepare("DELETE FROM plans WHERE code = ?");
  st.bind(1, code).step();
  if (sqlite3_changes(db.handle()) == 0) throw DataError(fmt::format("no plan '{}' in the project", code));
}

}  // namespace logiplan::tasks
