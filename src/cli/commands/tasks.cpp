#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/task_output.hpp"
#include "core/error.hpp"
#include "project/project.hpp"
#include "tasks/suggestions.hpp"
#include "tasks/task_layers.hpp"
#include "tasks/task_query.hpp"
#include "tasks/task_store.hpp"

namespace logiplan::cli {
namespace {

// Filters shared by `tasks list` and `tasks export`.
struct FilterOptions {
  std::optional<std::string> plan, agency, status, due_from, due_by, overdue, near, inside, along, linked_to, text;
  double within_km = 0, buffer_km = 0;
  bool lead_only = false, groups = false, unparsed = false;

  void add_to(CLI::App* c) {
    c->add_option("--plan", plan, "Only this plan (code)");
    c->add_option("--agency", agency, "Lead or partner agency contains this (diacritics optional), e.g. \"Công Thương\"");
    c->add_flag("--lead-only", lead_only, "With --agency: the lead agency only");
    c->add_option("--status", status, "not_started, in_progress, done, cancelled");
    c->add_option("--due-from", due_from, "Deadline on or after (2026, Quý II/2026, 2026-06-30)");
    c->add_option("--due-by", due_by, "Deadline on or before (2030 = by 2030-12-31)");
    c->add_option("--overdue-as-of", overdue, "Deadline passed on this date and not done or cancelled");
    c->add_option("--near", near, "Linked places within --within km of this feature");
    c->add_option("--within", within_km, "Distance for --near, km (geodesic)")->default_val(0.0);
    c->add_option("--inside", inside, "Linked places inside (or touching) this zone, e.g. ftz-site-3");
    c->add_option("--along", along, "Linked places within --buffer km of this corridor");
    c->add_option("--buffer", buffer_km, "Buffer for --along, km")->default_val(1.0);
    c->add_option("--linked-to", linked_to, "Linked to this feature");
    c->add_option("--text", text, "Content contains these words (diacritics optional)");
    c->add_flag("--groups", groups, "Include group rows (I, II, 3 …)");
    c->add_flag("--unparsed", unparsed, "Only tasks whose timeline was not understood");
  }

