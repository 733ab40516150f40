#pragma once
// How much a corridor depends on each of its segments: close a segment (both
// directions of its edges) and search the legs that used it again on the same
// graph (one search per affected leg, no rebuild); the extra minutes, or a cut.
// And K alternative paths between its ends with their overlap with the main one.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/corridor_profile.hpp"

namespace logiplan::corridor {

struct Closure {
  std::size_t segment = 0;  // index in the profile
  double from_km = 0, to_km = 0;
  std::string road;
  bool cut = false;         // some leg has no path without it
  double extra_minutes = 0;
};

struct Alternative {
  int rank = 0;
  double km = 0, minutes = 0;
  double overlap = 0;  // share of its length on the main path's edges
};

struct Resilience {
  std::string corridor;
  std::vector<Closure> closures;  // cuts first, then the largest detour
  std::vector<Alternative> alternatives;
  nlohmann::json summary() const;
  std::string text() const;
};

Resilience corridor_resilience(const CorridorTrace& trace, const CorridorProfile& profile, int alternatives);

}  // namespace logiplan::corridor
