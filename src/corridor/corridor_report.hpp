#pragma once
// The document a planner hands out about a corridor: one self-contained HTML
// page (inline SVG, printable on A4 landscape) with a map of the corridor, a
// strip chart of its profile along km (lanes per direction, lane status, speed,
// bridges, bottlenecks), the tables of the studies and the sources of the data.
// Vietnamese by default, English with lang "en".
#include <optional>
#include <string>

#include "corridor/corridor_context.hpp"
#include "corridor/corridor_resilience.hpp"
#include "corridor/corridor_study.hpp"

namespace logiplan::corridor {

struct ReportInput {
  const CorridorOutcome* outcome = nullptr;
  const Resilience* resilience = nullptr;
  const CorridorContext* context = nullptr;
  const ModesComparison* modes = nullptr;        // when the corridor has several modes
  const ScenarioComparison* scenarios = nullptr;  // when asked
  std::string lang = "vi";                        // vi or en
  std::string generated;                          // date, for the footer
};

std::string corridor_report_html(const ReportInput& in);

// Runs the studies the report holds (resilience with 3 alternatives, context,
// modes, and the scenarios when given) and writes DIR/NAME.html; returns its path.
struct WrittenReport {
  std::string path;
  std::size_t segments = 0, bottlenecks = 0, features = 0, tasks = 0;
};
WrittenReport write_corridor_report(project::Project& project, const CorridorStudy& study, const CorridorOutcome& outcome,
                                    const std::vector<std::string>& scenarios, const std::string& lang, const std::string& dir);

}  // namespace logiplan::corridor
