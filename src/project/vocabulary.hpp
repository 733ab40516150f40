#pragma once
// The project's controlled vocabularies: feature kinds (and the geometry each may
// have), statuses and corridor modes. Each accepts English and Vietnamese
// spellings, with or without diacritics; unknown values are errors that list the
// accepted ones.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace logiplan::project {

enum class GeometryClass { point, polygon, line };

struct KindInfo {
  std::string_view kind;      // stored value
  std::string_view label_en;
  std::string_view label_vi;
  bool point, polygon, line;  // geometries it may have
};

std::span<const KindInfo> kinds();
// Canonical kind for a user spelling ("dry port", "cảng cạn", "ICD" -> "icd").
// Throws UsageError naming the value and listing the kinds.
const KindInfo& find_kind(std::string_view spelling);
bool allows(const KindInfo& kind, GeometryClass g);
std::string_view table_of(GeometryClass g);      // sites / areas / corridors
std::string_view geometry_name(GeometryClass g);  // point / polygon / line

std::span<const std::string_view> statuses();
// Canonical status, or nullopt when the spelling is not recognised.
std::optional<std::string_view> find_status(std::string_view spelling);

std::span<const std::string_view> modes();
std::optional<std::string_view> find_mode(std::string_view spelling);

std::string joined(std::span<const std::string_view> words);

}  // namespace logiplan::project
