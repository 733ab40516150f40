#pragma once
// Timelines as the plans write them ("Quý II/2026", "Giai đoạn 2026-2030",
// "Hàng năm", "Hoàn thành trước năm 2030", "Phần đầu khởi công bến 7-8 trong
// Quý II/2026; …") turned into a start date, an end date and a recurrence. The
// original text is always kept next to the parse; what cannot be read is flagged.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace logiplan::tasks {

enum class Recurrence { none, annual, ongoing };
std::string_view to_string(Recurrence r);

// One dated phrase found in the text, e.g. "Quý II/2026" -> 2026-04-01..2026-06-30.
struct TimelinePart {
  std::string text;                  // the phrase as written
  std::optional<std::string> start;  // ISO dates, YYYY-MM-DD
  std::optional<std::string> end;
};

struct Timeline {
  std::string text;                  // as written in the plan
  std::optional<std::string> start;  // earliest start of any part
  std::optional<std::string> end;    // latest end (the deadline)
  Recurrence recurrence = Recurrence::none;
  bool parsed = false;               // false: nothing in the text was understood
  std::vector<TimelinePart> parts;
};

// Never throws: unreadable text gives parsed == false with the text kept.
Timeline parse_timeline(std::string_view text);

}  // namespace logiplan::tasks
