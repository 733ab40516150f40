// Importing task tables: the sample plans (counts per group and parents counted
// by hand from the seeds' appendices) and every kind of bad input.
#include <cpl_string.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "project/project.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"
#include "tasks/task_query.hpp"
#include "tasks/task_store.hpp"

using namespace logiplan;

namespace {

const std::string kSamples = std::string(LOGIPLAN_SOURCE_DIR) + "/samples/plans/";

struct TaskImport : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");

  tasks::ImportTasksReport import(const std::string& path, const std::string& plan, tasks::TableOptions table = {}) {
    tasks::ImportTasksOptions o;
    o.plan.code = plan;
    o.table = std::move(table);
    return tasks::import_tasks(project, path, o);
  }
  std::string parent_of(const std::string& plan, const std::string& code) {
    auto st = project.db().prepare(
        "SELECT coalesce(pt.code, '') FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN tasks pt ON pt.id = t.parent_id"
        " WHERE p.code = ? AND t.code = ?");
    st.bind(1, plan).bind(2, code);
    return st.step() ? st.column_text(0) : "(no such task)";
  }
  std::string column(const std::string& plan, const std::string& code, const std::string& col) {
    auto st = project.db().prepare("SELECT coalesce(t." + col +
                                   ", '') FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.code = ? AND t.code = ?");
    st.bind(1, plan).bind(2, code);
    return st.step() ? st.column_text(0) : "(no such task)";
  }
  std::int64_t task_count() { return project.db().query_int("SELECT count(*) FROM tasks").value_or(-1); }
  // The error message of a failed import.
  std::string error_of(const std::string& path, const std::string& plan = "p", tasks::TableOptions table = {}) {
    try {
      import(path, plan, std::move(table));
    } catch (const std::exception& e) {
      return e.what();
    }
    return "(no error)";
  }
};

using Groups = std::vector<std::pair<std::string, int>>;

}  // namespace

TEST_F(TaskImport, CityLogisticsPlanSeed000) {
  const auto r = import(kSamples + "kh-logistics-2026.csv", "kh-logistics-2026");
  // Counted in the seed's appendix: groups 1-11 and their numbered rows.
  EXPECT_EQ(r.tasks_per_group, (Groups{{"1", 2}, {"2", 6}, {"3", 4}, {"4", 2}, {"5", 3}, {"6", 2}, {"7", 2}, {"8", 2},
                                       {"9", 2}, {"10", 2}, {"11", 2}}));
  EXPECT_EQ(r.tasks, 29);
  EXPECT_EQ(r.groups, 11);
  EXPECT_EQ(parent_of("kh-logistics-2026", "3.2"), "3");
  EXPECT_EQ(parent_of("kh-logistics-2026", "11.1"), "11");
  EXPECT_EQ(parent_of("kh-logistics-2026", "3"), "");
  EXPECT_EQ(column("kh-logistics-2026", "3.2", "lead"), "Ban quản lý Khu kinh tế");
  EXPECT_EQ(column("kh-logistics-2026", "3.2", "authority"), "Thủ tướng Chính phủ/UBND TP");
  EXPECT_EQ(column("kh-logistics-2026", "3.2", "end_date"), "2030-12-31");
  EXPECT_EQ(column("kh-logistics-2026", "2.1", "recurrence"), "annual");
  EXPECT_EQ(column("kh-logistics-2026", "3", "is_group"), "1");
  EXPECT_TRUE(r.unparsed_timelines.empty());
}

TEST_F(TaskImport, ActionProgrammeSeed003) {
  const auto r = import(kSamples + "ctr-20-tu-2026.csv", "ctr-20-tu-2026");
  EXPECT_EQ(r.tasks_per_group, (Groups{{"I", 16}, {"II", 4}, {"III", 5}, {"IV", 5}, {"V", 1}, {"VI", 12}, {"VII", 4},
                                       {"VIII", 6}, {"IX", 3}}));
  EXPECT_EQ(parent_of("ctr-20-tu-2026", "VI.43"), "VI");
  EXPECT_EQ(parent_of("ctr-20-tu-2026", "VI.37"), "VI");
  EXPECT_EQ(column("ctr-20-tu-2026", "VI.37", "content"), "Khởi công dự án Cảng Nam Đồ Sơn");
  EXPECT_EQ(column("ctr-20-tu-2026", "VI.43", "start_date"), "2026-04-01");
  EXPECT_EQ(column("ctr-20-tu-2026", "VI.43", "end_date"), "2029-12-31");
  EXPECT_EQ(column("ctr-20-tu-2026", "I.10", "end_date"), "2026-04-30");
}

