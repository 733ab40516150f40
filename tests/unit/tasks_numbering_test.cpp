#include <gtest/gtest.h>

#include "tasks/numbering.hpp"

using namespace logiplan::tasks;

TEST(Numbering, ReadsRomanAndDottedNumbers) {
  EXPECT_TRUE(parse_tt("VI")->roman);
  EXPECT_EQ(parse_tt("VI")->parts, std::vector<int>{6});
  EXPECT_EQ(parse_tt(" II. ")->canonical, "II");
  EXPECT_EQ(parse_tt("3.2")->parts, (std::vector<int>{3, 2}));
  EXPECT_EQ(parse_tt("1.")->canonical, "1");
  EXPECT_EQ(parse_tt("1.2.3")->canonical, "1.2.3");
  for (const char* bad : {"", "abc", "3..2", "3.a", "IIII", "1.2.3.4.5", "-", "a)"}) {
    EXPECT_FALSE(parse_tt(bad).has_value()) << bad;
  }
}

TEST(Numbering, NumbersRestartUnderEachRomanGroup) {
  // Seed 004: "1.1" under II and again under III.
  Hierarchy h;
  const auto place = [&](const char* tt) { return h.place(*parse_tt(tt)); };
  EXPECT_EQ(place("I").code, "I");
  auto one = place("1");
  EXPECT_EQ(one.code, "I.1");
  EXPECT_EQ(one.parent.value_or(""), "I");
  place("II");
  place("1.");
  auto a = place("1.1");
  EXPECT_EQ(a.code, "II.1.1");
  EXPECT_EQ(a.parent.value_or(""), "II.1");
  EXPECT_EQ(a.level, 3);
  place("III");
  EXPECT_EQ(place("1.1").code, "III.1.1");  // no "1" row under III: the Roman group is the parent
}

TEST(Numbering, PlainPlanHasNoPrefix) {
  Hierarchy h;
  h.place(*parse_tt("3"));
  const auto t = h.place(*parse_tt("3.2"));
  EXPECT_EQ(t.code, "3.2");
  EXPECT_EQ(t.parent.value_or(""), "3");
  EXPECT_FALSE(h.place(*parse_tt("4")).parent.has_value());
}

TEST(Numbering, RomanGroupsPastTwentyInCanonicalFormOnly) {
  EXPECT_EQ(parse_tt("XXI")->parts, std::vector<int>{21});
  EXPECT_EQ(parse_tt("XL")->parts, std::vector<int>{40});
  EXPECT_EQ(parse_tt("LXXXIX")->parts, std::vector<int>{89});
  EXPECT_FALSE(parse_tt("IIII"));
  EXPECT_FALSE(parse_tt("VX"));
  EXPECT_FALSE(parse_tt("C"));  // a lettered sub-item, not group 100
}
