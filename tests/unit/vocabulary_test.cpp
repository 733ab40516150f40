#include <gtest/gtest.h>

#include "core/error.hpp"
#include "project/vocabulary.hpp"

using namespace logiplan;
using namespace logiplan::project;

TEST(Vocabulary, KindsAcceptEnglishAndVietnameseSpellings) {
  EXPECT_EQ(find_kind("logistics_centre").kind, "logistics_centre");
  EXPECT_EQ(find_kind("Logistics Center").kind, "logistics_centre");
  EXPECT_EQ(find_kind("trung tâm logistics").kind, "logistics_centre");
  EXPECT_EQ(find_kind("Cảng cạn").kind, "icd");
  EXPECT_EQ(find_kind("dry-port").kind, "icd");
  EXPECT_EQ(find_kind("FTZ").kind, "free_trade_zone");
  EXPECT_EQ(find_kind("KCN").kind, "industrial_park");
}

TEST(Vocabulary, UnknownKindListsTheKnownOnes) {
  try {
    find_kind("spaceport");
    FAIL() << "no exception";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown kind 'spaceport'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("logistics_centre"), std::string::npos);
  }
}

TEST(Vocabulary, KindGeometryRules) {
  EXPECT_TRUE(allows(find_kind("free_trade_zone"), GeometryClass::polygon));
  EXPECT_FALSE(allows(find_kind("free_trade_zone"), GeometryClass::point));
  EXPECT_TRUE(allows(find_kind("corridor_link"), GeometryClass::line));
  EXPECT_FALSE(allows(find_kind("border_gate"), GeometryClass::polygon));
}

TEST(Vocabulary, StatusesFromImapAndEnglish) {
  EXPECT_EQ(find_status("Hiện trạng, di dời 2025"), "operating");
  EXPECT_EQ(find_status("Quy hoạch sau 2030"), "planned");
  EXPECT_EQ(find_status("under construction"), "under_construction");
  EXPECT_EQ(find_status("đang xây dựng"), "under_construction");
  EXPECT_EQ(find_status("Đề xuất"), "proposed");
  EXPECT_FALSE(find_status("Khu công nghiệp").has_value());
}

TEST(Vocabulary, Modes) {
  EXPECT_EQ(find_mode("Đường sắt"), "rail");
  EXPECT_EQ(find_mode("inland-waterway"), "inland_waterway");
  EXPECT_FALSE(find_mode("air").has_value());
}
