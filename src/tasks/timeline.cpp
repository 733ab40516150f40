#include "tasks/timeline.hpp"

#include <fmt/format.h>

#include <regex>

#include "text/fold.hpp"

namespace logiplan::tasks {

namespace {

struct Range {
  int y0, m0, d0, y1, m1, d1;
};

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::string iso(int y, int m, int d) { return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d); }

// The day before y-m-d, for "before <period>".
std::string day_before(int y, int m, int d) {
  if (--d == 0) {
    if (--m == 0) {
      m = 12;
      --y;
    }
    d = days_in_month(y, m);
  }
  return iso(y, m, d);
}

int quarter_of(const std::string& q) {
  if (q == "i" || q == "1") return 1;
  if (q == "ii" || q == "2") return 2;
  if (q == "iii" || q == "3") return 3;
  return 4;  // "iv" or "4": the regex admits nothing else
}

bool plausible_year(int y) { return y >= 1990 && y <= 2100; }

// Every dated expression in one lower-case, folded phrase, left to right.
// Alternatives, most specific first; the comments give the capture groups.
const std::regex& date_expression() {
  static const std::regex re(
      R"((\d{4})-(\d{2})(?:-(\d{2}))?(?!\d))"                  // 1-3: 2026-06-30, 2026-06
      R"(|(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}))"           // 4-6: 30/6/2026
      R"(|thang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4}))"            // 7-8: tháng 4/2026, tháng 4 năm 2026
      R"(|quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4}))"    // 9-10: quý II/2026, quý II năm 2026
      R"(|(\d{4})\s*(?:-|den|toi)\s*(?:nam\s*)?(\d{4}))"       // 11-12: 2026-2030, 2026 đến 2030
      R"(|(\d{4}))");                                          // 13: 2026
  return re;
}

std::optional<Range> range_of(const std::smatch& m) {
  const auto num = [&](int i) { return std::stoi(m[i].str()); };
  if (m[1].matched) {
    const int y = num(1), mo = num(2);
    if (mo < 1 || mo > 12 || !plausible_year(y)) return std::nullopt;
    if (!m[3].matched) return Range{y, mo, 1, y, mo, days_in_month(y, mo)};
    const int d = num(3);
    if (d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    return Range{y, mo, d, y, mo, d};
  }
  if (m[4].matched) {
    const int d = num(4), mo = num(5), y = num(6);
    if (mo < 1 || mo > 12 || !plausible_year(y) || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    return Range{y, mo, d, y, mo, d};
  }
  if (m[7].matched) {
    const int mo = num(7), y = num(8);
    if (mo < 1 || mo > 12 || !plausible_year(y)) return std::nullopt;
    return Range{y, mo, 1, y, mo, days_in_month(y, mo)};
  }
  if (m[9].matched) {
    const int q = quarter_of(m[9].str()), y = num(10);
    if (!plausible_year(y)) return std::nullopt;
    const int m0 = 3 * q - 2, m1 = 3 * q;
    return Range{y, m0, 1, y, m1, days_in_month(y, m1)};
  }
  if (m[11].matched) {
    const int a = num(11), b = num(12);
    if (!plausible_year(a) || !plausible_year(b) || b < a) return std::nullopt;
    return Range{a, 1, 1, b, 12, 31};
  }
  const int y = num(13);
  if (!plausible_year(y)) return std::nullopt;
  return Range{y, 1, 1, y, 12, 31};
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Phrases are separated by ';' and by '.' ending a sentence (not "7.1").
std::vector<std::pair<std::string, std::string>> phrases(std::string_view original) {
  std::vector<std::pair<std::string, std::string>> out;  // (original, folded key)
  std::string current;
  const auto flush = [&] {
    auto b = current.find_first_not_of(" \t\r\n-");
    auto e = current.find_last_not_of(" \t\r\n.,");
    if (b != std::string::npos && e != std::string::npos && e >= b) {
      auto piece = current.substr(b, e - b + 1);
      out.emplace_back(piece, text::match_key(piece));
    }
    current.clear();
  };
  for (std::size_t i = 0; i < original.size(); ++i) {
    const char c = original[i];
    const bool sentence_end = c == '.' && (i + 1 == original.size() || original[i + 1] == ' ' || original[i + 1] == '\n');
    if (c == ';' || c == '\n' || sentence_end) {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

}  // namespace

std::string_view to_string(Recurrence r) {
  switch (r) {
    case Recurrence::annual: return "annual";
    case Recurrence::ongoing: return "ongoing";
    case Recurrence::none: break;
  }
  return "none";
}

Timeline parse_timeline(std::string_view text) {
  Timeline t;
  t.text = std::string(text);
  for (const auto& [original, key] : phrases(text)) {
    if (contains(key, "hang nam") || contains(key, "moi nam") || contains(key, "annual") || contains(key, "yearly")) {
      t.recurrence = Recurrence::annual;
      t.parsed = true;
    }
    if (contains(key, "thuong xuyen") || contains(key, "lien tuc") || contains(key, "ongoing")) {
      if (t.recurrence == Recurrence::none) t.recurrence = Recurrence::ongoing;
      t.parsed = true;
    }
    for (auto it = std::sregex_iterator(key.begin(), key.end(), date_expression()); it != std::sregex_iterator(); ++it) {
      const auto range = range_of(*it);
      if (!range) continue;
      // "trước <period>": a deadline before the period begins; "đến/hết <period>": by its end.
      const std::string before = key.substr(0, static_cast<std::size_t>(it->position()));
      const bool is_before = before.size() >= 6 && before.rfind("truoc") != std::string::npos &&
                             before.rfind("truoc") + 12 >= before.size();
      TimelinePart part;
      part.text = original;
      if (is_before) {
        part.end = day_before(range->y0, range->m0, range->d0);
      } else {
        part.start = iso(range->y0, range->m0, range->d0);
        part.end = iso(range->y1, range->m1, range->d1);
      }
      t.parts.push_back(std::move(part));
      t.parsed = true;
    }
  }
  for (const auto& p : t.parts) {
    if (p.start && (!t.start || *p.start < *t.start)) t.start = p.start;
    if (p.end && (!t.end || *p.end > *t.end)) t.end = p.end;
  }
  return t;
}

}  // namespace logiplan::tasks
