#pragma once
// A progress callback in the GDAL style: fraction in [0,1] and a short message;
// returning false asks the work to stop. Only the CLI draws it.
#include <functional>
#include <string_view>

namespace logiplan {

using Progress = std::function<bool(double fraction, std::string_view message)>;

inline bool report(const Progress& progress, double fraction, std::string_view message = {}) {
  return !progress || progress(fraction, message);
}

}  // namespace logiplan
