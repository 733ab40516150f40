// The sample plans on the sample project: suggestions and place queries. The
// expected sets were worked out by hand from samples/plans/links.csv and the
// positions in samples/haiphong (distances to Khu bến cảng Lạch Huyện
// checked with `geod` on the WGS84 ellipsoid, see the comments).
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "project/project.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"
#include "tasks/suggestions.hpp"
#include "tasks/task_layers.hpp"
#include "tasks/task_query.hpp"
#include "tasks/task_store.hpp"

using namespace logiplan;

namespace {
struct SampleTasks : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void SetUp() override {
    sample::load_haiphong_sample(project);
    sample::load_haiphong_plans(project);
  }
  std::set<std::string> keys(const tasks::TaskQuery& q) {
    std::set<std::string> out;
    for (const auto& t : tasks::query_tasks(project.db(), q)) out.insert(t.key());
    return out;
  }
};
}  // namespace

TEST_F(SampleTasks, PlansAndLinksLoad) {
  const auto plans = tasks::list_plans(project.db());
  ASSERT_EQ(plans.size(), 3u);
  EXPECT_EQ(project.db().query_int("SELECT count(*) FROM task_links").value_or(-1), 40);  // rows of links.csv
  EXPECT_EQ(plans[0].code, "ctr-20-tu-2026");
  EXPECT_EQ(plans[0].issued_on, "2026-04-24");
}

TEST_F(SampleTasks, SuggestionsForTheLachHuyenLogisticsCentre) {
  auto& db = project.db();
  const auto id = tasks::find_task(db, {"kh-logistics-2026", "3.2"});
  const auto s = tasks::suggest_links(db, std::nullopt, id, 0.5);
  ASSERT_GE(s.size(), 2u);
  // links.csv already ties 3.2 to the port, its logistics centre and FTZ site 3:
  // those are not proposed again; the other two FTZ sites are.
  std::set<std::string> proposed;
  for (const auto& x : s) proposed.insert(x.feature_id);
  EXPECT_FALSE(proposed.count("lach-huyen-logistics-centre"));  // already linked
  EXPECT_TRUE(proposed.count("ftz-site-1"));
  EXPECT_TRUE(proposed.count("ftz-site-2"));
  EXPECT_FALSE(proposed.count("lach-huyen-berths-1-2"));
  const double top = s.front().score;
  for (const auto& x : s) {
    const bool expected_top = x.feature_id.rfind("ftz-site-", 0) == 0 || x.feature_id.find("lach-huyen") != std::string::npos;
    EXPECT_TRUE(expected_top) << x.feature_id;
    EXPECT_GE(x.score, 0.9) << x.feature_id;
    EXPECT_LE(x.score, top);
  }
  // Without the sample links, the two Lạch Huyện places come first, at 1.0.
  db.exec("DELETE FROM task_links; DELETE FROM task_suggestions");
  const auto fresh = tasks::suggest_links(db, std::nullopt, id, 0.5);
  ASSERT_GE(fresh.size(), 5u);
  EXPECT_EQ((std::set<std::string>{fresh[0].feature_id, fresh[1].feature_id}),
            (std::set<std::string>{"lach-huyen-port", "lach-huyen-logistics-centre"}));
  EXPECT_EQ(fresh[0].score, 1.0);
  EXPECT_EQ(fresh[2].feature_id.rfind("ftz-site-", 0), 0u);

  // Accept one, reject one: decisions stick.
  tasks::decide_suggestions(db, {fresh[0].id}, true);
  tasks::decide_suggestions(db, {fresh[2].id}, false);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM task_links WHERE origin = 'suggested'").value_or(-1), 1);
  const auto again = tasks::suggest_links(db, std::nullopt, id, 0.5);
  for (const auto& x : again) {
    EXPECT_NE(x.feature_id, fresh[0].feature_id);
    EXPECT_NE(x.feature_id, fresh[2].feature_id);
  }
  EXPECT_THROW(tasks::decide_suggestions(db, {999999}, true), DataError);
}