  tasks::TaskQuery query() const {
    tasks::TaskQuery q;
    q.plan = plan;
    q.agency = agency;
    q.lead_only = lead_only;
    if (status) q.status = tasks::status_from_text(*status);
    if (due_from) q.due_from = tasks::date_bound(*due_from, false);
    if (due_by) q.due_by = tasks::date_bound(*due_by, true);
    if (overdue) q.overdue_as_of = tasks::date_bound(*overdue, false);
    const int spatial = (near ? 1 : 0) + (inside ? 1 : 0) + (along ? 1 : 0);
    if (spatial > 1) throw UsageError("give one of --near, --inside, --along");
    if (within_km < 0 || buffer_km < 0) throw UsageError("--within and --buffer must not be negative");
    if (near) {
      q.near_feature = near;
      q.within_m = within_km * 1000.0;
    } else if (inside) {
      q.near_feature = inside;
      q.within_m = 0;
    } else if (along) {
      q.near_feature = along;
      q.within_m = buffer_km * 1000.0;
    }
    q.linked_to = linked_to;
    q.text = text;
    q.include_groups = groups;
    q.unparsed_only = unparsed;
    return q;
  }
};

class TasksCommand : public Command {
 public:
  CLI::App* setup(CLI::App& app, const GlobalOptions&) override {
    auto* sub = app.add_subcommand("tasks", "Plan tasks: import the plans' task tables, link tasks to places, query them");
    sub->require_subcommand(1);
    import_ = sub->add_subcommand("import", "Import a plan's task table (CSV, XLSX, ODS) with Vietnamese headers");
    import_->add_option("project", project_)->required();
    import_->add_option("file", file_, "Task table: CSV (UTF-8), XLSX or ODS")->required();
    import_->add_option("--plan", plan_, "Plan code, one word, e.g. kh-logistics-2026")->required();
    import_->add_option("--title", title_, "Plan title");
    import_->add_option("--issuer", issuer_, "Issuing body, e.g. \"UBND thành phố Hải Phòng\"");
    import_->add_option("--date", date_, "Date issued: YYYY, YYYY-MM or YYYY-MM-DD");
    import_->add_option("--columns", columns_,
                        "Map other headers: tt=HEADER,content=HEADER,lead=,partners=,timeline=,product=,authority=,"
                        "status= (or =#N for column N)");
    import_->add_option("--encoding", encoding_, "Text encoding of a CSV that is not UTF-8, e.g. CP1258");
    import_->add_option("--sheet", sheet_, "Sheet of a workbook (default: the first)");
    import_->add_flag("--replace", replace_, "Replace the plan if imported before (links kept by TT)");
    import_->footer(
        "Headers recognised: TT/STT; Nội dung thực hiện, Tên nhiệm vụ, Nhiệm vụ; Đơn vị/Cơ quan chủ trì; Đơn vị\n"
        "phối hợp; Thời gian thực hiện, Thời hạn hoàn thành; Sản phẩm / Kết quả; Thẩm quyền; Tình trạng.\n"
        "Rows with an empty TT continue the row above; group rows (I, II, 3) become parents.\n\n"
        "EXAMPLES\n"
        "  logiplan tasks import hp.sqlite samples/plans/kh-logistics-2026.csv --plan kh-logistics-2026 \\\n"
        "      --title \"Kế hoạch hành động logistics\" --date 2026\n"
        "  logiplan tasks import hp.sqlite phu-luc.xlsx --plan kh-123 --columns \"content=Công việc,lead=Chủ trì\"");

    plans_ = sub->add_subcommand("plans", "List the imported plans");
    plans_->add_option("project", project_)->required();
    plans_->add_flag("--json", json_, "Print as JSON");

    list_ = sub->add_subcommand("list", "List tasks by plan, agency, deadline, status or place");
    list_->add_option("project", project_)->required();
    filters_.add_to(list_);
    list_->add_flag("--json", json_, "Print as JSON");
    list_->footer(
        "EXAMPLES\n"
        "  logiplan tasks list out/haiphong.sqlite --near lach-huyen-port --within 5 --due-by 2030\n"
        "  logiplan tasks list out/haiphong.sqlite --inside ftz-site-3\n"
        "  logiplan tasks list out/haiphong.sqlite --agency \"Ban quản lý Khu kinh tế\" --overdue-as-of 2026-07-01\n"
        "  logiplan tasks list out/haiphong.sqlite --unparsed");

    show_ = sub->add_subcommand("show", "Show one task with its places");
    show_->add_option("project", project_)->required();
    show_->add_option("task", task_, "PLAN:TT, e.g. ctr-20-tu-2026:VI.43")->required();
    show_->add_flag("--json", json_, "Print as JSON");

    link_ = sub->add_subcommand("link", "Link a task to a feature (or many, from a CSV: task,feature_id,role,note)");
    link_->add_option("project", project_)->required();
    link_->add_option("task", task_, "PLAN:TT");
    link_->add_option("feature", feature_, "Feature id");
    link_->add_option("--role", role_, "site, area, corridor, affects")->default_val("site");
    link_->add_option("--note", note_, "Why");
    link_->add_option("--file", file_, "CSV of links instead of TASK FEATURE");
    link_->footer("EXAMPLES\n  logiplan tasks link hp.sqlite kh-logistics-2026:3.2 lach-huyen-logistics-centre --role site\n"
                  "  logiplan tasks link hp.sqlite --file samples/plans/links.csv");

    unlink_ = sub->add_subcommand("unlink", "Remove a task's link to a feature");
    unlink_->add_option("project", project_)->required();
    unlink_->add_option("task", task_, "PLAN:TT")->required();
    unlink_->add_option("feature", feature_, "Feature id")->required();
    unlink_->add_option("--role", role_, "Only this role (default: every role)");

    suggest_ = sub->add_subcommand("suggest", "Propose links by matching task text against feature names");
    suggest_->add_option("project", project_)->required();
    suggest_->add_option("--plan", filters_.plan, "Only this plan");
    suggest_->add_option("--task", task_, "Only this task (PLAN:TT)");
    suggest_->add_option("--min-score", min_score_, "Lowest score kept, 0..1")->default_val(0.5);
    suggest_->add_flag("--json", json_, "Print as JSON");
    suggest_->footer(
        "Scores: 0.6 for the place's proper name (\"Lạch Huyện\"), 0.4 for its kind words (\"trung tâm logistics\",\n"
        "\"Khu TMTD\", \"KCN\"), 0.9 for a place named by its kind alone (the FTZ); a terminal named by berths\n"
        "(\"Bến số 7–8\") needs those berths in the text. Earlier decisions are kept.\n\n"
        "EXAMPLE\n  logiplan tasks suggest out/haiphong.sqlite --task kh-logistics-2026:3.2\n"
        "  logiplan tasks accept out/haiphong.sqlite 12 13");
    suggestions_ = sub->add_subcommand("suggestions", "List suggestions (pending, accepted, rejected)");
    suggestions_->add_option("project", project_)->required();
    suggestions_->add_option("--plan", filters_.plan, "Only this plan");
    suggestions_->add_option("--state", state_, "pending, accepted or rejected");
    suggestions_->add_flag("--json", json_, "Print as JSON");
    accept_ = sub->add_subcommand("accept", "Accept suggestions by id: they become links");
    reject_ = sub->add_subcommand("reject", "Reject suggestions by id: they are not proposed again");
    for (auto* c : {accept_, reject_}) {
      c->add_option("project", project_)->required();
      c->add_option("ids", ids_, "Suggestion ids")->required();
    }

    status_ = sub->add_subcommand("status", "Set a task's status");
    status_->add_option("project", project_)->required();
    status_->add_option("task", task_, "PLAN:TT")->required();
    status_->add_option("status", status_value_, "not_started, in_progress, done, cancelled")->required();

    export_ = sub->add_subcommand("export", "Export tasks with their places: CSV/XLSX table, or map layers (GPKG, GeoJSON)");
    export_->add_option("project", project_)->required();
    export_->add_option("out", out_, "Output: .csv, .xlsx, .ods (table); .gpkg (table + layers); .geojson (layers)")->required();
    filters_.add_to(export_);
    export_->add_option("--crs", crs_, "Output CRS, e.g. vn2000-haiphong (default WGS84)");
    export_->add_flag("--overwrite", overwrite_, "Replace existing files");
    export_->footer("EXAMPLES\n  logiplan tasks export out/haiphong.sqlite tasks.xlsx --plan ctr-20-tu-2026\n"
                    "  logiplan tasks export out/haiphong.sqlite tasks.gpkg --crs vn2000-haiphong");

    delete_ = sub->add_subcommand("delete-plan", "Delete a plan with its tasks and links");
    delete_->add_option("project", project_)->required();
    delete_->add_option("plan", plan_, "Plan code")->required();
    sub->footer(
        "Tasks are named PLAN:TT, with the Roman group in front where the plan has one: kh-logistics-2026:3.2,\n"
        "ctr-20-tu-2026:VI.43, kh-cat-hai-2025:II.1.1.\n\n"
        "EXAMPLES\n"
        "  logiplan tasks import hp.sqlite samples/plans/ctr-20-tu-2026.csv --plan ctr-20-tu-2026\n"
        "  logiplan tasks suggest hp.sqlite --plan ctr-20-tu-2026\n"
        "  logiplan tasks list hp.sqlite --near lach-huyen-port --within 5 --due-by 2030\n"
        "  logiplan tasks show hp.sqlite ctr-20-tu-2026:VI.43");
    return sub;
  }

