#pragma once
// Reading settings and profiles from JSON with errors that name the file and the
// key ("car.json: class_speed_kmh.primary: expected a number, got a string"),
// where nlohmann's own messages name neither.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace logiplan::json_fields {

inline std::string type_name(const nlohmann::json& v) {
  if (v.is_number()) return "a number";
  if (v.is_string()) return fmt::format("a string (\"{}\")", v.get_ref<const std::string&>().substr(0, 40));
  if (v.is_boolean()) return "true/false";
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  return "an object";
}

template <class T>
constexpr std::string_view expected_name() {
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  else if constexpr (std::is_arithmetic_v<T>) return "a number";
  else if constexpr (std::is_same_v<T, std::string>) return "a string";
  else return "a value of another type";
}

// The value at `path` (for messages) converted to T, or DataError naming both.
template <class T>
T as(const nlohmann::json& v, const std::string& where, std::string_view path) {
  const bool ok = std::is_same_v<T, bool>          ? v.is_boolean()
                  : std::is_arithmetic_v<T>        ? v.is_number()
                  : std::is_same_v<T, std::string> ? v.is_string()
                                                   : true;
  if (!ok) throw DataError(fmt::format("{}: {}: expected {}, got {}", where, path, expected_name<T>(), type_name(v)));
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // A float would be cast to the integer: out of range that is undefined behaviour.
    if (!v.is_number_integer()) {
      throw DataError(fmt::format("{}: {}: expected a whole number, got {}", where, path, v.dump()));
    }
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) {
      throw DataError(fmt::format("{}: {}: {} is out of range", where, path, v.dump()));
    }
  }
  try {
    return v.get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw DataError(fmt::format("{}: {}: {}", where, path, e.what()));
  }
}

// j[key], required.
template <class T>
T required(const nlohmann::json& j, const std::string& key, const std::string& where, std::string_view parent = {}) {
  const std::string path = parent.empty() ? key : fmt::format("{}.{}", parent, key);
  if (!j.is_object()) throw DataError(fmt::format("{}: {}: expected an object, got {}", where, parent.empty() ? "(top level)" : parent, type_name(j)));
  const auto it = j.find(key);
  if (it == j.end()) throw DataError(fmt::format("{}: {} is missing", where, path));
  return as<T>(*it, where, path);
}

// j[key] or `fallback` when absent.
template <class T>
T optional(const nlohmann::json& j, const std::string& key, T fallback, const std::string& where,
           std::string_view parent = {}) {
  if (!j.is_object()) return fallback;
  const auto it = j.find(key);
  if (it == j.end()) return fallback;
  return as<T>(*it, where, parent.empty() ? key : fmt::format("{}.{}", parent, key));
}

// A number that must be > 0 (speeds, weights, heights).
inline double positive(double v, const std::string& where, std::string_view path) {
  if (!(v > 0) || !std::isfinite(v)) throw DataError(fmt::format("{}: {}: must be a positive number, got {}", where, path, v));
  return v;
}

}  // namespace logiplan::json_fields
