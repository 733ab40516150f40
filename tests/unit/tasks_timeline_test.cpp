// Timelines as the plans write them -> (start, end, recurrence). Expected dates
// worked out by hand from the calendar (quarters end on 31/3, 30/6, 30/9, 31/12).
#include <gtest/gtest.h>

#include "tasks/timeline.hpp"

using namespace logiplan::tasks;

namespace {
struct Case {
  const char* text;
  const char* start;  // "" = none
  const char* end;
  Recurrence recurrence;
};

std::string or_empty(const std::optional<std::string>& s) { return s.value_or(""); }
}  // namespace

TEST(Timeline, EveryFormInThePlans) {
  const Case cases[] = {
      {"2026", "2026-01-01", "2026-12-31", Recurrence::none},
      {"Năm 2026", "2026-01-01", "2026-12-31", Recurrence::none},
      {"Trong năm 2026", "2026-01-01", "2026-12-31", Recurrence::none},
      {"Quý II/2026", "2026-04-01", "2026-06-30", Recurrence::none},
      {"Quý II/ 2026", "2026-04-01", "2026-06-30", Recurrence::none},
      {"Quý II năm 2026", "2026-04-01", "2026-06-30", Recurrence::none},
      {"Quý III/2026", "2026-07-01", "2026-09-30", Recurrence::none},
      {"Quý IV/2025", "2025-10-01", "2025-12-31", Recurrence::none},
      {"Quý I/2028", "2028-01-01", "2028-03-31", Recurrence::none},
      {"Tháng 4/2026", "2026-04-01", "2026-04-30", Recurrence::none},
      {"Tháng 12/2026", "2026-12-01", "2026-12-31", Recurrence::none},
      {"Tháng 2/2028", "2028-02-01", "2028-02-29", Recurrence::none},  // leap year
      {"2025-2030", "2025-01-01", "2030-12-31", Recurrence::none},
      {"2026 - 2030", "2026-01-01", "2030-12-31", Recurrence::none},
      {"2026–2035", "2026-01-01", "2035-12-31", Recurrence::none},      // en dash
      {"Giai đoạn 2026-2030", "2026-01-01", "2030-12-31", Recurrence::none},
      {"Giai đoạn 2025-2027", "2025-01-01", "2027-12-31", Recurrence::none},
      {"Hàng năm", "", "", Recurrence::annual},
      {"Hằng năm", "", "", Recurrence::annual},
      {"Thường xuyên", "", "", Recurrence::ongoing},
      {"Hoàn thành trước năm 2030", "", "2029-12-31", Recurrence::none},
      {"trước Quý III/2026", "", "2026-06-30", Recurrence::none},
      {"30/6/2026", "2026-06-30", "2026-06-30", Recurrence::none},
      {"2026-06-30", "2026-06-30", "2026-06-30", Recurrence::none},
      {"Ban hành năm 2026; Triển khai giai đoạn 2026-2030", "2026-01-01", "2030-12-31", Recurrence::none},
      // Seed 003, task 43: two starts and a completion "before 2030".
      {"Phần đầu khởi công bến 7-8 trong Quý II/2026; Phần đầu khởi công bến 9-12 trong Quý IV năm 2026. "
       "Hoàn thành các bến, đưa vào khai thác trước năm 2030",
       "2026-04-01", "2029-12-31", Recurrence::none},
      {"HANG NAM", "", "", Recurrence::annual},  // typed without diacritics
  };
  for (const auto& c : cases) {
    const auto t = parse_timeline(c.text);
    EXPECT_TRUE(t.parsed) << c.text;
    EXPECT_EQ(or_empty(t.start), c.start) << c.text;
    EXPECT_EQ(or_empty(t.end), c.end) << c.text;
    EXPECT_EQ(t.recurrence, c.recurrence) << c.text;
    EXPECT_EQ(t.text, c.text);
  }
}

TEST(Timeline, LongPhraseKeepsEachDatedPart) {
  const auto t = parse_timeline(
      "Phần đầu khởi công bến 7-8 trong Quý II/2026; Phần đầu khởi công bến 9-12 trong Quý IV năm 2026. "
      "Hoàn thành các bến, đưa vào khai thác trước năm 2030");
  ASSERT_EQ(t.parts.size(), 3u);
  EXPECT_EQ(t.parts[0].text, "Phần đầu khởi công bến 7-8 trong Quý II/2026");
  EXPECT_EQ(t.parts[1].start.value_or(""), "2026-10-01");
  EXPECT_EQ(t.parts[1].end.value_or(""), "2026-12-31");
  EXPECT_FALSE(t.parts[2].start.has_value());
}

TEST(Timeline, WhatCannotBeReadIsKeptAndFlagged) {
  for (const char* text : {"Khi có hướng dẫn của Trung ương", "Theo tiến độ dự án", "Tháng 13/2026", "Quý II", ""}) {
    const auto t = parse_timeline(text);
    EXPECT_FALSE(t.parsed) << text;
    EXPECT_EQ(t.text, text);
    EXPECT_FALSE(t.start.has_value()) << text;
    EXPECT_FALSE(t.end.has_value()) << text;
  }
}
