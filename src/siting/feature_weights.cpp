#include "siting/feature_weights.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "core/error.hpp"

namespace logiplan::siting {

double feature_weight(db::Database& db, const std::string& feature_id, const std::string& field,
                      std::optional<double> fallback) {
  if (field == "1") return 1.0;
  std::optional<double> value;
  std::string raw;
  bool found = false;
  for (const char* table : {"sites", "areas", "corridors"}) {
    auto st = db.prepare(fmt::format("SELECT name, capacity, area_ha, attrs FROM {} WHERE feature_id = ?", table));
    if (!st.bind(1, feature_id).step()) continue;
    found = true;
    if (field == "capacity") value = st.column_double_opt(1);
    else if (field == "area_ha") value = st.column_double_opt(2);
    else {
      const auto attrs = nlohmann::json::parse(st.column_text(3), nullptr, false);
      if (attrs.is_object() && attrs.contains(field) && !attrs[field].is_null()) {
        const auto& v = attrs[field];
        if (v.is_number()) value = v.get<double>();
        else {
          raw = v.is_string() ? v.get<std::string>() : v.dump();
          char* end = nullptr;
          const double d = std::strtod(raw.c_str(), &end);
          if (raw.empty() || *end != '\0' || !std::isfinite(d)) {
            throw DataError(fmt::format("feature '{}': weight attribute '{}' is '{}', not a number", feature_id, field, raw));
          }
          value = d;
        }
      }
    }
    break;
  }
  if (!found) throw DataError(fmt::format("feature '{}' is not in the project", feature_id));
  if (!value) {
    if (fallback) return *fallback;
    throw DataError(fmt::format("feature '{}' has no {} to weigh its demand by; fill it in, or give --weight-default",
                                feature_id, field));
  }
  if (!(*value >= 0) || !std::isfinite(*value)) {
    throw DataError(fmt::format("feature '{}': weight {} = {} is negative", feature_id, field, *value));
  }
  return *value;
}

}  // namespace logiplan::siting
