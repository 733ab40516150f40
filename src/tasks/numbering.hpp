#pragma once
// The TT column of a plan's task table: "I", "II." (groups), "3", "3.", "3.2",
// "1.1.2". Numbers restart under each Roman group (seed 004 has a "1.1" under
// II and another under III), so a task's code in the project is its TT prefixed
// with the enclosing Roman group: "VI.43", "II.1.1", or just "3.2" in a plan
// without Roman groups.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace logiplan::tasks {

struct Numbering {
  bool roman = false;           // a top-level group: I, II, ..., XX
  std::vector<int> parts;       // arabic: {3, 2} for "3.2"; roman: {6} for "VI"
  std::string canonical;        // "VI", "3.2" (trailing dots dropped)
};

// nullopt when the text is not a TT number (the caller names the row).
std::optional<Numbering> parse_tt(std::string_view tt);

// Assigns codes and parents while reading rows in order.
class Hierarchy {
 public:
  struct Placed {
    std::string code;                    // unique within the plan
    std::optional<std::string> parent;   // parent's code
    int level = 1;                       // 1: top
  };
  Placed place(const Numbering& n);

 private:
  std::optional<std::string> roman_;     // current Roman group's code
  std::set<std::string> seen_;           // codes placed so far, for parents
  bool known(const std::string& code) const;
};

}  // namespace logiplan::tasks
