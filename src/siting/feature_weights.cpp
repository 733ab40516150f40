#include "siting/feature_weights.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"
#include "text/fold.hpp"

namespace logiplan::siting {

namespace {

std::optional<double> number(const std::string& s) {
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  return d;
}

// "M TEU/yr", "1,000 TEU/yr", "Mt/yr (IMAP …; unit inferred)", "t/yr": the
// multiplier to TEU/yr or t/yr. The project keeps capacity as the number the
// source gives and its unit beside it.
std::optional<std::pair<double, std::string>> freight_unit(const std::string& unit) {
  const std::string u = text::match_key(unit);  // lower case, no diacritics
  const bool million = u.rfind("m ", 0) == 0 || u.rfind("mt", 0) == 0 || u.rfind("million", 0) == 0 ||
                       u.rfind("trieu", 0) == 0;
  const double scale = million ? 1e6 : (u.rfind("1,000", 0) == 0 || u.rfind("k", 0) == 0 || u.rfind("nghin", 0) == 0) ? 1e3 : 1.0;
  if (u.find("teu") != std::string::npos) return std::pair{scale, std::string("TEU/yr")};
  if (u.rfind("mt", 0) == 0 || u.rfind("t/", 0) == 0 || u.rfind("t ", 0) == 0 || u.find(" t/") != std::string::npos ||
      u.find("tonne") != std::string::npos || u.find("tan") != std::string::npos || u == "t") {
    return std::pair{scale, std::string("t/yr")};
  }
  return std::nullopt;
}

}  // namespace

WeightRule parse_weight_rule(const std::string& text) {
  WeightRule r;
  std::string rest = text;
  if (const auto eq = rest.find('='); eq != std::string::npos) r.kind = rest.substr(0, eq), rest = rest.substr(eq + 1);
  if (const auto star = rest.find('*'); star != std::string::npos) {
    const auto f = number(rest.substr(star + 1));
    if (!f || !(*f > 0)) {
      throw UsageError(fmt::format("--weight '{}': the factor after '*' must be a positive number", text));
    }
    r.factor = *f, rest = rest.substr(0, star);
  }
  if (rest.empty() || (text.find('=') != std::string::npos && r.kind.empty())) {
    throw UsageError(fmt::format("--weight '{}': give FIELD, or KIND=FIELD[*FACTOR] (e.g. industrial_park=area_ha*5000)", text));
  }
  r.field = rest;
  return r;
}

Weight feature_weight(db::Database& db, const std::string& feature_id, const std::string& kind, const WeightOptions& o) {
  const WeightRule* rule = nullptr;
  for (const auto& r : o.rules) {
    if (r.kind.empty() || r.kind == kind) rule = &r;
  }
  if (!rule || rule->field == "1") return {rule ? rule->factor : 1.0, ""};
  const std::string& field = rule->field;
  std::optional<double> value;
  Weight w;
  bool found = false;
  for (const char* table : {"sites", "areas", "corridors"}) {
    auto st = db.prepare(fmt::format("SELECT name, capacity, area_ha, attrs, capacity_unit FROM {} WHERE feature_id = ?", table));
    if (!st.bind(1, feature_id).step()) continue;
    found = true;
    if (field == "capacity") {
      value = st.column_double_opt(1);
      const auto unit = st.column_text_opt(4);
      if (value && unit && !unit->empty()) {
        const auto fu = freight_unit(*unit);
        if (!fu) {
          throw DataError(fmt::format("feature '{}': capacity {} {} is not freight (TEU or tonnes); leave it out of the "
                                      "demand or weigh it by another field",
                                      feature_id, *value, *unit));
        }
        *value *= fu->first;
        w.unit = fu->second;
        if (w.unit == "TEU/yr" && o.tonnes_per_teu) *value *= *o.tonnes_per_teu, w.unit = "t/yr";
      }
    } else if (field == "area_ha") {
      value = st.column_double_opt(2), w.unit = "ha";
    } else {
      const auto attrs = nlohmann::json::parse(st.column_text(3), nullptr, false);
      if (attrs.is_object() && attrs.contains(field) && !attrs[field].is_null()) {
        const auto& v = attrs[field];
        if (v.is_number()) value = v.get<double>();
        else {
          const std::string raw = v.is_string() ? v.get<std::string>() : v.dump();
          value = number(raw);
          if (!value) throw DataError(fmt::format("feature '{}': weight attribute '{}' is '{}', not a number", feature_id, field, raw));
        }
      }
    }
    break;
  }
  if (!found) throw DataError(fmt::format("feature '{}' is not in the project", feature_id));
  if (!value) {
    if (o.fallback) return {*o.fallback, ""};
    throw DataError(fmt::format("feature '{}' has no {} to weigh its demand by; fill it in, or give --weight-default",
                                feature_id, field));
  }
  if (!(*value >= 0) || !std::isfinite(*value)) {
    throw DataError(fmt::format("feature '{}': weight {} = {} is negative", feature_id, field, *value));
  }
  w.value = *value * rule->factor;
  if (rule->factor != 1.0) w.unit = "";  // scaled onto the planner's own scale, which this cannot check
  return w;
}

void check_one_unit(const std::vector<std::pair<std::string, Weight>>& weights) {
  const std::pair<std::string, Weight>* first = nullptr;
  for (const auto& fw : weights) {
    if (fw.second.unit.empty()) continue;
    if (!first) first = &fw;
    else if (fw.second.unit != first->second.unit) {
      throw DataError(fmt::format("demand weights mix {} ('{}') and {} ('{}'); convert one with --tonnes-per-teu N, or "
                                  "put a kind on the other's scale with --weight KIND=FIELD*FACTOR",
                                  first->second.unit, first->first, fw.second.unit, fw.first));
    }
  }
}

}  // namespace logiplan::siting
