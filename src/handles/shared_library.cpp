#include "handles/shared_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace logiplan::io {

SharedLibrary::SharedLibrary(const std::string& soname, const std::string& purpose) : soname_(soname), purpose_(purpose) {
  handle_ = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = ::dlerror();
    throw DataError(fmt::format("{} needs {}, which could not be loaded ({}); on Debian run scripts/setup.sh", purpose,
                                soname, why ? why : "no reason given"));
  }
}

SharedLibrary::~SharedLibrary() {
  if (handle_) ::dlclose(handle_);
}

void* SharedLibrary::address(const char* name) const {
  ::dlerror();
  void* p = ::dlsym(handle_, name);
  if (!p) {
    throw DataError(fmt::format("{}: {} has no function {} (another version of it?)", purpose_, soname_, name));
  }
  return p;
}

}  // namespace logiplan::io
