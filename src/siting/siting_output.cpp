#include "siting/siting_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "text/fold.hpp"

namespace logiplan::siting {

double shown(double cost, const std::string& unit) {
  if (unit == "min") return cost / 60.0;
  if (unit == "km") return cost / 1000.0;
  return cost;
}

namespace {
nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

struct Served {
  double weight = 0;
  int demands = 0;
  double weighted_cost = 0;
};
std::vector<Served> served_by(const Problem& pr, const Solution& s) {
  std::vector<Served> out(pr.facilities.size());
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    if (const auto j = s.evaluation.assigned[i]) {
      out[*j].weight += pr.demands[i].weight;
      ++out[*j].demands;
      out[*j].weighted_cost += pr.demands[i].weight * pr.cost(i, *j);
    }
  }
  // Attendance and market share: what each facility draws, after the decay and the split.
  if (!s.evaluation.captured.empty()) {
    for (std::size_t j = 0; j < out.size(); ++j) out[j].weight = s.evaluation.captured[j];
  }
  return out;
}

std::string objective_text(const ModelSpec& spec, double v, const std::string& unit) {
  switch (spec.model) {
    case Model::pmedian: return fmt::format("{:.6g} (weight × {})", shown(v, unit), unit.empty() ? "cost" : unit);
    case Model::pcenter: return fmt::format("{:.6g} {}", shown(v, unit), unit);
    case Model::mclp: return fmt::format("{:.6g} demand weight covered", v);
    case Model::lscp: return fmt::format("{:.0f} facilities", v);
    case Model::attendance: return fmt::format("{:.6g} demand weight that comes", v);
    case Model::market_share: return fmt::format("{:.6g} demand weight captured", v);
    case Model::cflp: return fmt::format("{:.6g} (fixed + unit cost × weight × {})", v, unit.empty() ? "cost" : unit);
  }
  return {};
}
}  // namespace

nlohmann::json solution_json(const Problem& pr, const ModelSpec& spec, const Solution& s, const std::string& unit) {
  const auto served = served_by(pr, s);
  nlohmann::json chosen = nlohmann::json::array(), allocation = nlohmann::json::array();
  double total_weight = 0, covered_weight = 0;
  for (const auto j : s.open) {
    chosen.push_back({{"id", pr.facilities[j].id}, {"name", pr.facilities[j].name},
                      {"role", std::string(role_name(pr.facilities[j].role))}, {"demands", served[j].demands},
                      {"weight", served[j].weight}});
  }
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    total_weight += pr.demands[i].weight;
    const auto j = s.evaluation.assigned[i];
    if (j) covered_weight += pr.demands[i].weight;
    allocation.push_back({{"demand", pr.demands[i].id}, {"weight", pr.demands[i].weight},
                          {"facility", j ? nlohmann::json(pr.facilities[*j].id) : nlohmann::json()},
                          {"cost", j ? number_or_null(shown(pr.cost(i, *j), unit)) : nlohmann::json()}});
  }
  const bool min = minimises(spec.model);
  return {{"model", std::string(model_name(spec.model))},
          {"p", uses_p(spec.model) ? nlohmann::json(spec.p) : nlohmann::json()},
          {"cutoff", std::isfinite(spec.cutoff) ? nlohmann::json(shown(spec.cutoff, unit)) : nlohmann::json()},
          {"cost_unit", unit},
          {"objective", number_or_null(spec.model == Model::pmedian || spec.model == Model::pcenter
                                           ? shown(s.evaluation.objective, unit) : s.evaluation.objective)},
          {"bound", number_or_null(spec.model == Model::pmedian || spec.model == Model::pcenter ? shown(s.bound, unit) : s.bound)},
          {"bound_is", min ? "lower" : "upper"},
          {"gap", number_or_null(s.gap())},
          {"optimal", s.optimal},
          {"method", s.method},
          {"solve_seconds", s.seconds},
          {"demand_weight", total_weight},
          {"demand_weight_served", covered_weight},
          {"chosen", chosen},
          {"allocation", allocation}};
}

std::vector<routing::ResultLayer> solution_layers(const Problem& pr, const Solution& s, const Positions& at,
                                                  const std::string& unit) {
  std::vector<routing::ResultLayer> out;
  if (at.facilities.size() != pr.facilities.size() || at.demands.size() != pr.demands.size()) return out;
  const auto served = served_by(pr, s);
  routing::ResultLayer sites;
  sites.name = "siting_facilities";
  sites.geometry = wkbPoint;
  sites.fields = {{"facility", OFTString}, {"name", OFTString}, {"role", OFTString}, {"chosen", OFTInteger},
                  {"demands", OFTInteger}, {"weight", OFTReal}};
  for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
    const bool open = std::find(s.open.begin(), s.open.end(), j) != s.open.end();
    sites.add({pr.facilities[j].id, pr.facilities[j].name, std::string(role_name(pr.facilities[j].role)),
               std::int64_t(open), std::int64_t(served[j].demands), served[j].weight},
              routing::point_geometry(at.facilities[j]));
  }
  routing::ResultLayer lines;
  lines.name = "siting_allocation";
  lines.fields = {{"demand", OFTString}, {"demand_name", OFTString}, {"facility", OFTString}, {"weight", OFTReal},
                  {"cost", OFTReal}, {"cost_unit", OFTString}};
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    const auto j = s.evaluation.assigned[i];
    if (!j) continue;
    lines.add({pr.demands[i].id, pr.demands[i].name, pr.facilities[*j].id, pr.demands[i].weight,
               shown(pr.cost(i, *j), unit), unit},
              routing::line_geometry({at.demands[i], at.facilities[*j]}));
  }
  out.push_back(std::move(sites));
  out.push_back(std::move(lines));
  return out;
}

std::string solution_text(const Problem& pr, const ModelSpec& spec, const Solution& s, const std::string& unit) {
  std::string t;
  const bool min = minimises(spec.model);
  t += fmt::format("{} ({}): objective {}; {} bound {}; gap {}; {} in {:.2f} s\n", model_name(spec.model), s.method,
                   objective_text(spec, s.evaluation.objective, unit), min ? "lower" : "upper",
                   objective_text(spec, s.bound, unit),
                   s.optimal ? "0 (proven optimal)" : fmt::format("{:.2f} %", 100 * s.gap()),
                   s.optimal ? "optimal" : "best found", s.seconds);
  const auto served = served_by(pr, s);
  t += fmt::format("{:<36} {:<10} {:>8} {:>14} {:>12}\n", "chosen facility", "role", "demands", "weight", "mean " + unit);
  for (const auto j : s.open) {
    const double mean = served[j].weight > 0 ? served[j].weighted_cost / served[j].weight : 0;
    t += fmt::format("{:<36} {:<10} {:>8} {:>14.6g} {:>12.2f}\n", text::truncate(pr.facilities[j].name, 36),
                     role_name(pr.facilities[j].role), served[j].demands, served[j].weight, shown(mean, unit));
  }
  int unserved = 0;
  for (const auto& a : s.evaluation.assigned) unserved += !a;
  if (unserved) t += fmt::format("{} demand points not served (out of reach or beyond the cutoff)\n", unserved);
  return t;
}

}  // namespace logiplan::siting
