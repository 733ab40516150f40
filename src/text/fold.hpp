#pragma once
// Vietnamese-aware text folding: "Lạch Huyện" -> "Lach Huyen", "Đình Vũ" -> "Dinh Vu".
// Works on NFC (precomposed) and NFD (combining marks) input alike.
#include <string>
#include <string_view>

namespace logiplan::text {

// True when s is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

// Removes diacritics and maps đ/Đ to d/D; keeps case. Typographic dashes and
// quotes become their ASCII forms; any other non-ASCII character becomes '?'.
std::string fold_ascii(std::string_view utf8);

// Folded, lower-case, runs of whitespace collapsed to one space, trimmed:
// the key used to compare names typed with or without diacritics.
std::string match_key(std::string_view utf8);

// Folded, lower-case, every run of non-alphanumerics replaced by one '-':
// "Bến số 1–2" -> "ben-so-1-2". Used for generated stable ids.
std::string slugify(std::string_view utf8);

// The first `chars` characters (not bytes) of UTF-8 text on one line, with "…"
// when cut: for tables printed in a terminal.
std::string truncate(std::string_view utf8, std::size_t chars);

}  // namespace logiplan::text
