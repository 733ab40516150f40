// Libraries loaded at run time (handles/shared_library): what fails to load says
// which library, for what, and why; a function is found by its name and called.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "handles/shared_library.hpp"

using namespace logiplan;

TEST(SharedLibrary, AMissingLibraryNamesItselfAndWhatNeedsIt) {
  try {
    io::SharedLibrary lib("liblogiplan-no-such-library.so.1", "a test");
    FAIL() << "loaded a library that does not exist";
  } catch (const DataError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("a test needs liblogiplan-no-such-library.so.1"), std::string::npos) << m;
    EXPECT_NE(m.find("cannot open shared object file"), std::string::npos) << m;  // dlerror()'s reason
  }
}

TEST(SharedLibrary, FunctionsByNameAndAMissingOne) {
  io::SharedLibrary libm("libm.so.6", "a test");
  const auto hypot = libm.function<double (*)(double, double)>("hypot");
  EXPECT_DOUBLE_EQ(hypot(3, 4), 5);
  try {
    (void)libm.function<void (*)()>("logiplan_no_such_function");
    FAIL() << "found a function that does not exist";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("libm.so.6 has no function logiplan_no_such_function"), std::string::npos) << e.what();
  }
}
