#pragma once
// Demand weights from the project's features: a column (capacity — TEU/yr or
// t/yr —, area_ha) or any attribute in a feature's attrs, or 1 for every one.
#include <optional>
#include <string>

#include "handles/sqlite.hpp"

namespace logiplan::siting {

// `field`: "1" (unweighted), "capacity", "area_ha" or an attribute name. DataError
// naming the feature when the value is missing (and no `fallback`), not a
// number, or negative.
double feature_weight(db::Database& db, const std::string& feature_id, const std::string& field,
                      std::optional<double> fallback);

}  // namespace logiplan::siting
