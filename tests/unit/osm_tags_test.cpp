#include <gtest/gtest.h>

#include "network/osm_tags.hpp"

using namespace logiplan::network;

TEST(OsmTags, Oneway) {
  EXPECT_FALSE(parse_oneway({{"oneway", "yes"}}, false).backward);
  EXPECT_TRUE(parse_oneway({{"oneway", "yes"}}, false).forward);
  EXPECT_FALSE(parse_oneway({{"oneway", "-1"}}, false).forward);
  EXPECT_TRUE(parse_oneway({{"oneway", "-1"}}, false).backward);
  EXPECT_FALSE(parse_oneway({}, true).backward);                        // motorway: implied
  EXPECT_TRUE(parse_oneway({{"oneway", "no"}}, true).backward);         // explicit no wins
  EXPECT_FALSE(parse_oneway({{"junction", "roundabout"}}, false).backward);
  EXPECT_TRUE(parse_oneway({}, false).backward);
}

TEST(OsmTags, Speeds) {
  EXPECT_EQ(parse_speed_kmh("60"), 60.0);
  EXPECT_EQ(parse_speed_kmh("60 km/h"), 60.0);
  EXPECT_NEAR(*parse_speed_kmh("30 mph"), 48.28032, 1e-9);
  EXPECT_EQ(parse_speed_kmh("walk"), 5.0);
  EXPECT_FALSE(parse_speed_kmh("VN:urban").has_value());
  EXPECT_FALSE(parse_speed_kmh("none").has_value());
}

TEST(OsmTags, WeightsAndHeights) {
  EXPECT_EQ(parse_weight_t("10"), 10.0);
  EXPECT_EQ(parse_weight_t("7.5 t"), 7.5);
  EXPECT_EQ(parse_weight_t("12000 kg"), 12.0);
  EXPECT_FALSE(parse_weight_t("heavy").has_value());
  EXPECT_EQ(parse_height_m("4.5"), 4.5);
  EXPECT_EQ(parse_height_m("3,8 m"), 3.8);
  EXPECT_NEAR(*parse_height_m("14'6\""), 14 * 0.3048 + 6 * 0.0254, 1e-12);
}
