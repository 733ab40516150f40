#include "flows/assignment_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "text/fold.hpp"

namespace logiplan::flows {

AssignmentComparison compare_assignments(const std::vector<std::string>& names, const std::vector<AssignmentOutcome>& runs) {
  AssignmentComparison c;
  c.names = names;
  std::map<std::int64_t, AssignmentComparison::Change> by_edge;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto& o = runs[r];
    const auto s = o.summary();
    double vehicles = 0;
    for (const auto& cl : o.classes) vehicles += cl.trips;
    c.totals.push_back({{"name", names[r]}, {"vehicles", vehicles}, {"pcu_hours", s["pcu_hours"]}, {"pcu_km", s["pcu_km"]},
                        {"links_over_capacity", s["links_over_capacity"]}, {"gap", s["gap"]},
                        {"iterations", s["iterations"].size()}});
    for (std::size_t a = 0; a < o.linked.links.size(); ++a) {
      if (o.linked.kind[a] != LinkKind::road) continue;
      auto& ch = by_edge[o.linked.edge[a]];
      if (ch.vc.empty()) {
        const auto& e = o.net.edges[static_cast<std::size_t>(o.linked.edge[a])];
        ch.edge = o.linked.edge[a], ch.name = e.name, ch.road_class = e.road_class;
        ch.vc.assign(runs.size(), 0.0), ch.pcu.assign(runs.size(), 0.0);
      }
      ch.vc[r] = std::max(ch.vc[r], o.result.volume[a] / o.linked.links.capacity[a]);
      ch.pcu[r] += o.result.volume[a];
    }
  }
  const auto spread = [](const AssignmentComparison::Change& ch) {
    const auto [lo, hi] = std::minmax_element(ch.vc.begin(), ch.vc.end());
    return *hi - *lo;
  };
  for (auto& [e, ch] : by_edge) if (spread(ch) > 1e-9) c.changes.push_back(std::move(ch));
  std::sort(c.changes.begin(), c.changes.end(), [&](const auto& a, const auto& b) { return spread(a) > spread(b); });
  return c;
}

nlohmann::json AssignmentComparison::summary(std::size_t top) const {
  nlohmann::json changed = nlohmann::json::array();
  for (std::size_t k = 0; k < changes.size() && k < top; ++k) {
    const auto& ch = changes[k];
    changed.push_back({{"edge", ch.edge}, {"name", ch.name}, {"class", ch.road_class}, {"vc", ch.vc}, {"pcu", ch.pcu}});
  }
  return {{"runs", totals}, {"edges_changed", changes.size()}, {"largest_changes", changed}};
}

std::string AssignmentComparison::text(std::size_t top) const {
  std::string t = fmt::format("{:<24}", "");
  for (const auto& n : names) t += fmt::format(" {:>16}", text::truncate(n, 16));
  t += "\n";
  const auto row = [&](const char* label, const char* key, const char* format) {
    t += fmt::format("{:<24}", label);
    for (const auto& r : totals) t += fmt::format(" {:>16}", fmt::format(fmt::runtime(format), r[key].get<double>()));
    t += "\n";
  };
  row("trips assigned", "vehicles", "{:.0f}");  // differs when a scenario leaves a zone off the network
  row("PCU·hours", "pcu_hours", "{:.1f}");
  row("PCU·km", "pcu_km", "{:.0f}");
  row("links over capacity", "links_over_capacity", "{:.0f}");
  row("relative gap", "gap", "{:.1e}");
  t += fmt::format("{} roads change their V/C; the largest changes:\n", changes.size());
  t += fmt::format("  {:<36}", "road");
  for (const auto& n : names) t += fmt::format(" {:>14}", text::truncate("V/C " + n, 14));
  t += "\n";
  for (std::size_t k = 0; k < changes.size() && k < top; ++k) {
    const auto& ch = changes[k];
    t += fmt::format("  {:<36}", text::truncate(fmt::format("{} ({})", ch.name.empty() ? ch.road_class : ch.name, ch.edge), 36));
    for (const double v : ch.vc) t += fmt::format(" {:>14.2f}", v);
    t += "\n";
  }
  return t;
}

}  // namespace logiplan::flows
