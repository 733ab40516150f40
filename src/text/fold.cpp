#include "text/fold.hpp"

#include <cctype>
#include <cstdint>
#include <optional>

namespace logiplan::text {

namespace {
#include "text/latin_fold_table.inc"

// Decodes one code point at s[i]; advances i. nullopt on malformed input.
std::optional<char32_t> decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + len > s.size()) return std::nullopt;
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += len;
  return cp;
}

bool is_combining_mark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

// The ASCII replacement of one code point; 0 to drop it.
char ascii_of(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  if (is_combining_mark(cp)) return 0;
  if (cp >= kLatin1First && cp < kLatin1First + kLatin1Bases.size()) {
    const char c = kLatin1Bases[cp - kLatin1First];
    if (c != ' ') return c;
  }
  if (cp >= kLatinAdditionalFirst && cp < kLatinAdditionalFirst + kLatinAdditionalBases.size()) {
    const char c = kLatinAdditionalBases[cp - kLatinAdditionalFirst];
    if (c != ' ') return c;
  }
  switch (cp) {
    case 0x00A0: return ' ';                                    // no-break space
    case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2212: return '-';                       // dashes, minus
    case 0x2018: case 0x2019: return '\'';
    case 0x201C: case 0x201D: return '"';
    default: return '?';
  }
}
}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!decode(s, i)) return false;
  }
  return true;
}

std::string fold_ascii(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = decode(utf8, i);
    if (!cp) {  // malformed byte: keep a visible marker, never drop silently
      out.push_back('?');
      ++i;
      continue;
    }
    if (const char c = ascii_of(*cp)) out.push_back(c);
  }
  return out;
}

std::string match_key(std::string_view utf8) {
  std::string out;
  bool space = false;
  for (const char c : fold_ascii(utf8)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string slugify(std::string_view utf8) {
  std::string out;
  bool dash = false;
  for (const char c : fold_ascii(utf8)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      dash = true;
    }
  }
  return out;
}

std::string truncate(std::string_view utf8, std::size_t chars) {
  std::size_t count = 0, i = 0;
  for (; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80 && count++ == chars) break;
  }
  std::string out(utf8.substr(0, i));
  for (auto& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return i < utf8.size() ? out + "…" : out;
}

}  // namespace logiplan::text
