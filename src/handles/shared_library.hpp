#pragma once
// RAII for a shared library loaded at run time (dlopen), written once. For a
// library only some commands need: linked at build time, its loading would be
// part of every process's start-up (CBC's seven libraries: ~4 ms of a ~45 ms
// route). The library stays loaded until the handle goes.
#include <string>

namespace logiplan::io {

class SharedLibrary {
 public:
  // Loads `soname`; DataError naming it, what needs it (`purpose`) and dlerror()
  // when it cannot be loaded.
  SharedLibrary(const std::string& soname, const std::string& purpose);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The function `name`, as type F (a pointer to function); DataError when the
  // library does not have it (another version of the library).
  template <class F>
  F function(const char* name) const {
    return reinterpret_cast<F>(address(name));
  }

 private:
  void* address(const char* name) const;
  void* handle_ = nullptr;
  std::string soname_, purpose_;
};

}  // namespace logiplan::io