TEST_F(SampleTasks, WithinFiveKmOfLachHuyenDueByEndOf2030) {
  tasks::TaskQuery q;
  q.near_feature = "lach-huyen-port";
  q.within_m = 5000;
  q.due_by = tasks::date_bound("2030", true);
  // Linked places within 5 km: FTZ site 3 (contains the port), Lạch Huyện
  // logistics centre (2.2 km), berths 7-12 (0.4-2.4 km), KCN Xuân Cầu (1.4 km).
  // Task 3.3 (logistics centres) is annual: no deadline, so not "due".
  EXPECT_EQ(keys(q), (std::set<std::string>{"kh-logistics-2026:2.4", "kh-logistics-2026:3.2", "kh-logistics-2026:5.2",
                                            "ctr-20-tu-2026:I.16", "ctr-20-tu-2026:VI.41", "ctr-20-tu-2026:VI.42",
                                            "ctr-20-tu-2026:VI.43"}));
  // Due by end of 2026 only: the three with 2026 deadlines.
  q.due_by = tasks::date_bound("2026", true);
  EXPECT_EQ(keys(q), (std::set<std::string>{"kh-logistics-2026:2.4", "ctr-20-tu-2026:I.16"}));
  // 1 km: the logistics centre (2.2 km) no longer counts, the port itself still does.
  q.due_by.reset();
  q.within_m = 1000;
  q.plan = "kh-logistics-2026";
  EXPECT_EQ(keys(q), (std::set<std::string>{"kh-logistics-2026:2.4", "kh-logistics-2026:3.2", "kh-logistics-2026:5.2"}));
}

TEST_F(SampleTasks, InsideAZoneAlongACorridorAndOverdue) {
  tasks::TaskQuery inside;
  // FTZ site 2 (Nam Đình Vũ): the tasks linked to the site itself, and 3.3,
  // linked to the Nam Đình Vũ logistics centre and ICD, which lie inside it.
  inside.near_feature = "ftz-site-2";
  EXPECT_EQ(keys(inside), (std::set<std::string>{"kh-logistics-2026:2.4", "kh-logistics-2026:3.3", "kh-logistics-2026:5.2",
                                                 "ctr-20-tu-2026:I.16", "ctr-20-tu-2026:VI.41", "ctr-20-tu-2026:VI.42"}));
  // The Tân Vũ – Lạch Huyện road (it ends by berths 1-2), 3 km buffer: the
  // port point lies 2.7 km from it, Nam Đồ Sơn 17 km.
  tasks::TaskQuery along;
  along.near_feature = "tan-vu-lach-huyen-road";
  along.within_m = 3000;
  along.plan = "ctr-20-tu-2026";
  const auto a = keys(along);
  EXPECT_TRUE(a.count("ctr-20-tu-2026:VI.43"));
  EXPECT_FALSE(a.count("ctr-20-tu-2026:VI.37"));  // Nam Đồ Sơn, 17 km south
  // Overdue on 1 July 2026, lead or partner Sở Công Thương: the tasks due by
  // Q2/2026 (I.5, VI.32, VI.34).
  tasks::TaskQuery overdue;
  overdue.overdue_as_of = "2026-07-01";
  overdue.agency = "Cong Thuong";
  EXPECT_EQ(keys(overdue), (std::set<std::string>{"ctr-20-tu-2026:I.5", "ctr-20-tu-2026:VI.32", "ctr-20-tu-2026:VI.34"}));
  tasks::set_task_status(project.db(), tasks::find_task(project.db(), {"ctr-20-tu-2026", "VI.32"}), "Đã hoàn thành");
  EXPECT_EQ(keys(overdue), (std::set<std::string>{"ctr-20-tu-2026:I.5", "ctr-20-tu-2026:VI.34"}));
  EXPECT_THROW(tasks::date_bound("soon", true), UsageError);
}

TEST_F(SampleTasks, TaskLayersCarryTheLinkedGeometry) {
  tasks::TaskQuery q;
  const auto list = tasks::query_tasks(project.db(), q);
  const auto report = tasks::export_tasks(project.db(), dir / "tasks.gpkg", list, {});
  auto ds = gdal::open_vector((dir / "tasks.gpkg").string());
  EXPECT_EQ(ds->GetLayerByName("plan_tasks")->GetFeatureCount(), 109);  // 29 + 56 + 24
  OGRLayer* sites = ds->GetLayerByName("plan_task_sites");
  ASSERT_NE(sites, nullptr);
  sites->SetAttributeFilter("task = 'ctr-20-tu-2026:VI.43'");
  auto f = gdal::FeaturePtr(sites->GetNextFeature());
  ASSERT_TRUE(f);
  // The port and berths 7-8, 9-10, 11-12: four points.
  EXPECT_EQ(f->GetGeometryRef()->toMultiPoint()->getNumGeometries(), 4);
  EXPECT_STREQ(f->GetFieldAsString("end_date"), "2029-12-31");
  OGRLayer* areas = ds->GetLayerByName("plan_task_areas");
  ASSERT_NE(areas, nullptr);
  areas->SetAttributeFilter("task = 'ctr-20-tu-2026:VI.42'");
  f.reset(areas->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->GetGeometryRef()->toMultiPolygon()->getNumGeometries(), 5);  // 3 FTZ sites + 2 economic zones
}