TEST_F(TaskImport, CatHaiPlanSeed004RestartsNumbersPerGroup) {
  const auto r = import(kSamples + "kh-cat-hai-2025.csv", "kh-cat-hai-2025");
  EXPECT_EQ(r.tasks_per_group, (Groups{{"I", 2}, {"II", 12}, {"III", 5}, {"IV", 3}, {"V", 2}}));
  EXPECT_EQ(r.groups, 9);  // I-V and the sub-groups II.1, II.2, III.1, III.2
  EXPECT_EQ(parent_of("kh-cat-hai-2025", "II.1.1"), "II.1");
  EXPECT_EQ(parent_of("kh-cat-hai-2025", "III.1.1"), "III.1");
  EXPECT_EQ(parent_of("kh-cat-hai-2025", "II.1"), "II");
  EXPECT_EQ(column("kh-cat-hai-2025", "I.1", "recurrence"), "ongoing");
  EXPECT_EQ(column("kh-cat-hai-2025", "II.1.1", "end_date"), "2025-12-31");
}

TEST_F(TaskImport, TitleRowsPageBreaksAndContinuationRows) {
  // As pasted from a PDF: title rows, the header repeated after a page break,
  // a row cut by the break (empty TT) and a bullet continued on the next line.
  test::write_file(dir / "t.csv",
                   "PHỤ LỤC,,,,\n"
                   "\"(Kèm theo Kế hoạch số 12/KH-UBND)\",,,,\n"
                   "TT,Nội dung thực hiện,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian thực hiện\n"
                   "I,Nhóm hạ tầng,,,\n"
                   "1,Nâng cấp đường nối cảng,Sở Xây dựng,Sở Tài,Quý II/2026\n"
                   "TT,Nội dung thực hiện,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian thực hiện\n"
                   ",Lạch Huyện,,chính,\n"
                   "2,- Mở làn xe máy,Sở Xây dựng,,2027\n"
                   ",- Lắp biển báo,,,\n");
  const auto r = import((dir / "t.csv").string(), "t");
  EXPECT_EQ(r.header_row, 3);
  EXPECT_EQ(r.tasks, 2);
  EXPECT_EQ(column("t", "I.1", "content"), "Nâng cấp đường nối cảng Lạch Huyện");
  EXPECT_EQ(column("t", "I.1", "partners"), "Sở Tài chính");
  EXPECT_EQ(column("t", "I.2", "content"), "- Mở làn xe máy\n- Lắp biển báo");
}

TEST_F(TaskImport, ColumnsOptionMapsOtherHeaders) {
  test::write_file(dir / "c.csv", "Số,Công việc cụ thể,Chủ trì,Hạn\n1,Khảo sát ICD,Sở Công Thương,2027\n");
  EXPECT_NE(error_of((dir / "c.csv").string()).find("no header row"), std::string::npos);
  const auto r = import((dir / "c.csv").string(), "c", {.columns = "tt=Số,content=#2,timeline=Hạn"});
  EXPECT_EQ(r.tasks, 1);
  EXPECT_EQ(column("c", "1", "lead"), "Sở Công Thương");  // "Chủ trì" still recognised
  EXPECT_EQ(column("c", "1", "end_date"), "2027-12-31");
}

TEST_F(TaskImport, XlsxThroughGdal) {
  test::write_file(dir / "x.csv", "TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn hoàn thành\n1,Khởi công bến 7-8,Ban Quản lý Khu kinh tế,Quý II/2026\n");
  test::convert(dir / "x.csv", dir / "x.xlsx", {"-f", "XLSX"});
  const auto r = import((dir / "x.xlsx").string(), "x");
  EXPECT_EQ(r.tasks, 1);
  EXPECT_EQ(column("x", "1", "end_date"), "2026-06-30");
}

TEST_F(TaskImport, UnparsedTimelinesAreKeptAndListed) {
  test::write_file(dir / "u.csv", "TT,Nhiệm vụ,Thời hạn hoàn thành\n1,A,Khi có hướng dẫn\n2,B,2026\n");
  const auto r = import((dir / "u.csv").string(), "u");
  ASSERT_EQ(r.unparsed_timelines.size(), 1u);
  EXPECT_EQ(r.unparsed_timelines[0], (std::pair<std::string, std::string>{"1", "Khi có hướng dẫn"}));
  EXPECT_EQ(column("u", "1", "timeline_text"), "Khi có hướng dẫn");
  EXPECT_EQ(column("u", "1", "timeline_parsed"), "0");
  tasks::TaskQuery q;
  q.unparsed_only = true;
  EXPECT_EQ(tasks::query_tasks(project.db(), q).size(), 1u);
}

