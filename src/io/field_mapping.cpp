#include "io/field_mapping.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/error.hpp"
#include "text/fold.hpp"

namespace logiplan::io {

namespace {
constexpr std::array<std::string_view, 14> kTargets = {
    "id", "name", "kind", "status", "capacity", "capacity_unit", "area_ha", "source", "location_basis",
    "approximate", "mode", "lon", "lat", "wkt"};

// Field names looked for when a target is not mapped, compared as match keys.
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kDefaultNames = {{
    {"id", "feature_id"}, {"id", "id"},
    {"name", "name"}, {"name", "name_vi"}, {"name", "ten"}, {"name", "ten_vi"},
    {"kind", "kind"},
    {"status", "status"}, {"status", "trang_thai"}, {"status", "trang thai"},
    {"capacity", "capacity"}, {"capacity", "cong_suat"},
    {"capacity_unit", "capacity_unit"}, {"capacity_unit", "don_vi"},
    {"area_ha", "area_ha"}, {"area_ha", "dien_tich_ha"},
    {"source", "source"}, {"source", "nguon"},
    {"location_basis", "location_basis"},
    {"approximate", "approximate"},
    {"mode", "mode"}, {"mode", "phuong_thuc"},
    {"lon", "lon"}, {"lon", "longitude"}, {"lon", "lng"}, {"lon", "kinh_do"},
    {"lat", "lat"}, {"lat", "latitude"}, {"lat", "vi_do"},
    {"wkt", "wkt"}, {"wkt", "geometry_wkt"},
}};

bool is_target(const MappingSchema& schema, std::string_view t) {
  for (auto k : schema.targets) {
    if (k == t) return true;
  }
  return false;
}
}  // namespace

const MappingSchema& feature_schema() {
  static const MappingSchema schema{kTargets, kDefaultNames};
  return schema;
}

std::map<std::string, std::string> parse_field_map(const std::vector<std::string>& specs, const MappingSchema& schema) {
  std::map<std::string, std::string> out;
  for (const auto& spec : specs) {
    std::size_t start = 0;
    while (start <= spec.size()) {
      const std::size_t comma = spec.find(',', start);
      const std::string pair = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
        throw UsageError(fmt::format("--map '{}': expected TARGET=FIELD, e.g. --map name=TEN", pair));
      }
      const std::string target = pair.substr(0, eq);
      if (!is_target(schema, target)) {
        std::string list;
        for (auto t : schema.targets) list += (list.empty() ? "" : ", ") + std::string(t);
        throw UsageError(fmt::format("--map '{}': unknown target '{}' (targets: {})", pair, target, list));
      }
      out[target] = pair.substr(eq + 1);
    }
  }
  return out;
}

FieldMapping::FieldMapping(const std::map<std::string, std::string>& explicit_map,
                           const std::vector<std::string>& fields, const std::string& where,
                           const MappingSchema& schema)
    : fields_(fields) {
  auto find_field = [&](std::string_view name, bool folded) -> std::optional<int> {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (folded ? text::match_key(fields_[i]) == text::match_key(name) : fields_[i] == name) {
        return static_cast<int>(i);
      }
    }
    return std::nullopt;
  };
  for (const auto& [target, field] : explicit_map) {
    auto idx = find_field(field, false);
    if (!idx) idx = find_field(field, true);
    if (!idx) {
      std::string list;
      for (const auto& f : fields_) list += (list.empty() ? "" : ", ") + f;
      throw DataError(fmt::format("{}: --map {}={}: no field '{}' (fields: {})", where, target, field, field,
                                  list.empty() ? "none" : list));
    }
    target_to_index_[target] = *idx;
  }
  for (const auto& [target, name] : schema.default_names) {
    if (target_to_index_.count(target)) continue;
    if (auto idx = find_field(name, true)) target_to_index_[std::string(target)] = *idx;
  }
}

std::optional<int> FieldMapping::index_of(std::string_view target) const {
  const auto it = target_to_index_.find(target);
  if (it == target_to_index_.end()) return std::nullopt;
  return it->second;
}

bool FieldMapping::is_free(int index) const {
  for (const auto& [target, idx] : target_to_index_) {
    if (idx == index) return false;
  }
  return true;
}

}  // namespace logiplan::io
