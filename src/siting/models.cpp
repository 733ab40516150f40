#include "siting/models.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "siting/cbc_model.hpp"

namespace logiplan::siting {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::candidate: return "candidate";
    case Role::required: return "required";
    case Role::competitor: return "competitor";
  }
  return "?";
}

std::size_t Problem::selectable_count() const {
  return static_cast<std::size_t>(
      std::count_if(facilities.begin(), facilities.end(), [](const Facility& f) { return f.role != Role::competitor; }));
}

std::string_view model_name(Model m) {
  switch (m) {
    case Model::pmedian: return "pmedian";
    case Model::mclp: return "mclp";
    case Model::lscp: return "lscp";
    case Model::pcenter: return "pcenter";
    case Model::attendance: return "attendance";
    case Model::market_share: return "market-share";
    case Model::cflp: return "cflp";
  }
  return "?";
}

bool uses_p(Model m) { return m != Model::lscp && m != Model::cflp; }

Model parse_model(const std::string& name) {
  for (auto m : {Model::pmedian, Model::mclp, Model::lscp, Model::pcenter, Model::attendance, Model::market_share,
                 Model::cflp}) {
    if (name == model_name(m)) return m;
  }
  throw UsageError(fmt::format("unknown model '{}' (pmedian, mclp, lscp, pcenter, attendance, market-share, cflp)", name));
}

bool minimises(Model m) { return m == Model::pmedian || m == Model::lscp || m == Model::pcenter || m == Model::cflp; }

Decay parse_decay(const std::string& text) {
  Decay d;
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  if (kind == "linear") d.kind = Decay::Kind::linear;
  else if (kind == "power") d.kind = Decay::Kind::power, d.beta = 2.0;
  else if (kind == "exponential") d.kind = Decay::Kind::exponential, d.beta = 0.1;
  else throw UsageError(fmt::format("--decay '{}': linear, power[:BETA] or exponential[:BETA]", text));
  if (colon != std::string::npos) {
    if (d.kind == Decay::Kind::linear) throw UsageError(fmt::format("--decay '{}': linear takes no parameter", text));
    char* end = nullptr;
    const std::string b = text.substr(colon + 1);
    d.beta = std::strtod(b.c_str(), &end);
    if (b.empty() || *end || !(d.beta > 0) || !std::isfinite(d.beta)) {
      throw UsageError(fmt::format("--decay '{}': the parameter after ':' must be a positive number", text));
    }
  }
  return d;
}

double ModelSpec::decay_factor(double cost) const {
  if (!(cost <= cutoff) || !std::isfinite(cost)) return 0.0;
  const double c = cost / decay.unit;
  switch (decay.kind) {
    case Decay::Kind::linear: return std::isfinite(cutoff) ? std::max(0.0, 1.0 - cost / cutoff) : 0.0;
    case Decay::Kind::power: return c <= 1.0 ? 1.0 : std::pow(c, -decay.beta);
    case Decay::Kind::exponential: return std::exp(-decay.beta * c);
  }
  return 0.0;
}

double Solution::gap() const {
  if (optimal) return 0;
  const double obj = evaluation.objective;
  if (!std::isfinite(obj) || !std::isfinite(bound)) return std::numeric_limits<double>::infinity();
  return std::abs(obj - bound) / std::max(std::abs(obj), 1e-9);
}

Evaluation evaluate(const Problem& pr, const ModelSpec& spec, const std::vector<std::size_t>& open) {
  Evaluation ev;
  const std::size_t n = pr.demands.size();
  ev.assigned.assign(n, std::nullopt);
  if (spec.model == Model::market_share) return evaluate_market_share(pr, spec, open);
  if (spec.model == Model::cflp) return evaluate_cflp(pr, spec, open);
  if (spec.model == Model::attendance) ev.captured.assign(pr.facilities.size(), 0.0);
  double total = 0, worst = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double best = kUnreachable;
    for (const auto j : open) {
      const double c = pr.cost(i, j);
      // Ties go to the lower facility index, so every method allocates alike.
      if (c < best || (c == best && ev.assigned[i] && j < *ev.assigned[i])) best = c, ev.assigned[i] = j;
    }
    switch (spec.model) {
      case Model::pmedian:
        if (!std::isfinite(best)) ev.feasible = false;
        total += pr.demands[i].weight * best;
        break;
      case Model::pcenter:
        if (!std::isfinite(best)) ev.feasible = false;
        worst = std::max(worst, best);
        break;
      case Model::mclp:
        if (best <= spec.cutoff) total += pr.demands[i].weight;
        else ev.assigned[i] = std::nullopt;
        break;
      case Model::lscp:
        if (!(best <= spec.cutoff)) ev.feasible = false, ev.assigned[i] = std::nullopt;
        break;
      case Model::attendance: {
        const double came = pr.demands[i].weight * spec.decay_factor(best);
        if (came > 0) total += came, ev.captured[*ev.assigned[i]] += came;
        else ev.assigned[i] = std::nullopt;
        break;
      }
      case Model::market_share:
      case Model::cflp: break;
    }
  }
  switch (spec.model) {
    case Model::pmedian: ev.objective = ev.feasible ? total : kUnreachable; break;
    case Model::pcenter: ev.objective = ev.feasible ? worst : kUnreachable; break;
    case Model::mclp: ev.objective = total; break;
    case Model::lscp: ev.objective = ev.feasible ? static_cast<double>(open.size()) : kUnreachable; break;
    case Model::attendance: ev.objective = total; break;
    case Model::market_share:
    case Model::cflp: break;
  }
  return ev;
}

