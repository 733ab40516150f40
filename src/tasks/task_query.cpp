#include "tasks/task_query.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "tasks/timeline.hpp"
#include "text/fold.hpp"

namespace logiplan::tasks {

namespace {

constexpr const char* kSelect =
    "SELECT t.id, p.code, t.code, t.tt, t.content, pt.code, t.level, t.is_group, t.lead, t.partners, t.product,"
    " t.authority, t.timeline_text, t.start_date, t.end_date, t.recurrence, t.status, t.timeline_parsed,"
    " t.timeline_parts FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN tasks pt ON pt.id = t.parent_id";

TaskRecord read_record(db::Statement& st) {
  TaskRecord r;
  r.id = st.column_int(0);
  r.plan = st.column_text(1);
  r.code = st.column_text(2);
  r.tt = st.column_text(3);
  r.content = st.column_text(4);
  r.parent_code = st.column_text_opt(5);
  r.level = static_cast<int>(st.column_int(6));
  r.is_group = st.column_int(7) != 0;
  r.lead = st.column_text_opt(8);
  r.partners = st.column_text_opt(9);
  r.product = st.column_text_opt(10);
  r.authority = st.column_text_opt(11);
  r.timeline_text = st.column_text_opt(12);
  r.start_date = st.column_text_opt(13);
  r.end_date = st.column_text_opt(14);
  r.recurrence = st.column_text(15);
  r.status = st.column_text(16);
  r.timeline_parsed = st.column_int(17) != 0;
  r.timeline_parts_json = st.column_text(18);
  return r;
}

void load_places(db::Database& db, TaskRecord& r, const std::optional<std::string>& near_feature) {
  auto st = db.prepare(
      "SELECT l.feature_id, coalesce(g.name, '(missing)'), coalesce(g.layer, ''), coalesce(g.kind, ''), l.role, l.origin,"
      " CASE WHEN ?2 IS NULL OR g.geom IS NULL THEN NULL ELSE"
      "  (SELECT CASE WHEN ST_Intersects(g.geom, r.geom) THEN 0.0 ELSE ST_Distance(g.geom, r.geom, 1) END"
      "   FROM feature_geometries r WHERE r.feature_id = ?2) END"
      " FROM task_links l LEFT JOIN feature_geometries g ON g.feature_id = l.feature_id"
      " WHERE l.task_id = ?1 ORDER BY l.role, l.feature_id");
  st.bind(1, r.id).bind(2, near_feature);
  while (st.step()) {
    r.places.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                        st.column_text(5), st.column_double_opt(6)});
  }
}

bool contains_key(const std::optional<std::string>& field, const std::string& key) {
  return field && text::match_key(*field).find(key) != std::string::npos;
}

}  // namespace

std::string date_bound(const std::string& text, bool end_of_period) {
  const auto t = parse_timeline(text);
  const auto& v = end_of_period ? t.end : t.start;
  if (!t.parsed || !v || t.parts.size() != 1) {
    throw UsageError(fmt::format("'{}' is not a date or period (e.g. 2030, 2026-06-30, 30/6/2026, Quý II/2026, Tháng 4/2026)", text));
  }
  return *v;
}

std::vector<TaskRecord> query_tasks(db::Database& db, const TaskQuery& q) {
  if (q.near_feature) {
    auto f = db.prepare("SELECT 1 FROM feature_geometries WHERE feature_id = ?");
    if (!f.bind(1, *q.near_feature).step()) {
      throw DataError(fmt::format("feature '{}' is not in the project (sites, areas, corridors)", *q.near_feature));
    }
  }
  if (q.plan) {
    auto p = db.prepare("SELECT 1 FROM plans WHERE code = ?");
    if (!p.bind(1, *q.plan).step()) throw DataError(fmt::format("no plan '{}' in the project", *q.plan));
  }
  // Plan, status, dates in SQL; agency, text and places below (folded matching, geodesic distances).
  std::string sql = std::string(kSelect) + " WHERE 1";
  if (!q.include_groups) sql += " AND NOT t.is_group";
  if (q.plan) sql += " AND p.code = :plan";
  if (q.status) sql += " AND t.status = :status";
  if (q.due_from) sql += " AND t.end_date >= :due_from";
  if (q.due_by) sql += " AND t.end_date <= :due_by";
  if (q.overdue_as_of) sql += " AND t.end_date < :overdue AND t.status NOT IN ('done', 'cancelled')";
  if (q.unparsed_only) sql += " AND NOT t.timeline_parsed";
  if (q.linked_to) sql += " AND EXISTS (SELECT 1 FROM task_links l WHERE l.task_id = t.id AND l.feature_id = :linked)";
  if (q.near_feature) {
    sql +=
        " AND EXISTS (SELECT 1 FROM task_links l JOIN feature_geometries g ON g.feature_id = l.feature_id,"
        " feature_geometries r WHERE l.task_id = t.id AND r.feature_id = :near"
        " AND (ST_Intersects(g.geom, r.geom) OR ST_Distance(g.geom, r.geom, 1) <= :within))";
  }
  sql += " ORDER BY p.code, t.position";
  auto st = db.prepare(sql);
  const auto bind = [&](const char* name, const auto& value) {
    const int i = sqlite3_bind_parameter_index(st.handle(), name);
    if (i > 0) st.bind(i, value);
  };
  if (q.plan) bind(":plan", *q.plan);
  if (q.status) bind(":status", *q.status);
  if (q.due_from) bind(":due_from", *q.due_from);
  if (q.due_by) bind(":due_by", *q.due_by);
  if (q.overdue_as_of) bind(":overdue", *q.overdue_as_of);
  if (q.linked_to) bind(":linked", *q.linked_to);
  if (q.near_feature) {
    bind(":near", *q.near_feature);
    bind(":within", q.within_m);
  }
  const std::string agency = q.agency ? text::match_key(*q.agency) : "";
  const std::string words = q.text ? text::match_key(*q.text) : "";
  std::vector<TaskRecord> out;
  while (st.step()) {
    auto r = read_record(st);
    if (q.agency && !contains_key(r.lead, agency) && (q.lead_only || !contains_key(r.partners, agency))) continue;
    if (q.text && text::match_key(r.content).find(words) == std::string::npos) continue;
    out.push_back(std::move(r));
  }
  for (auto& r : out) load_places(db, r, q.near_feature);
  return out;
}

TaskRecord load_task(db::Database& db, std::int64_t task_id) {
  auto st = db.prepare(std::string(kSelect) + " WHERE t.id = ?");
  if (!st.bind(1, task_id).step()) throw DataError(fmt::format("no task with id {}", task_id));
  auto r = read_record(st);
  load_places(db, r, std::nullopt);
  return r;
}

}  // namespace logiplan::tasks
