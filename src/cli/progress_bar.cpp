#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/command.hpp"

namespace logiplan::cli {

Progress progress_bar(bool enabled) {
  if (!enabled || !isatty(STDERR_FILENO)) return {};
  return [last = -1](double fraction, std::string_view message) mutable {
    const int percent = static_cast<int>(fraction * 100.0);
    if (percent == last) return true;
    last = percent;
    const int width = 30;
    const int filled = percent * width / 100;
    std::fprintf(stderr, "\r[%s%s] %3d%% %.*s\033[K", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), percent,
                 static_cast<int>(message.size()), message.data());
    if (percent >= 100) std::fputc('\n', stderr);
    return true;
  };
}

Progress progress_line_printer() {
  return [last = -1](double fraction, std::string_view message) mutable {
    const int percent = static_cast<int>(fraction * 100.0);
    if (percent == last) return true;
    last = percent;
    std::fprintf(stderr, "progress %d %.*s\n", percent, static_cast<int>(message.size()), message.data());
    std::fflush(stderr);
    return true;
  };
}

Progress GlobalOptions::progress() const {
  if (no_progress) return {};
  return progress_lines ? progress_line_printer() : progress_bar(true);
}

}  // namespace logiplan::cli
