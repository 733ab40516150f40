#pragma once
// Demand weights from the project's features: a column (capacity — TEU/yr or
// t/yr, read with its unit —, area_ha) or any attribute in a feature's attrs,
// or 1 for every one; chosen per kind and scaled by a factor where the planner
// puts different kinds on one scale (industrial parks' hectares as tonnes).
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"

namespace logiplan::siting {

// One `--weight` entry: FIELD for every kind, or KIND=FIELD[*FACTOR].
struct WeightRule {
  std::string kind;  // "" for every kind
  std::string field = "1";
  double factor = 1.0;
};
// UsageError naming the entry when it cannot be read.
WeightRule parse_weight_rule(const std::string& text);

struct Weight {
  double value = 1.0;
  std::string unit;  // "TEU/yr", "t/yr", "ha", "" (a count, an attribute)
};

struct WeightOptions {
  std::vector<WeightRule> rules;         // the last rule for a kind wins; no rule: 1
  std::optional<double> fallback;        // for a feature without the field; none: refuse
  std::optional<double> tonnes_per_teu;  // converts TEU to tonnes so terminals of both units compare
};

// The weight of a feature of `kind`. DataError naming the feature when the value
// is missing (and no fallback), not a number, negative, or in a unit that is
// not freight (capacity in passengers).
Weight feature_weight(db::Database& db, const std::string& feature_id, const std::string& kind, const WeightOptions& o);

// Demand weights must share one unit: DataError naming one feature of each of
// two units, and how to convert (`--tonnes-per-teu`, or a factor in `--weight`).
void check_one_unit(const std::vector<std::pair<std::string, Weight>>& weights);

}  // namespace logiplan::siting
