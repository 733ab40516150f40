#pragma once
// Text from old Windows files (Windows-1258, Latin-1...) as UTF-8.
#include <string>
#include <string_view>

namespace logiplan::text {

// `text` in `encoding` (an iconv name: CP1258, WINDOWS-1258, LATIN1...) as UTF-8.
// UsageError for an encoding iconv does not know; bytes that do not decode are
// passed through unchanged, for the caller's UTF-8 check to refuse with its row.
std::string recode_to_utf8(std::string_view text, const std::string& encoding);

}  // namespace logiplan::text
