#pragma once
#include "core/progress.hpp"

namespace logiplan::cli {

// A progress bar on stderr, drawn only when stderr is a terminal and enabled.
Progress progress_bar(bool enabled);
// "progress PERCENT MESSAGE" lines on stderr, one per percent, flushed.
Progress progress_line_printer();

}  // namespace logiplan::cli
