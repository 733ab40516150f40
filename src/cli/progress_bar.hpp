#pragma once
#include "core/progress.hpp"

namespace logiplan::cli {

// A progress bar on stderr, drawn only when stderr is a terminal and enabled.
Progress progress_bar(bool enabled);

}  // namespace logiplan::cli
