#include "cli/task_output.hpp"

#include <fmt/format.h>

#include "text/fold.hpp"

namespace logiplan::cli {

namespace {

std::string deadline(const tasks::TaskRecord& t) {
  if (t.end_date) return *t.end_date;
  if (t.recurrence != "none") return t.recurrence;
  return t.timeline_parsed ? "-" : "unparsed";
}

}  // namespace

nlohmann::json task_json(const tasks::TaskRecord& t) {
  nlohmann::json j = {{"task", t.key()},       {"plan", t.plan},         {"code", t.code},
                      {"tt", t.tt},            {"level", t.level},       {"is_group", t.is_group},
                      {"content", t.content},  {"recurrence", t.recurrence}, {"status", t.status},
                      {"timeline_parsed", t.timeline_parsed}};
  const auto opt = [&](const char* k, const std::optional<std::string>& v) { j[k] = v ? nlohmann::json(*v) : nlohmann::json(); };
  opt("parent", t.parent_code);
  opt("lead", t.lead);
  opt("partners", t.partners);
  opt("timeline", t.timeline_text);
  opt("start_date", t.start_date);
  opt("end_date", t.end_date);
  opt("product", t.product);
  opt("authority", t.authority);
  j["timeline_parts"] = nlohmann::json::parse(t.timeline_parts_json);
  auto places = nlohmann::json::array();
  for (const auto& p : t.places) {
    nlohmann::json pj = {{"feature_id", p.feature_id}, {"name", p.name}, {"layer", p.layer},
                         {"kind", p.kind},             {"role", p.role}, {"origin", p.origin}};
    if (p.distance_m) pj["distance_m"] = *p.distance_m;
    places.push_back(pj);
  }
  j["places"] = places;
  return j;
}

void print_task_list(std::FILE* out, const std::vector<tasks::TaskRecord>& list, bool with_distance) {
  fmt::print(out, "{:<28} {:<11} {:<11} {:<26} {}\n", "task", "deadline", "status", "lead", "content / places");
  for (const auto& t : list) {
    fmt::print(out, "{:<28} {:<11} {:<11} {:<26} {}\n", t.key(), deadline(t), t.status, text::truncate(t.lead.value_or("-"), 25),
               text::truncate(t.content, 70));
    for (const auto& p : t.places) {
      const std::string d = with_distance && p.distance_m ? fmt::format(", {:.2f} km", *p.distance_m / 1000.0) : "";
      fmt::print(out, "{:<28} {:<11} {:<11} {:<26}   @ {} [{}: {}{}]\n", "", "", "", "", text::truncate(p.name, 60), p.role,
                 p.feature_id, d);
    }
  }
  fmt::print(out, "{} task{}\n", list.size(), list.size() == 1 ? "" : "s");
}

void print_task(std::FILE* out, const tasks::TaskRecord& t, const std::vector<tasks::TaskRecord>& children) {
  fmt::print(out, "{}{}\n", t.key(), t.is_group ? " (group)" : "");
  fmt::print(out, "  TT:          {}{}\n", t.tt, t.parent_code ? fmt::format("  (under {})", *t.parent_code) : "");
  fmt::print(out, "  content:     {}\n", t.content);
  fmt::print(out, "  lead:        {}\n", t.lead.value_or("-"));
  fmt::print(out, "  partners:    {}\n", t.partners.value_or("-"));
  fmt::print(out, "  timeline:    {}\n", t.timeline_text.value_or("-"));
  fmt::print(out, "               start {}, end {}, recurrence {}{}\n", t.start_date.value_or("-"), t.end_date.value_or("-"),
             t.recurrence, t.timeline_parsed ? "" : "  (NOT PARSED: kept as text)");
  fmt::print(out, "  product:     {}\n", t.product.value_or("-"));
  fmt::print(out, "  authority:   {}\n", t.authority.value_or("-"));
  fmt::print(out, "  status:      {}\n", t.status);
  fmt::print(out, "  places:      {}\n", t.places.empty() ? "none (link with `logiplan tasks link` or `tasks suggest`)" : "");
  for (const auto& p : t.places) {
    fmt::print(out, "    {:<9} {} ({}, {}: {}){}\n", p.role, p.name, p.kind, p.layer, p.feature_id,
               p.origin == "manual" ? "" : " [" + p.origin + "]");
  }
  if (!children.empty()) {
    fmt::print(out, "  tasks under it: {}\n", children.size());
    for (const auto& c : children) fmt::print(out, "    {:<10} {}\n", c.code, text::truncate(c.content, 80));
  }
}

void print_import_report(std::FILE* out, const tasks::ImportTasksReport& r) {
  fmt::print(out, "plan {}: {} tasks in {} groups from {} (sheet '{}', header on row {})\n", r.plan, r.tasks, r.groups,
             r.path, r.layer, r.header_row);
  for (const auto& [code, n] : r.tasks_per_group) fmt::print(out, "  {:<6} {:>3} task{}\n", code, n, n == 1 ? "" : "s");
  if (!r.unparsed_timelines.empty()) {
    fmt::print(out, "  {} timeline{} kept as text only (not understood):\n", r.unparsed_timelines.size(),
               r.unparsed_timelines.size() == 1 ? "" : "s");
    for (const auto& [code, text] : r.unparsed_timelines) fmt::print(out, "    {}: {}\n", code, text);
  }
  if (r.links_kept || r.links_dropped) {
    fmt::print(out, "  links kept: {}; dropped (task no longer in the table): {}\n", r.links_kept, r.links_dropped);
  }
}

nlohmann::json suggestion_json(const tasks::Suggestion& s) {
  return {{"id", s.id},           {"task", s.task},       {"feature_id", s.feature_id}, {"feature_name", s.feature_name},
          {"role", s.role},       {"score", s.score},     {"matched", s.matched},       {"state", s.state}};
}

void print_suggestions(std::FILE* out, const std::vector<tasks::Suggestion>& list) {
  std::string last;
  for (const auto& s : list) {
    if (s.task != last) {
      fmt::print(out, "{}  {}\n", s.task, text::truncate(s.task_content, 80));
      last = s.task;
    }
    fmt::print(out, "  #{:<5} {:.2f}  {:<8} {} ({}) — matched: {}{}\n", s.id, s.score, s.role, text::truncate(s.feature_name, 55),
               s.feature_id, s.matched, s.state == "pending" ? "" : " [" + s.state + "]");
  }
  fmt::print(out, "{} suggestion{}{}\n", list.size(), list.size() == 1 ? "" : "s",
             list.empty() ? "" : "; accept with `logiplan tasks accept PROJECT ID...`, reject with `tasks reject`");
}

}  // namespace logiplan::cli
