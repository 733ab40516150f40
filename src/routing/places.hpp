#pragma once
// Places as planners name them: a feature id ("lach-huyen-port"), a feature name
// with or without diacritics ("Cang can Dinh Vu – Quang Binh"), every feature of
// a kind ("kind:logistics_centre"), or a coordinate ("106.90547,20.79833",
// lon,lat in WGS84). An ambiguous or unknown name is an error that lists the
// candidates.
#include <optional>
#include <string>
#include <vector>

#include "handles/sqlite.hpp"
#include "network/model.hpp"

namespace logiplan::routing {

struct Place {
  std::string label;                      // the feature's name, or the coordinate as typed
  std::optional<std::string> feature_id;  // none for a coordinate
  std::string kind;                       // feature kind, or "point"
  network::LonLat position;
};

// One spec may give several places (a kind). Throws UsageError for an unknown
// or ambiguous place, naming it and listing candidates.
std::vector<Place> resolve_places(db::Database& db, const std::string& spec);
std::vector<Place> resolve_places(db::Database& db, const std::vector<std::string>& specs);

}  // namespace logiplan::routing
