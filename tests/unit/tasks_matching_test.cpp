// Place matching on small hand-made candidate lists: abbreviations, diacritics,
// berth numbers, and what must not match.
#include <gtest/gtest.h>

#include "tasks/place_matching.hpp"

using namespace logiplan::tasks;

namespace {
std::vector<std::string> ids(const std::vector<Match>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.feature_id);
  return out;
}
double score_of(const std::vector<Match>& ms, const std::string& id) {
  for (const auto& m : ms) {
    if (m.feature_id == id) return m.score;
  }
  return 0;
}
}  // namespace

TEST(PlaceMatching, AbbreviationsExpand) {
  EXPECT_EQ(normalized_words("KCN Đình Vũ"), (std::vector<std::string>{"khu", "cong", "nghiep", "dinh", "vu"}));
  EXPECT_EQ(normalized_words("Khu TMTD"), (std::vector<std::string>{"khu", "thuong", "mai", "tu", "do"}));
  EXPECT_EQ(normalized_words("TTLG; ICD"), (std::vector<std::string>{"trung", "tam", "logistics", "cang", "can"}));
}

TEST(PlaceMatching, BerthNumbers) {
  EXPECT_EQ(berth_numbers("khởi công bến 7-8 trong Quý II/2026"), (std::set<int>{7, 8}));
  EXPECT_EQ(berth_numbers("hoàn thành các bến 7, 8, 9, 10, 11, 12"), (std::set<int>{7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(berth_numbers("Bến số 1–2 Lạch Huyện"), (std::set<int>{1, 2}));
  EXPECT_EQ(berth_numbers("bến 9-12"), (std::set<int>{9, 10, 11, 12}));
  EXPECT_TRUE(berth_numbers("phát triển bền vững 2030").empty());
}

TEST(PlaceMatching, NamesAndKindsScoreAsDocumented) {
  const PlaceMatcher m({
      {"lc", "logistics_centre", "Trung tâm logistics Lạch Huyện", "sites"},
      {"lhp", "seaport", "Khu bến cảng Lạch Huyện", "sites"},
      {"b78", "terminal", "Bến số 7–8 Lạch Huyện", "sites"},
      {"b12", "terminal", "Bến số 1–2 Lạch Huyện — Cảng container quốc tế Tân Cảng Hải Phòng (HICT)", "sites"},
      {"ftz", "free_trade_zone", "Khu thương mại tự do Hải Phòng – vị trí 3 (đảo Cát Hải)", "areas"},
      {"kcn", "industrial_park", "KCN Nam Đình Vũ", "sites"},
      {"doanxa", "terminal", "Bến cảng Đoạn Xá", "sites"},
      {"road", "corridor_link", "Đường và cầu Tân Vũ – Lạch Huyện", "corridors"},
  });
  // Name 0.6 + kind 0.4; the FTZ is named by its kind alone (0.9).
  const auto a = m.match("Phát triển Trung tâm logistics quốc tế gần cảng Lạch Huyện – Khu TMTD");
  EXPECT_EQ(score_of(a, "lc"), 1.0);
  EXPECT_EQ(score_of(a, "lhp"), 1.0);
  EXPECT_EQ(score_of(a, "ftz"), 0.9);
  EXPECT_EQ(score_of(a, "b78"), 0.0);   // berths not named: 0.6 x 0.5, below 0.5
  EXPECT_EQ(score_of(a, "road"), 0.0);  // half its name (Lạch Huyện, not Tân Vũ): 0.3
  EXPECT_EQ(a.front().feature_id == "lc" || a.front().feature_id == "lhp", true);
  EXPECT_EQ(a[2].feature_id, "ftz");

  const auto b = m.match("hoàn thành các bến 7, 8 Lạch Huyện");
  EXPECT_EQ(score_of(b, "b78"), 1.0);
  EXPECT_EQ(score_of(b, "b12"), 0.0);  // other berths

  // Without diacritics and with the abbreviation.
  EXPECT_EQ(score_of(m.match("mo rong KCN Nam Dinh Vu"), "kcn"), 1.0);
  // "giai đoạn", "bền vững" are not Đoạn Xá or a berth.
  EXPECT_TRUE(ids(m.match("Giai đoạn 2026-2030 phát triển bền vững xã hội")).empty());
  // The road needs both of its ends.
  EXPECT_EQ(score_of(m.match("nâng cấp đường Tân Vũ – Lạch Huyện"), "road"), 1.0);
  EXPECT_EQ(m.match("nâng cấp đường Tân Vũ – Lạch Huyện").front().role, "corridor");
}