TEST_F(TaskImport, BadInputIsRefusedNamingTheRowAndNothingIsWritten) {
  import(kSamples + "kh-logistics-2026.csv", "kept");
  const auto before = test::dump_rows(project.db());

  test::write_file(dir / "noheader.csv", "a,b,c\n1,2,3\n");
  EXPECT_NE(error_of((dir / "noheader.csv").string()).find("no header row naming the TT and task columns"), std::string::npos);

  test::write_file(dir / "badtt.csv", "TT,Nhiệm vụ\n1,A\n2,B\n3..1,C\n");
  const auto bad_tt = error_of((dir / "badtt.csv").string());
  EXPECT_NE(bad_tt.find("row 4: TT '3..1' is not a task number"), std::string::npos) << bad_tt;

  test::write_file(dir / "dup.csv", "TT,Nhiệm vụ\n1,A\n1.1,B\n1.1,C\n");
  const auto dup = error_of((dir / "dup.csv").string(), "dup-plan");
  EXPECT_NE(dup.find("row 4: TT '1.1' (task 1.1) repeats row 3 in plan dup-plan"), std::string::npos) << dup;

  test::write_file(dir / "empty.csv", "TT,Nhiệm vụ\n1,A\n2,\n");
  EXPECT_NE(error_of((dir / "empty.csv").string()).find("row 3: TT '2' has no task content"), std::string::npos);

  // Windows-1258 instead of UTF-8: refused with the row and the way out.
  char* cp1258 = CPLRecode("TT,Nhiệm vụ\n1,Nâng cấp cảng Lạch Huyện\n", CPL_ENC_UTF8, "CP1258");
  test::write_file(dir / "cp1258.csv", cp1258);
  CPLFree(cp1258);
  const auto enc = error_of((dir / "cp1258.csv").string());
  EXPECT_NE(enc.find("row 1, column 2: the text is not UTF-8"), std::string::npos) << enc;
  EXPECT_NE(enc.find("--encoding CP1258"), std::string::npos) << enc;

  // Same plan twice without --replace.
  EXPECT_NE(error_of(kSamples + "kh-logistics-2026.csv", "kept").find("already imported"), std::string::npos);

  EXPECT_EQ(test::dump_rows(project.db()), before);

  // With --encoding the same file reads, diacritics intact.
  import((dir / "cp1258.csv").string(), "cp", {.encoding = "CP1258"});
  EXPECT_EQ(column("cp", "1", "content"), "Nâng cấp cảng Lạch Huyện");
}

TEST_F(TaskImport, ReplacingAPlanKeepsLinksOfTasksThatStay) {
  sample::load_haiphong_sample(project);
  import(kSamples + "kh-logistics-2026.csv", "kh");
  auto& db = project.db();
  tasks::link_task(db, tasks::find_task(db, {"kh", "3.2"}), "lach-huyen-logistics-centre", "site");
  test::write_file(dir / "v2.csv", "TT,Nội dung thực hiện\n3,Hạ tầng\n3.2,TTLG Lạch Huyện (sửa)\n3.9,Mới\n");
  tasks::ImportTasksOptions o;
  o.plan.code = "kh";
  o.replace = true;
  const auto r = tasks::import_tasks(project, (dir / "v2.csv").string(), o);
  EXPECT_EQ(r.links_kept, 1);
  EXPECT_EQ(column("kh", "3.2", "content"), "TTLG Lạch Huyện (sửa)");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM task_links").value_or(-1), 1);
}

TEST_F(TaskImport, LinksToMissingFeaturesAreRefused) {
  sample::load_haiphong_sample(project);
  import(kSamples + "kh-logistics-2026.csv", "kh");
  auto& db = project.db();
  const auto id = tasks::find_task(db, {"kh", "3.2"});
  try {
    tasks::link_task(db, id, "no-such-port", "site");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("feature 'no-such-port' is not in the project"), std::string::npos);
  }
  EXPECT_THROW(tasks::link_task(db, id, "lach-huyen-port", "owner"), UsageError);
  EXPECT_THROW(tasks::find_task(db, {"kh", "9.9"}), DataError);
  // A links file with one bad row adds nothing.
  test::write_file(dir / "links.csv", "task,feature_id,role\nkh:3.2,lach-huyen-port,site\nkh:3.2,atlantis,site\n");
  try {
    tasks::import_links(db, (dir / "links.csv").string());
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("row 3: feature 'atlantis'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM task_links").value_or(-1), 0);
}
