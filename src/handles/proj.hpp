#pragma once
// RAII for PROJ contexts and objects, written once.
#include <proj.h>

#include <memory>

namespace logiplan::proj {

struct ContextDestroyer {
  void operator()(PJ_CONTEXT* ctx) const noexcept { proj_context_destroy(ctx); }
};
struct ObjectDestroyer {
  void operator()(PJ* pj) const noexcept { proj_destroy(pj); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDestroyer>;
using ObjectPtr = std::unique_ptr<PJ, ObjectDestroyer>;

}  // namespace logiplan::proj
