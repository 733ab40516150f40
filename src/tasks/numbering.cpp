#include "tasks/numbering.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace logiplan::tasks {

namespace {

// Group numbers I..LXXXIX in canonical form only ("IIII" or "VX" are not group
// numbers): the value is written back and must give the same letters. C, D and M
// are left out: a plan's sub-items are lettered a, b, c, d.
std::optional<int> roman_value(std::string_view s) {
  static constexpr std::array<std::pair<int, std::string_view>, 7> kDigits = {
      {{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
  if (s.empty() || s.size() > 15) return std::nullopt;
  int value = 0;
  std::size_t i = 0;
  for (const auto& [v, letters] : kDigits) {
    while (s.substr(i, letters.size()) == letters) value += v, i += letters.size();
  }
  if (i != s.size() || value == 0) return std::nullopt;
  std::string canonical;
  for (int rest = value; const auto& [v, letters] : kDigits) {
    while (rest >= v) canonical += letters, rest -= v;
  }
  if (canonical != s) return std::nullopt;
  return value;
}

std::string join(const std::vector<int>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += fmt::format("{}{}", i ? "." : "", parts[i]);
  return out;
}

}  // namespace

std::optional<Numbering> parse_tt(std::string_view tt) {
  auto b = tt.find_first_not_of(" \t");
  auto e = tt.find_last_not_of(" \t");
  if (b == std::string_view::npos) return std::nullopt;
  std::string s(tt.substr(b, e - b + 1));
  while (!s.empty() && (s.back() == '.' || s.back() == ')')) s.pop_back();
  if (s.empty()) return std::nullopt;
  Numbering n;
  std::string upper = s;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (const auto r = roman_value(upper)) {
    n.roman = true;
    n.parts = {*r};
    n.canonical = upper;
    return n;
  }
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto dot = s.find('.', start);
    const std::string piece = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (piece.empty() || piece.size() > 3 || !std::all_of(piece.begin(), piece.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return std::nullopt;
    }
    n.parts.push_back(std::stoi(piece));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (n.parts.size() > 4) return std::nullopt;
  n.canonical = join(n.parts, n.parts.size());
  return n;
}

bool Hierarchy::known(const std::string& code) const { return seen_.count(code) > 0; }

Hierarchy::Placed Hierarchy::place(const Numbering& n) {
  Placed p;
  if (n.roman) {
    roman_ = n.canonical;
    p.code = n.canonical;
    p.level = 1;
  } else {
    const std::string prefix = roman_ ? *roman_ + "." : "";
    p.code = prefix + n.canonical;
    // The nearest ancestor that exists: "3.2" under "3"; "3.2.1" under "3.2" (or
    // "3" when 3.2 was never written); a bare "3" under the Roman group.
    for (std::size_t len = n.parts.size() - 1; len >= 1; --len) {
      const std::string candidate = prefix + join(n.parts, len);
      if (known(candidate)) {
        p.parent = candidate;
        break;
      }
    }
    if (!p.parent && roman_) p.parent = roman_;
    p.level = static_cast<int>(n.parts.size()) + (roman_ ? 1 : 0);
  }
  seen_.insert(p.code);
  return p;
}

}  // namespace logiplan::tasks