std::vector<double> competitor_pull(const Problem& pr, const ModelSpec& spec) {
  std::vector<double> pull(pr.demands.size(), 0.0);
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
      if (pr.facilities[j].role == Role::competitor) pull[i] += pr.facilities[j].attractiveness * spec.decay_factor(pr.cost(i, j));
    }
  }
  return pull;
}

Evaluation evaluate_market_share(const Problem& pr, const ModelSpec& spec, const std::vector<std::size_t>& open) {
  Evaluation ev;
  const std::size_t n = pr.demands.size();
  ev.assigned.assign(n, std::nullopt);
  ev.captured.assign(pr.facilities.size(), 0.0);
  const auto pull = competitor_pull(pr, spec);
  for (std::size_t i = 0; i < n; ++i) {
    double ours = 0, strongest = 0;
    for (const auto j : open) {
      const double a = pr.facilities[j].attractiveness * spec.decay_factor(pr.cost(i, j));
      ours += a;
      if (a > strongest) strongest = a, ev.assigned[i] = j;
    }
    if (ours <= 0) continue;
    const double w = pr.demands[i].weight / (ours + pull[i]);
    for (const auto j : open) ev.captured[j] += w * pr.facilities[j].attractiveness * spec.decay_factor(pr.cost(i, j));
    ev.objective += w * ours;
  }
  return ev;
}

void check_instance(const Problem& pr, const ModelSpec& spec) {
  if (pr.demands.empty()) throw DataError("no demand points");
  const auto selectable = pr.selectable_count();
  if (selectable == 0) throw DataError("no candidate facilities");
  std::size_t required = 0;
  for (const auto& f : pr.facilities) required += f.role == Role::required;
  for (const auto& d : pr.demands) {
    if (!(d.weight >= 0) || !std::isfinite(d.weight)) {
      throw DataError(fmt::format("demand '{}': weight {} is not a non-negative number", d.id, d.weight));
    }
  }
  if (uses_p(spec.model)) {
    if (spec.p < 1) throw UsageError(fmt::format("--p {}: at least one facility", spec.p));
    if (static_cast<std::size_t>(spec.p) > selectable) {
      throw UsageError(fmt::format("--p {} is more than the {} candidate and required facilities", spec.p, selectable));
    }
    if (required > static_cast<std::size_t>(spec.p)) {
      throw UsageError(fmt::format("--p {} is fewer than the {} required facilities, which always count", spec.p, required));
    }
  }
  if ((spec.model == Model::mclp || spec.model == Model::lscp) && !(spec.cutoff > 0)) {
    throw UsageError(fmt::format("{} needs a positive --cutoff", model_name(spec.model)));
  }
  if ((spec.model == Model::attendance || spec.model == Model::market_share) && spec.decay.kind == Decay::Kind::linear &&
      !std::isfinite(spec.cutoff)) {
    throw UsageError(fmt::format("{} with linear decay needs a --cutoff, where the demand that comes reaches 0",
                                 model_name(spec.model)));
  }
  for (const auto& f : pr.facilities) {
    if (!(f.attractiveness > 0) || !std::isfinite(f.attractiveness)) {
      throw DataError(fmt::format("facility '{}': attractiveness {} is not a positive number", f.id, f.attractiveness));
    }
    if (spec.model == Model::cflp && (!(f.fixed_cost >= 0) || !std::isfinite(f.fixed_cost))) {
      throw DataError(fmt::format("facility '{}': fixed cost {} is not a non-negative number", f.id, f.fixed_cost));
    }
    if (spec.model == Model::cflp && !(f.capacity >= 0)) {
      throw DataError(fmt::format("facility '{}': capacity {} is negative", f.id, f.capacity));
    }
  }
  if (spec.model == Model::cflp) {
    double demand = 0, capacity = 0;
    for (const auto& d : pr.demands) demand += d.weight;
    for (const auto& f : pr.facilities) if (f.role != Role::competitor) capacity += f.capacity;
    if (capacity < demand * (1 - 1e-12)) {
      throw DataError(fmt::format("cflp: the candidates' capacities add up to {:.6g}, less than the demand weight {:.6g}; "
                                  "no set of facilities can serve it all",
                                  capacity, demand));
    }
  }
  if (pr.costs.size() != pr.demands.size() * pr.facilities.size()) return;  // costs not computed yet
  if (spec.model == Model::mclp || spec.model == Model::attendance || spec.model == Model::market_share) {
    bool any = false;
    for (std::size_t i = 0; i < pr.demands.size() && !any; ++i) {
      for (std::size_t j = 0; j < pr.facilities.size() && !any; ++j) {
        any = pr.facilities[j].role != Role::competitor && pr.cost(i, j) <= spec.cutoff && std::isfinite(pr.cost(i, j));
      }
    }
    if (!any) {
      throw DataError(std::isfinite(spec.cutoff)
                          ? fmt::format("no demand point is within the cutoff {} of any facility: a cutoff nobody can meet",
                                        spec.cutoff)
                          : std::string("no facility reaches any demand point on the network"));
    }
  }
  // A demand nobody can serve makes pmedian and pcenter infeasible; one that no
  // facility reaches within the cutoff makes lscp infeasible.
  if (spec.model == Model::pmedian || spec.model == Model::pcenter || spec.model == Model::lscp ||
      spec.model == Model::cflp) {
    const double limit = spec.model == Model::lscp ? spec.cutoff : kUnreachable;
    for (std::size_t i = 0; i < pr.demands.size(); ++i) {
      double best = kUnreachable;
      for (std::size_t j = 0; j < pr.facilities.size(); ++j) {
        if (pr.facilities[j].role != Role::competitor) best = std::min(best, pr.cost(i, j));
      }
      if (spec.model == Model::lscp ? !(best <= limit) : !std::isfinite(best)) {
        throw DataError(spec.model == Model::lscp
                            ? fmt::format("demand '{}' ({}): no facility reaches it within the cutoff {} (nearest: {}); "
                                          "no set of facilities can cover every demand",
                                          pr.demands[i].id, pr.demands[i].name, spec.cutoff,
                                          std::isfinite(best) ? fmt::format("{:.1f}", best) : "unreachable")
                            : fmt::format("demand '{}' ({}): no facility can reach it on the network; leave it out "
                                          "or check the network around it",
                                          pr.demands[i].id, pr.demands[i].name));
      }
    }
  }
}

