#pragma once
// Errors thrown by the library. main() catches them in one place and maps each
// kind to a documented exit code (see ExitCode); expected outcomes are values, not
// exceptions.
#include <stdexcept>
#include <string>

namespace logiplan {

enum class ExitCode : int {
  ok = 0,
  data_error = 1,     // bad input data, broken geometry, refused project file
  usage_error = 2,    // bad arguments: unknown option, kind, CRS name, profile
  internal_error = 3,  // a bug: please report
  project_busy = 4     // another program held the project file locked past the busy timeout: try again
};

// Bad input data or a refused operation on it. The message names the file,
// layer, feature or row, and the problem.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The project file stayed locked by another writer for the whole busy timeout.
// Nothing was changed; running the command again later may succeed.
class BusyError : public DataError {
 public:
  using DataError::DataError;
};

// Bad arguments from the user (unknown kind, CRS name, option value).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace logiplan
