#pragma once
// Printing tasks and suggestions for people (aligned text) and programs (JSON).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "tasks/suggestions.hpp"
#include "tasks/task_query.hpp"
#include "tasks/task_store.hpp"

namespace logiplan::cli {

nlohmann::json task_json(const tasks::TaskRecord& t);
void print_task_list(std::FILE* out, const std::vector<tasks::TaskRecord>& list, bool with_distance);
void print_task(std::FILE* out, const tasks::TaskRecord& t, const std::vector<tasks::TaskRecord>& children);
void print_import_report(std::FILE* out, const tasks::ImportTasksReport& r);
nlohmann::json suggestion_json(const tasks::Suggestion& s);
void print_suggestions(std::FILE* out, const std::vector<tasks::Suggestion>& list);

}  // namespace logiplan::cli
