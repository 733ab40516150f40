// The embedded Hải Phòng sample: what the README's main command builds.
#include <gtest/gtest.h>

#include "crs/point_transform.hpp"
#include "project/feature_store.hpp"
#include "project/project.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {
struct Sample : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  void SetUp() override { sample::load_haiphong_sample(project); }
  std::int64_t count(const std::string& sql) { return project.db().query_int(sql).value_or(-1); }
};
}  // namespace

TEST_F(Sample, FeatureCountsByKindMatchTheFactsTranscribed) {
  std::map<std::string, std::int64_t> by_kind;
  for (const auto& l : project::summarize_layers(project.db())) by_kind[l.kind] += l.count;
  // Counted from samples/haiphong/*.geojson rows, one per facts-file row with a position.
  const std::map<std::string, std::int64_t> expected = {
      {"terminal", 24},        {"seaport", 3},       {"logistics_centre", 3}, {"icd", 4},
      {"industrial_park", 8},  {"airport", 1},       {"border_gate", 3},      {"rail_station", 2},
      {"free_trade_zone", 3},  {"economic_zone", 2}, {"corridor_link", 1}};
  EXPECT_EQ(by_kind, expected);
}

TEST_F(Sample, LachHuyenBerthsOneToTwelve) {
  EXPECT_EQ(count("SELECT count(*) FROM sites WHERE feature_id LIKE 'lach-huyen-berths-%'"), 6);
  EXPECT_EQ(count("SELECT count(*) FROM sites WHERE feature_id LIKE 'lach-huyen-berths-%' AND status = 'operating'"), 3);
  EXPECT_EQ(project.db().query_text("SELECT status FROM sites WHERE feature_id = 'lach-huyen-berths-7-8'"), "approved");
  EXPECT_EQ(project.db().query_text("SELECT status FROM sites WHERE feature_id = 'nam-do-son-port'"), "proposed");
}

TEST_F(Sample, ApproximatePositionsAreFlagged) {
  // Facts rows with basis A (and the Friendship Pass, which is in China) are approximate.
  EXPECT_EQ(count("SELECT approximate FROM sites WHERE feature_id = 'nam-dinh-vu-logistics-centre'"), 1);
  EXPECT_EQ(count("SELECT approximate FROM sites WHERE feature_id = 'lach-huyen-berths-1-2'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM areas WHERE approximate = 1 AND json_extract(attrs, '$.outline') LIKE 'schematic%'"), 5);
}

TEST_F(Sample, ZoneOutlinesHaveTheSourcedAreaUpToTheGridScaleFactor) {
  // Outlines are squares of the sourced area drawn in EPSG:9210 metres; true area
  // = grid area / k², and k stays within 1.0001 of 1 around Hải Phòng.
  auto st = project.db().prepare("SELECT feature_id, area_ha, json_extract(attrs, '$.area_ha_sourced') FROM areas");
  int n = 0;
  while (st.step()) {
    ++n;
    EXPECT_NEAR(st.column_double(1) / st.column_double(2), 1.0, 2e-4) << st.column_text(0);
  }
  EXPECT_EQ(n, 5);
}

TEST_F(Sample, VietnameseNamesSurviveAndFold) {
  EXPECT_EQ(project.db().query_text("SELECT name_ascii FROM sites WHERE feature_id = 'huu-nghi-border-gate'"),
            "Cua khau quoc te Huu Nghi");
  EXPECT_EQ(project.db().query_text("SELECT name FROM areas WHERE feature_id = 'dinh-vu-cat-hai-ez'"),
            "Khu kinh tế Đình Vũ – Cát Hải");
}
