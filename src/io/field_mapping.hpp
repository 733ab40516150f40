#pragma once
// Which source field feeds which project attribute. Users map fields with
// `--map name=TEN,status=TRANG_THAI`; unmapped attributes are looked up under
// common English and Vietnamese field names; every other field is kept as a
// free attribute.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace logiplan::io {

// What a mapping can feed, and the field names looked for when a target is not
// mapped (compared as match keys: case and diacritics ignored).
struct MappingSchema {
  std::span<const std::string_view> targets;
  std::span<const std::pair<std::string_view, std::string_view>> default_names;  // target, field name
};

// Features: id, name, kind, status, capacity, ... (see importer).
const MappingSchema& feature_schema();

// Parses "name=TEN,status=TRANG_THAI" (repeatable); throws UsageError on an
// unknown target or a malformed pair.
std::map<std::string, std::string> parse_field_map(const std::vector<std::string>& specs,
                                                   const MappingSchema& schema = feature_schema());

class FieldMapping {
 public:
  // Resolves the mapping against the layer's field names; throws DataError
  // naming `where` when a mapped field is missing.
  FieldMapping(const std::map<std::string, std::string>& explicit_map, const std::vector<std::string>& fields,
               const std::string& where, const MappingSchema& schema = feature_schema());

  // Index of the source field that feeds `target`, if any.
  std::optional<int> index_of(std::string_view target) const;
  const std::string& field_name(int index) const { return fields_.at(static_cast<std::size_t>(index)); }
  // True when the source field is not fed into any project attribute.
  bool is_free(int index) const;

 private:
  std::vector<std::string> fields_;
  std::map<std::string, int, std::less<>> target_to_index_;
};

}  // namespace logiplan::io
