#include "routing/places.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/error.hpp"
#include "project/vocabulary.hpp"
#include "text/fold.hpp"

namespace logiplan::routing {

namespace {

std::optional<network::LonLat> parse_lonlat(const std::string& s) {
  const auto comma = s.find(',');
  if (comma == std::string::npos) return std::nullopt;
  char* e1 = nullptr;
  char* e2 = nullptr;
  const std::string a = s.substr(0, comma), b = s.substr(comma + 1);
  const double lon = std::strtod(a.c_str(), &e1);
  const double lat = std::strtod(b.c_str(), &e2);
  if (e1 == a.c_str() || *e1 || e2 == b.c_str() || *e2) return std::nullopt;
  if (std::abs(lon) > 180 || std::abs(lat) > 90) {
    throw UsageError(fmt::format("place '{}': not a lon,lat in degrees (WGS84)", s));
  }
  return network::LonLat{lon, lat};
}

// Point features only: areas are not places to route to (their sites are).
constexpr const char* kSelect =
    "SELECT feature_id, name, kind, X(geom), Y(geom), name_ascii, json_extract(attrs, '$.name_en') FROM sites";

Place place_of(db::Statement& st) {
  return Place{st.column_text(1), st.column_text(0), st.column_text(2), {st.column_double(3), st.column_double(4)}};
}

bool contains_all_words(const std::string& haystack, const std::string& needle) {
  std::istringstream words(needle);
  std::string w;
  while (words >> w) {
    if (haystack.find(w) == std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::vector<Place> resolve_places(db::Database& db, const std::string& spec) {
  if (auto p = parse_lonlat(spec)) return {Place{spec, std::nullopt, "point", *p}};
  if (spec.rfind("kind:", 0) == 0) {
    const auto& kind = project::find_kind(spec.substr(5));
    auto st = db.prepare(std::string(kSelect) + " WHERE kind = ? ORDER BY feature_id");
    st.bind(1, kind.kind);
    std::vector<Place> out;
    while (st.step()) out.push_back(place_of(st));
    if (out.empty()) throw UsageError(fmt::format("place '{}': the project has no {} points", spec, kind.kind));
    return out;
  }
  {
    auto st = db.prepare(std::string(kSelect) + " WHERE feature_id = ?");
    st.bind(1, spec);
    if (st.step()) return {place_of(st)};
  }
  // Names: exact (diacritics and case ignored), else every word contained.
  const std::string key = text::match_key(spec);
  std::vector<Place> exact, partial;
  auto st = db.prepare(kSelect);
  while (st.step()) {
    const std::string name = text::match_key(st.column_text(1));
    const std::string en = text::match_key(st.column_text(6));
    if (name == key || (!en.empty() && en == key)) exact.push_back(place_of(st));
    else if (contains_all_words(name, key) || (!en.empty() && contains_all_words(en, key))) partial.push_back(place_of(st));
  }
  const auto& found = exact.empty() ? partial : exact;
  if (found.size() == 1) return found;
  if (found.empty()) {
    throw UsageError(fmt::format("unknown place '{}': no feature id or name matches, and it is not a lon,lat "
                                 "(list places with `logiplan layers` or give kind:KIND)",
                                 spec));
  }
  std::string list;
  for (std::size_t i = 0; i < found.size() && i < 12; ++i) {
    list += fmt::format("\n  {} — {} ({})", *found[i].feature_id, found[i].label, found[i].kind);
  }
  if (found.size() > 12) list += fmt::format("\n  ... and {} more", found.size() - 12);
  throw UsageError(fmt::format("place '{}' is ambiguous: {} features match; give one of these ids or a fuller "
                               "name:{}",
                               spec, found.size(), list));
}

std::vector<Place> resolve_places(db::Database& db, const std::vector<std::string>& specs) {
  std::vector<Place> out;
  for (const auto& s : specs) {
    auto p = resolve_places(db, s);
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

}  // namespace logiplan::routing
