#include "text/recode.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <memory>

#include "core/error.hpp"

namespace logiplan::text {

namespace {
struct IconvCloser {
  void operator()(iconv_t cd) const noexcept { iconv_close(cd); }
};
}  // namespace

std::string recode_to_utf8(std::string_view text, const std::string& encoding) {
  iconv_t raw = iconv_open("UTF-8", encoding.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    throw UsageError(fmt::format("unknown encoding '{}' (e.g. CP1258, LATIN1, UTF-16)", encoding));
  }
  std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser> cd(raw);
  std::string out(text.size() * 4 + 16, '\0');
  char* in_p = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* out_p = out.data();
  std::size_t out_left = out.size();
  if (iconv(cd.get(), &in_p, &in_left, &out_p, &out_left) == static_cast<std::size_t>(-1)) {
    return std::string(text);  // does not decode: the caller's UTF-8 check names the row
  }
  // Windows-1258 holds back a base letter in case a tone mark follows: the
  // flush call pushes it out (CPLRecode never makes it, and loses the letter).
  iconv(cd.get(), nullptr, nullptr, &out_p, &out_left);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace logiplan::text