  void run() override {
    const bool read_only = list_->parsed() || show_->parsed() || plans_->parsed() || suggestions_->parsed() || export_->parsed();
    auto project = project::Project::open(project_, !read_only);
    auto& db = project.db();
    if (import_->parsed()) {
      tasks::ImportTasksOptions o;
      o.plan = {plan_, title_.value_or(""), issuer_, date_};
      o.table = {columns_, encoding_, sheet_};
      o.replace = replace_;
      print_import_report(stdout, tasks::import_tasks(project, file_, o));
    } else if (plans_->parsed()) {
      run_plans(db);
    } else if (list_->parsed()) {
      const auto q = filters_.query();
      const auto list = tasks::query_tasks(db, q);
      if (json_) {
        fmt::print("{}\n", json_array(list, task_json).dump(2));
      } else {
        print_task_list(stdout, list, q.near_feature.has_value());
      }
    } else if (show_->parsed()) {
      run_show(db);
    } else if (link_->parsed()) {
      run_link(db);
    } else if (unlink_->parsed()) {
      const int n = tasks::unlink_task(db, tasks::find_task(db, tasks::parse_task_key(task_)), feature_, role_.value_or(""));
      if (!n) throw DataError(fmt::format("task {} has no link to '{}'", task_, feature_));
      fmt::print("removed {} link{}\n", n, n == 1 ? "" : "s");
    } else if (suggest_->parsed()) {
      if (min_score_ < 0 || min_score_ > 1) throw UsageError("--min-score must be between 0 and 1");
      std::optional<std::int64_t> task_id;
      if (!task_.empty()) task_id = tasks::find_task(db, tasks::parse_task_key(task_));
      print_suggestion_list(tasks::suggest_links(db, filters_.plan, task_id, min_score_));
    } else if (suggestions_->parsed()) {
      print_suggestion_list(tasks::list_suggestions(db, filters_.plan, state_));
    } else if (accept_->parsed() || reject_->parsed()) {
      tasks::decide_suggestions(db, ids_, accept_->parsed());
      fmt::print("{} {} suggestion{}\n", accept_->parsed() ? "accepted" : "rejected", ids_.size(), ids_.size() == 1 ? "" : "s");
    } else if (status_->parsed()) {
      tasks::set_task_status(db, tasks::find_task(db, tasks::parse_task_key(task_)), status_value_);
      fmt::print("{}: {}\n", task_, tasks::status_from_text(status_value_));
    } else if (export_->parsed()) {
      const auto list = tasks::query_tasks(db, filters_.query());
      const auto report = tasks::export_tasks(db, out_, list, {crs_, std::nullopt, overwrite_});
      for (const auto& [layer, n] : report.layers) fmt::print("  {:<20} {:>4} features\n", layer, n);
      for (const auto& f : report.files) fmt::print("wrote {}\n", f.string());
    } else if (delete_->parsed()) {
      tasks::delete_plan(db, plan_);
      fmt::print("deleted plan {}\n", plan_);
    }
  }

