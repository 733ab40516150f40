#include "flows/port_demand.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"
#include "routing/context.hpp"
#include "siting/feature_weights.hpp"
#include "siting/network_costs.hpp"

namespace logiplan::flows {

PortDemand generate_port_demand(project::Project& project, const PortDemandSpec& spec, const FlowSettings& settings,
                                const Progress& progress) {
  if (spec.period != "day" && spec.period != "peak_hour") {
    throw UsageError(fmt::format("--period '{}': day or peak_hour", spec.period));
  }
  auto& db = project.db();
  PortDemand out;
  routing::AnalysisContext ctx(project, spec.net.network, spec.net.profile, spec.net.max_snap_m, spec.net.scenario);
  const auto& f = settings.port;
  const double beta = spec.beta_per_minute.value_or(settings.gravity_beta_per_minute);
  // Productions: truck trips per terminal.
  std::vector<std::size_t> origins;
  std::vector<double> production;
  siting::WeightOptions capacity;
  capacity.rules = {siting::parse_weight_rule("capacity")};
  for (const auto& s : spec.ports) {
    for (const auto i : ctx.add_spec(s)) {
      const auto& p = ctx.place(i).place;
      const std::string id = p.feature_id.value_or(p.label);
      TerminalTrips t{id, 0, "", 0};
      if (const auto given = spec.throughput.find(id); given != spec.throughput.end()) {
        t.throughput = given->second, t.unit = "TEU/yr";
      } else if (p.feature_id) {
        siting::WeightOptions o = capacity;
        o.fallback = -1;  // marks "no capacity"
        const auto w = siting::feature_weight(db, *p.feature_id, p.kind, o);
        if (w.value < 0) {
          out.left_out.emplace_back(id, "no capacity (give it with --throughput ID=TEU)");
          continue;
        }
        if (w.unit.empty()) {
          throw DataError(fmt::format("terminal '{}': capacity {} has no unit (TEU/yr or t/yr); fill in capacity_unit", id,
                                      w.value));
        }
        t.throughput = w.value, t.unit = w.unit;
      }
      if (t.throughput <= 0) {
        out.left_out.emplace_back(id, "throughput 0");
        continue;
      }
      const double per_year = t.unit == "TEU/yr" ? t.throughput / f.teu_per_truck : t.throughput / f.tonnes_per_truck;
      const double loaded_per_day = per_year * (1 - f.rail_share - f.barge_share) / f.working_days;
      t.trips = loaded_per_day * (1 + f.empty_trip_share) * (spec.period == "peak_hour" ? f.peak_hour_share : 1.0);
      out.terminals.push_back(t);
      origins.push_back(i);
      production.push_back(t.trips);
    }
  }
  if (origins.empty()) throw DataError("no terminal with a throughput reaches the network");
  // Attractions.
  siting::WeightOptions attraction;
  for (const auto& r : spec.attraction) attraction.rules.push_back(siting::parse_weight_rule(r));
  std::vector<std::size_t> destinations;
  std::vector<double> pull;
  for (const auto& s : spec.destinations) {
    for (const auto i : ctx.add_spec(s)) {
      const auto& p = ctx.place(i).place;
      const double a = p.feature_id ? siting::feature_weight(db, *p.feature_id, p.kind, attraction).value : 1.0;
      if (a <= 0) continue;
      destinations.push_back(i);
      pull.push_back(a);
    }
  }
  if (destinations.empty()) throw DataError("no destination reaches the network");
  for (const auto& [p, why] : ctx.skipped()) out.left_out.emplace_back(p.feature_id.value_or(p.label), why);
  // costs[d * origins + o]: seconds from terminal o to destination d.
  std::vector<double> costs;
  bool fallback = !spec.seconds;
  if (spec.seconds) {
    costs.resize(destinations.size() * origins.size());
    for (std::size_t d = 0; d < destinations.size(); ++d) {
      for (std::size_t o = 0; o < origins.size(); ++o) {
        const auto& to = ctx.place(destinations[d]).place;
        costs[d * origins.size() + o] = spec.seconds(out.terminals[o].id, to.feature_id.value_or(to.label));
        fallback = fallback || std::isnan(costs[d * origins.size() + o]);
      }
    }
  }
  if (fallback) {  // the network's own times, for every pair or the ones `seconds` does not know
    ctx.build(spec.net.lanes);
    const auto network = siting::network_costs(ctx, destinations, origins, routing::Metric::time, siting::kUnreachable, progress);
    if (costs.empty()) costs = network;
    for (std::size_t k = 0; k < costs.size(); ++k) if (std::isnan(costs[k])) costs[k] = network[k];
  }
  auto& m = out.matrix;
  m.name = spec.name, m.vehicle_class = ctx.profile().name, m.period = spec.period, m.source = "port throughput";
  for (std::size_t o = 0; o < origins.size(); ++o) {
    double sum = 0;
    std::vector<double> w(destinations.size(), 0.0);
    for (std::size_t d = 0; d < destinations.size(); ++d) {
      const double c = costs[d * origins.size() + o];
      if (std::isfinite(c)) w[d] = pull[d] * std::exp(-beta * c / 60), sum += w[d];
    }
    if (!(sum > 0)) {
      out.left_out.emplace_back(out.terminals[o].id, "no destination reachable by road");
      continue;
    }
    const auto& from = out.terminals[o].id;
    for (std::size_t d = 0; d < destinations.size(); ++d) {
      if (w[d] <= 0) continue;
      const auto& p = ctx.place(destinations[d]).place;
      const std::string to = p.feature_id.value_or(p.label);
      const double trips = production[o] / 2 * w[d] / sum;
      m.trips.push_back({from, to, trips});
      m.trips.push_back({to, from, trips});
    }
  }
  m.params = {{"factors", {{"teu_per_truck", f.teu_per_truck}, {"tonnes_per_truck", f.tonnes_per_truck},
                           {"working_days", f.working_days}, {"peak_hour_share", f.peak_hour_share},
                           {"empty_trip_share", f.empty_trip_share}, {"rail_share", f.rail_share},
                           {"barge_share", f.barge_share}}},
              {"beta_per_minute", beta}, {"ports", spec.ports}, {"destinations", spec.destinations},
              {"attraction", spec.attraction}, {"throughput", spec.throughput}, {"period", spec.period},
              {"network", ctx.info().name}, {"network_version", ctx.info().id}};
  if (spec.net.scenario) m.params["scenario"] = *spec.net.scenario;
  return out;
}

}  // namespace logiplan::flows

namespace logiplan::flows {

PortDemandSpec port_spec_of(const DemandMatrix& m) {
  if (m.source != "port throughput" || !m.params.contains("ports")) {
    throw UsageError(fmt::format("demand '{}' for {} was imported ({}), not generated from port throughput: only a generated "
                                 "demand can be distributed again on congested times",
                                 m.name, m.vehicle_class, m.source.empty() ? "no source" : m.source));
  }
  PortDemandSpec s;
  s.name = m.name, s.period = m.period, s.net.profile = m.vehicle_class;
  s.ports = m.params.at("ports").get<std::vector<std::string>>();
  s.destinations = m.params.at("destinations").get<std::vector<std::string>>();
  s.attraction = m.params.value("attraction", std::vector<std::string>{"1"});
  s.throughput = m.params.value("throughput", std::map<std::string, double>{});
  if (m.params.contains("beta_per_minute")) s.beta_per_minute = m.params.at("beta_per_minute").get<double>();
  return s;
}

}  // namespace logiplan::flows
