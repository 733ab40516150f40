#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/field_mapping.hpp"

using namespace logiplan;
using namespace logiplan::io;

TEST(FieldMapping, ParsesPairsAndRejectsUnknownTargets) {
  const auto m = parse_field_map({"name=TEN,status=TRANG_THAI", "lon=X"});
  EXPECT_EQ(m.at("name"), "TEN");
  EXPECT_EQ(m.at("status"), "TRANG_THAI");
  EXPECT_EQ(m.at("lon"), "X");
  EXPECT_THROW(parse_field_map({"colour=MAU"}), UsageError);
  EXPECT_THROW(parse_field_map({"name"}), UsageError);
}

TEST(FieldMapping, ExplicitThenDefaultNamesThenFree) {
  const FieldMapping m({{"status", "phanloai"}}, {"ten", "phanloai", "chieudai", "Kinh_Do", "vi_do"}, "f.geojson");
  EXPECT_EQ(m.index_of("name"), 0);    // default: ten
  EXPECT_EQ(m.index_of("status"), 1);  // explicit
  EXPECT_EQ(m.index_of("lon"), 3);     // default, case-insensitive: kinh_do
  EXPECT_EQ(m.index_of("lat"), 4);
  EXPECT_FALSE(m.index_of("capacity").has_value());
  EXPECT_TRUE(m.is_free(2));
  EXPECT_FALSE(m.is_free(1));
}

TEST(FieldMapping, MissingMappedFieldNamesTheFieldAndListsOthers) {
  try {
    FieldMapping({{"name", "TEN_CANG"}}, {"ten", "loai"}, "ports.shp (layer 'ports')");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "ports.shp (layer 'ports'): --map name=TEN_CANG: no field 'TEN_CANG' (fields: ten, loai)");
  }
}