 private:
  void run_plans(db::Database& db) {
    const auto plans = tasks::list_plans(db);
    if (json_) {
      const auto arr = json_array(plans, [](const tasks::PlanSummary& p) -> nlohmann::json {
        return {{"code", p.code},           {"title", p.title},     {"issuer", p.issuer},
                {"issued_on", p.issued_on}, {"source", p.source_path}, {"groups", p.groups},
                {"tasks", p.tasks},         {"linked_tasks", p.linked}, {"unparsed_timelines", p.unparsed}};
      });
      fmt::print("{}\n", arr.dump(2));
      return;
    }
    for (const auto& p : plans) {
      fmt::print("{:<20} {:>3} tasks, {:>2} groups, {:>3} linked, {} unparsed timelines  {} ({})\n", p.code, p.tasks,
                 p.groups, p.linked, p.unparsed, p.title, p.issued_on);
    }
    if (plans.empty()) fmt::print("no plans yet: `logiplan tasks import PROJECT FILE --plan CODE`\n");
  }

  void run_show(db::Database& db) {
    const auto key = tasks::parse_task_key(task_);
    const auto task = tasks::load_task(db, tasks::find_task(db, key));
    tasks::TaskQuery q;
    q.plan = key.plan;
    q.include_groups = true;
    std::vector<tasks::TaskRecord> children;
    for (auto& t : tasks::query_tasks(db, q)) {
      if (t.parent_code == task.code) children.push_back(std::move(t));
    }
    if (json_) {
      auto j = task_json(task);
      j["children"] = json_array(children, [](const tasks::TaskRecord& c) { return c.key(); });
      fmt::print("{}\n", j.dump(2));
    } else {
      print_task(stdout, task, children);
    }
  }

  void run_link(db::Database& db) {
    if (!file_.empty()) {
      if (!task_.empty()) throw UsageError("give either TASK FEATURE or --file, not both");
      const int n = tasks::import_links(db, file_);
      fmt::print("linked {} task–feature pair{} from {}\n", n, n == 1 ? "" : "s", file_);
      return;
    }
    if (task_.empty() || feature_.empty()) throw UsageError("tasks link needs TASK and FEATURE (or --file)");
    tasks::link_task(db, tasks::find_task(db, tasks::parse_task_key(task_)), feature_, role_.value_or("site"), "manual", note_);
    fmt::print("linked {} to {} ({})\n", task_, feature_, role_.value_or("site"));
  }

  void print_suggestion_list(const std::vector<tasks::Suggestion>& list) {
    if (json_) {
      fmt::print("{}\n", json_array(list, suggestion_json).dump(2));
    } else {
      print_suggestions(stdout, list);
    }
  }

  CLI::App *import_ = nullptr, *plans_ = nullptr, *list_ = nullptr, *show_ = nullptr, *link_ = nullptr, *unlink_ = nullptr,
           *suggest_ = nullptr, *suggestions_ = nullptr, *accept_ = nullptr, *reject_ = nullptr, *status_ = nullptr,
           *export_ = nullptr, *delete_ = nullptr;
  std::string project_, file_, plan_, task_, feature_, out_, status_value_;
  std::optional<std::string> title_, issuer_, date_, columns_, encoding_, sheet_, role_, note_, state_, crs_;
  std::vector<std::int64_t> ids_;
  FilterOptions filters_;
  double min_score_ = 0.5;
  bool replace_ = false, json_ = false, overwrite_ = false;
};

}  // namespace
std::unique_ptr<Command> make_tasks_command() { return std::make_unique<TasksCommand>(); }
}  // namespace logiplan::cli