Evaluation evaluate_cflp(const Problem& pr, const ModelSpec& spec, const std::vector<std::size_t>& open) {
  Evaluation ev;
  const std::size_t n = pr.demands.size();
  ev.assigned.assign(n, std::nullopt);
  ev.captured.assign(pr.facilities.size(), 0.0);
  double fixed = 0, capacity = 0, demand = 0;
  for (const auto j : open) fixed += pr.facilities[j].fixed_cost, capacity += pr.facilities[j].capacity;
  for (const auto& d : pr.demands) demand += d.weight;
  ev.feasible = capacity >= demand * (1 - 1e-12);
  // The transportation problem: x_ij share of demand i served by j.
  MipModel lp;
  std::vector<std::vector<std::pair<std::size_t, int>>> x(n);
  std::vector<std::vector<MipModel::Term>> load(pr.facilities.size());
  for (std::size_t i = 0; i < n && ev.feasible; ++i) {
    std::vector<MipModel::Term> all;
    for (const auto j : open) {
      const double c = pr.cost(i, j);
      if (!std::isfinite(c)) continue;
      const int col = lp.add_column(0, 1, spec.unit_cost * pr.demands[i].weight * c, false);
      x[i].emplace_back(j, col);
      all.push_back({col, 1.0});
      load[j].push_back({col, pr.demands[i].weight});
    }
    if (all.empty()) ev.feasible = false;
    else lp.add_row(all, 1, 1);
  }
  if (ev.feasible) {
    for (const auto j : open) {
      if (std::isfinite(pr.facilities[j].capacity) && !load[j].empty()) lp.add_row(load[j], -1e300, pr.facilities[j].capacity);
    }
    const auto r = lp.minimise(60);
    ev.feasible = r.has_solution && r.optimal;
    if (ev.feasible) {
      ev.objective = fixed + r.objective;
      for (std::size_t i = 0; i < n; ++i) {
        double largest = 0;
        for (const auto& [j, col] : x[i]) {
          const double share = r.values[static_cast<std::size_t>(col)];
          ev.captured[j] += share * pr.demands[i].weight;
          if (share > largest + 1e-9) largest = share, ev.assigned[i] = j;
        }
      }
    }
  }
  if (!ev.feasible) ev.objective = kUnreachable;
  return ev;
}

}  // namespace logiplan::siting
