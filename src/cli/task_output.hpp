#pragma once
// Printing tasks and suggestions for people (aligned text) and programs (JSON).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "tasks/suggestions.hpp"
#include "tasks/task_query.hpp"
#include "tasks/task_store.hpp"

namespace logiplan::cli {

// A JSON array of to_json(x) for each x of the list.
template <class List, class ToJson>
nlohmann::json json_array(const List& list, ToJson to_json) {
  auto arr = nlohmann::json::array();
  for (const auto& x : list) arr.push_back(to_json(x));
  return arr;
}

nlohmann::json task_json(const tasks::TaskRecord& t);
void print_task_list(std::FILE* out, const std::vector<tasks::TaskRecord>& list, bool with_distance);
void print_task(std::FILE* out, const tasks::TaskRecord& t, const std::vector<tasks::TaskRecord>& children);
void print_import_report(std::FILE* out, const tasks::ImportTasksReport& r);
nlohmann::json suggestion_json(const tasks::Suggestion& s);
void print_suggestions(std::FILE* out, const std::vector<tasks::Suggestion>& list);

}  // namespace logiplan::cli
