#include "tasks/suggestions.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "tasks/place_matching.hpp"
#include "tasks/task_store.hpp"

namespace logiplan::tasks {

namespace {

constexpr const char* kSelect =
    "SELECT s.id, p.code || ':' || t.code, t.content, s.feature_id, coalesce(f.name, '(missing)'), s.role, s.matched,"
    " s.state, s.score FROM task_suggestions s JOIN tasks t ON t.id = s.task_id JOIN plans p ON p.id = t.plan_id"
    " LEFT JOIN features f ON f.feature_id = s.feature_id";

std::vector<Suggestion> read_all(db::Statement& st) {
  std::vector<Suggestion> out;
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6), st.column_text(7), st.column_double(8)});
  }
  return out;
}

}  // namespace

std::vector<Suggestion> suggest_links(db::Database& db, const std::optional<std::string>& plan,
                                      std::optional<std::int64_t> task_id, double min_score) {
  std::vector<Candidate> candidates;
  {
    auto st = db.prepare("SELECT feature_id, kind, name, layer FROM features ORDER BY layer, id");
    while (st.step()) candidates.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
  }
  if (candidates.empty()) throw DataError("the project has no features to link tasks to; import layers first");
  const PlaceMatcher matcher(std::move(candidates));
  auto tasks = db.prepare(
      "SELECT t.id, t.content || ' ' || coalesce(t.timeline_text, '') FROM tasks t JOIN plans p ON p.id = t.plan_id"
      " WHERE NOT t.is_group AND (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR t.id = ?2) ORDER BY p.code, t.position");
  tasks.bind(1, plan).bind(2, task_id);
  auto linked = db.prepare("SELECT 1 FROM task_links WHERE task_id = ? AND feature_id = ?");
  auto ins = db.prepare(
      "INSERT OR IGNORE INTO task_suggestions(task_id, feature_id, role, score, matched) VALUES (?, ?, ?, ?, ?)");
  db::Transaction tx(db);
  std::vector<std::int64_t> touched;
  while (tasks.step()) {
    const auto id = tasks.column_int(0);
    touched.push_back(id);
    for (const auto& m : matcher.match(tasks.column_text(1), min_score)) {
      linked.bind(1, id).bind(2, m.feature_id);
      const bool already = linked.step();
      linked.reset();
      if (already) continue;
      ins.bind(1, id).bind(2, m.feature_id).bind(3, m.role).bind(4, m.score).bind(5, m.matched).step();
      ins.reset();
    }
  }
  tx.commit();
  auto st = db.prepare(std::string(kSelect) +
                       " WHERE s.state = 'pending' AND (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR t.id = ?2)"
                       " ORDER BY p.code, t.position, s.score DESC, s.feature_id");
  st.bind(1, plan).bind(2, task_id);
  return read_all(st);
}

std::vector<Suggestion> list_suggestions(db::Database& db, const std::optional<std::string>& plan,
                                         const std::optional<std::string>& state) {
  auto st = db.prepare(std::string(kSelect) +
                       " WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR s.state = ?2)"
                       " ORDER BY p.code, t.position, s.score DESC, s.feature_id");
  st.bind(1, plan).bind(2, state);
  return read_all(st);
}

void decide_suggestions(db::Database& db, const std::vector<std::int64_t>& ids, bool accept) {
  db::Transaction tx(db);
  auto get = db.prepare("SELECT task_id, feature_id, role FROM task_suggestions WHERE id = ?");
  auto set = db.prepare("UPDATE task_suggestions SET state = ? WHERE id = ?");
  for (const auto id : ids) {
    get.bind(1, id);
    if (!get.step()) throw DataError(fmt::format("no suggestion {} (`logiplan tasks suggestions` lists them)", id));
    if (accept) link_task(db, get.column_int(0), get.column_text(1), get.column_text(2), "suggested");
    get.reset();
    set.bind(1, accept ? "accepted" : "rejected").bind(2, id).step();
    set.reset();
  }
  tx.commit();
}

}  // namespace logiplan::tasks
