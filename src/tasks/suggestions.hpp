#pragma once
// Suggested links between tasks and features (from place_matching), kept in the
// project until a planner accepts or rejects each by id. Suggesting again keeps
// earlier decisions: a rejected pair is not proposed twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"

namespace logiplan::tasks {

struct Suggestion {
  std::int64_t id = 0;
  std::string task;        // PLAN:CODE
  std::string task_content;
  std::string feature_id, feature_name, role, matched, state;
  double score = 0;
};

// Matches every task (of one plan, or one task) against the project's
// features; stores new suggestions and returns the pending ones, best first.
std::vector<Suggestion> suggest_links(db::Database& db, const std::optional<std::string>& plan,
                                      std::optional<std::int64_t> task_id, double min_score);

std::vector<Suggestion> list_suggestions(db::Database& db, const std::optional<std::string>& plan,
                                         const std::optional<std::string>& state);

// Accepting creates the link (origin 'suggested'); DataError for an unknown id.
void decide_suggestions(db::Database& db, const std::vector<std::int64_t>& ids, bool accept);

}  // namespace logiplan::tasks
