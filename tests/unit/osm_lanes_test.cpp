// OSM lane tags -> lanes per direction, left to right in the direction of travel.
// Each row is a tag set and the lanes expected; "" means unknown.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/osm_tags.hpp"

using namespace logiplan::network;

namespace {
struct Case {
  const char* what;
  Tags tags;
  const char* forward;
  const char* backward;
};

const Case kCases[] = {
    {"no lane tags", {}, "", ""},
    {"lanes=4 two-way splits evenly", {{"lanes", "4"}}, "general|general", "general|general"},
    {"lanes=3 two-way: odd lane counted forward", {{"lanes", "3"}}, "general|general", "general"},
    {"lanes=3 with lanes:forward=1", {{"lanes", "3"}, {"lanes:forward", "1"}}, "general", "general|general"},
    {"one-way lanes=2", {{"oneway", "yes"}, {"lanes", "2"}}, "general|general", ""},
    {"oneway=-1 lanes=2 describes the backward direction", {{"oneway", "-1"}, {"lanes", "2"}}, "", "general|general"},
    {"motorcycle:lanes designated kerb lane (Hà Nội style)",
     {{"oneway", "yes"}, {"lanes", "3"}, {"motorcycle:lanes", "||designated"}}, "general|general|motorcycle", ""},
    {"moped:lanes designated counts as a motorbike lane",
     {{"oneway", "yes"}, {"lanes", "2"}, {"moped:lanes", "|designated"}}, "general|motorcycle", ""},
    {"per-direction motorcycle lanes",
     {{"lanes", "4"}, {"lanes:forward", "2"}, {"lanes:backward", "2"}, {"motorcycle:lanes:forward", "|designated"},
      {"motorcycle:lanes:backward", "|designated"}},
     "general|motorcycle", "general|motorcycle"},
    {"motor vehicles banned, motorbikes allowed: a motorbike lane",
     {{"oneway", "yes"}, {"lanes", "2"}, {"motor_vehicle:lanes", "yes|no"}, {"motorcycle:lanes", "yes|yes"}},
     "general|motorcycle", ""},
    {"access:lanes no + bicycle:lanes designated (Heidelberg style)",
     {{"oneway", "yes"}, {"lanes", "3"}, {"access:lanes", "yes|yes|no"}, {"bicycle:lanes", "yes|yes|designated"}},
     "general|general|bicycle", ""},
    {"access:lanes lists the cycle lane that lanes=* leaves out (Heidelberg, way 23567307)",
     {{"oneway", "yes"}, {"lanes", "2"}, {"access:lanes", "yes|yes|no"}, {"bicycle:lanes", "yes|yes|designated"},
      {"cycleway", "lane"}},
     "general|general|bicycle", ""},
    {"motorcar and motorbike lanes in the Kim Liên underpass (Hà Nội, way 37862082)",
     {{"oneway", "yes"}, {"lanes", "2"}, {"motorcycle:lanes", "no|designated"}, {"motorcar:lanes", "designated|no"},
      {"moped:lanes", "no|designated"}},
     "general|motorcycle", ""},
    {"truck lane", {{"oneway", "yes"}, {"lanes", "3"}, {"hgv:lanes", "designated||"}}, "hgv|general|general", ""},
    {"bus lane on psv:lanes", {{"oneway", "yes"}, {"lanes", "2"}, {"psv:lanes", "|designated"}}, "general|bus", ""},
    {"lane count from *:lanes when lanes=* is missing",
     {{"oneway", "yes"}, {"motorcycle:lanes", "yes|designated"}}, "general|motorcycle", ""},
    {"*:lanes with the wrong count is ignored",
     {{"oneway", "yes"}, {"lanes", "3"}, {"motorcycle:lanes", "|designated"}}, "general|general|general", ""},
    {"busway=lane: the kerb lane of each direction",
     {{"lanes", "4"}, {"busway", "lane"}}, "general|bus", "general|bus"},
    {"busway:right=lane: forward only", {{"lanes", "4"}, {"busway:right", "lane"}}, "general|bus", "general|general"},
    {"cycleway=lane adds a lane each side", {{"lanes", "2"}, {"cycleway", "lane"}}, "general|bicycle", "general|bicycle"},
    {"one-way with a left cycle lane", {{"oneway", "yes"}, {"lanes", "2"}, {"cycleway:left", "lane"}},
     "bicycle|general|general", ""},
    {"a motorbike road", {{"lanes", "2"}, {"motorcycle", "designated"}, {"motor_vehicle", "no"}}, "motorcycle",
     "motorcycle"},
};
}  // namespace

TEST(OsmLanes, TagTable) {
  for (const auto& c : kCases) {
    const auto [fwd, bwd] = parse_osm_lanes(c.tags, parse_oneway(c.tags, false));
    EXPECT_EQ(fwd.str(), c.forward) << c.what;
    EXPECT_EQ(bwd.str(), c.backward) << c.what;
  }
}

TEST(OsmLanes, PlannerLaneStrings) {
  EXPECT_EQ(parse_lanes("general|xe máy|xe thô sơ").str(), "general|motorcycle|rudimentary");
  EXPECT_EQ(parse_lanes("").count(), 0u);
  EXPECT_THROW(parse_lanes("general|flying"), logiplan::UsageError);
}
