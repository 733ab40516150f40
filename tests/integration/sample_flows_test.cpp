// Freight flows on the sample: port truck generation checked by hand from the
// factors of networks/flows.json, the gravity split against route times
// computed separately, and the assignment's link volumes against the trips
// each zone sends (flow conservation) and its capacity.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"
#include "flows/assignment_study.hpp"
#include "flows/demand_store.hpp"
#include "flows/port_demand.hpp"
#include "flows/run_volumes.hpp"
#include "network/network_store.hpp"
#include "routing/lane_audit.hpp"
#include "routing/route.hpp"
#include "sample/haiphong_sample.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using namespace logiplan::flows;

namespace {
struct SampleFlows : ::testing::Test {
  test::TempDir dir;
  project::Project project = project::Project::create(dir / "hp.sqlite");
  FlowSettings settings = FlowSettings::load();
  void SetUp() override {
    sample::load_haiphong_sample(project);
    sample::build_haiphong_network(project);
  }
};
}  // namespace

TEST_F(SampleFlows, TerminalTripsFromThroughputByHand) {
  PortDemandSpec spec;
  spec.ports = {"lach-huyen-berths-1-2", "chua-ve-terminal"};
  spec.destinations = {"nam-dinh-vu-logistics-centre", "dinh-vu-ip"};
  spec.period = "peak_hour";
  const auto d = generate_port_demand(project, spec, settings);
  ASSERT_EQ(d.terminals.size(), 2u);
  // 1.1 M TEU/yr ÷ 1.6 TEU a truck × (1 − 0.01 rail − 0.10 barge) ÷ 350 days × 1.6 (empties) × 0.10 (peak hour).
  EXPECT_NEAR(d.terminals[0].trips, 1.1e6 / 1.6 * 0.89 / 350 * 1.6 * 0.10, 1e-9);
  // 8.48 Mt/yr ÷ 25 t a truck, the same shares.
  EXPECT_NEAR(d.terminals[1].trips, 8.48e6 / 25 * 0.89 / 350 * 1.6 * 0.10, 1e-9);
  // Half leaves each terminal, half arrives; the matrix holds them all.
  EXPECT_NEAR(d.matrix.total(), d.terminals[0].trips + d.terminals[1].trips, 1e-9);
}

// The split between two destinations of equal attraction is exp(-beta (t1 - t2)),
// t from the router (a second method: one route each).
TEST_F(SampleFlows, GravitySplitFollowsRouteTimes) {
  PortDemandSpec spec;
  spec.ports = {"lach-huyen-berths-1-2"};
  spec.destinations = {"nam-dinh-vu-logistics-centre", "dinh-vu-ip"};
  spec.beta_per_minute = 0.05;
  const auto d = generate_port_demand(project, spec, settings);
  std::map<std::string, double> to;
  for (const auto& t : d.matrix.trips) if (t.origin == "lach-huyen-berths-1-2") to[t.destination] = t.trips;
  ASSERT_EQ(to.size(), 2u);
  routing::AnalysisContext ctx(project, "main", "container_truck");
  ctx.add_places(routing::resolve_places(project.db(), std::vector<std::string>{"lach-huyen-berths-1-2",
                                                                                "nam-dinh-vu-logistics-centre", "dinh-vu-ip"}));
  ctx.build();
  const double t1 = routing::routes(ctx, 0, 1, routing::Metric::time)[0].time_s / 60;
  const double t2 = routing::routes(ctx, 0, 2, routing::Metric::time)[0].time_s / 60;
  EXPECT_NEAR(to["nam-dinh-vu-logistics-centre"] / to["dinh-vu-ip"], std::exp(-0.05 * (t1 - t2)), 1e-6);
}

TEST_F(SampleFlows, AssignmentConservesTripsAndReportsVolumeOverCapacity) {
  DemandMatrix m;
  m.name = "test", m.vehicle_class = "container_truck", m.period = "peak_hour", m.source = "test";
  m.trips = {{"lach-huyen-berths-1-2", "nam-dinh-vu-logistics-centre", 300}, {"dinh-vu-port", "dinh-vu-ip", 100}};
  save_demand(project.db(), m, false);
  DemandMatrix bikes = m;
  bikes.vehicle_class = "motorbike";
  bikes.trips = {{"dinh-vu-ip", "dinh-vu-port", 1000}};
  save_demand(project.db(), bikes, false);
  AssignmentStudy study;
  study.demand = "test";
  const auto o = run_assignment_study(project, study);
  ASSERT_TRUE(o.result.converged);
  ASSERT_EQ(o.classes.size(), 2u);
  EXPECT_EQ(o.classes[0].pcu, 4.0);   // TCVN 4054:2005: a tractor-trailer
  EXPECT_EQ(o.classes[1].pcu, 0.3);   // a motorbike
  // What leaves each zone by its connector is what it sends, in PCU.
  const auto& ln = o.linked;
  std::map<std::string, double> sent{{"lach-huyen-berths-1-2", 300 * 4.0}, {"dinh-vu-port", 100 * 4.0},
                                     {"dinh-vu-ip", 1000 * 0.3}};
  for (std::size_t a = 0; a < ln.links.size(); ++a) {
    if (ln.kind[a] != LinkKind::connector || !ln.forward[a]) continue;  // zone → road connectors only
    const auto& zone = ln.zones[static_cast<std::size_t>(ln.links.from[a])].id;
    EXPECT_NEAR(o.result.volume[a], sent.count(zone) ? sent[zone] : 0.0, 1e-6) << zone;
  }
  // Motorbikes never on a link their profile refuses.
  const auto bikes_allowed = ln.allowed(o.net, routing::Profile::load("motorbike"));
  for (std::size_t a = 0; a < ln.links.size(); ++a) if (!bikes_allowed[a]) EXPECT_EQ(o.result.class_volume[1][a], 0);
  // The layer's V/C is volume ÷ capacity.
  const auto layer = o.layer();
  EXPECT_FALSE(layer.features.empty());
  const auto field = [&](const std::string& name) {
    for (std::size_t k = 0; k < layer.fields.size(); ++k) if (layer.fields[k].first == name) return k;
    return SIZE_MAX;
  };
  for (const auto& [values, geometry] : layer.features) {
    const auto& pcu = values[field("pcu_ab")];
    if (!std::holds_alternative<double>(pcu)) continue;
    EXPECT_NEAR(std::get<double>(values[field("vc_ab")]), std::get<double>(pcu) / std::get<double>(values[field("cap_ab")]), 1e-12);
  }
}

TEST_F(SampleFlows, BadDemand) {
  EXPECT_THROW(load_demand(project.db(), "none"), DataError);
  test::write_file(dir / "od.csv", "origin,destination,trips\nlach-huyen-port,dinh-vu-ip,ten\n");
  try {
    read_od_table((dir / "od.csv").string());
    ADD_FAILURE();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("od.csv: row 2: trips 'ten' is not a non-negative number"), std::string::npos) << e.what();
  }
  test::write_file(dir / "od.csv", "origin,destination,trips\na,b,1\na,b,2\n");
  EXPECT_THROW(read_od_table((dir / "od.csv").string()), DataError);
  EXPECT_THROW(settings.pcu_of("tank"), UsageError);
}

// The upgrade list weighed by traffic: each mixed segment carries the container
// trucks and motorbikes the stored run put on its edge (checked against the
// assignment in memory), and the list runs from the most conflict down.
TEST_F(SampleFlows, LaneAuditRankedByTrucksTimesMotorbikes) {
  DemandMatrix trucks;
  trucks.name = "peak", trucks.vehicle_class = "container_truck", trucks.period = "peak_hour", trucks.source = "test";
  trucks.trips = {{"lach-huyen-berths-1-2", "nam-dinh-vu-logistics-centre", 300}, {"dinh-vu-port", "dinh-vu-ip", 120}};
  save_demand(project.db(), trucks, false);
  DemandMatrix bikes = trucks;
  bikes.vehicle_class = "motorbike";
  bikes.trips = {{"dinh-vu-ip", "dinh-vu-port", 1500}, {"nam-dinh-vu-logistics-centre", "dinh-vu-ip", 800}};
  save_demand(project.db(), bikes, false);
  AssignmentStudy study;
  study.demand = "peak";
  const auto o = run_assignment_study(project, study);
  const auto run = store_assignment_run(project.db(), study, o);
  const auto v = load_run_volumes(project.db(), run);
  EXPECT_EQ(v.classes, (std::set<std::string>{"container_truck", "motorbike"}));
  auto audit = routing::lane_audit(project, {});
  ASSERT_FALSE(audit.segments.empty());
  rank_audit_by_volumes(audit, v);
  for (std::size_t k = 0; k < audit.segments.size(); ++k) {
    const auto& s = audit.segments[k];
    double t = 0, m = 0;
    for (std::size_t a = 0; a < o.linked.links.size(); ++a) {
      if (o.linked.edge[a] != s.edge) continue;
      t += o.result.class_volume[0][a] / o.classes[0].pcu;
      m += o.result.class_volume[1][a] / o.classes[1].pcu;
    }
    EXPECT_NEAR(*s.container_trucks, t, 1e-6) << s.name;
    EXPECT_NEAR(*s.motorbikes, m, 1e-6) << s.name;
    if (k > 0) EXPECT_LE(s.conflict(), audit.segments[k - 1].conflict());
  }
  EXPECT_GT(audit.segments.front().conflict(), 0);
  // A run without motorbikes cannot rank by the conflict.
  RunVolumes only_trucks = v;
  only_trucks.classes = {"container_truck"};
  EXPECT_THROW(rank_audit_by_volumes(audit, only_trucks), DataError);
}

// The feedback loop: the gravity model redistributes on the congested skim, so
// each terminal still sends and receives what its throughput gives (the
// distribution moves, the productions do not), and the change is reported per round.
TEST_F(SampleFlows, FeedbackKeepsEachTerminalsTripsAndMovesTheDistribution) {
  PortDemandSpec spec;
  spec.period = "peak_hour";
  const auto d = generate_port_demand(project, spec, settings);
  save_demand(project.db(), d.matrix, true);
  AssignmentStudy study;
  study.demand = spec.name;
  study.feedback = 2;
  study.net.max_snap_m = 5000;  // every place a zone: no trips dropped on either side
  const auto o = run_assignment_study(project, study);
  ASSERT_EQ(o.feedback.size(), 2u);
  EXPECT_GT(o.feedback[0].demand_change, 0);  // the bridge is over capacity: congested times differ from free flow
  AssignmentStudy plain;
  plain.demand = spec.name;
  plain.net.max_snap_m = 5000;
  const auto before = run_assignment_study(project, plain);
  std::set<std::string> terminals;
  for (const auto& t : d.terminals) terminals.insert(t.id);
  // Per terminal (zone): trips sent, vehicles, before and after the loop.
  const auto& ln = o.linked;
  for (std::size_t z = 0; z < ln.zones.size(); ++z) {
    double sent = 0, sent_before = 0;
    for (int b = 0; b < static_cast<int>(ln.zones.size()); ++b) {
      sent += o.demand[0].trips.at(static_cast<int>(z), b);
      sent_before += before.demand[0].trips.at(static_cast<int>(z), b);
    }
    if (terminals.count(ln.zones[z].id)) {
      EXPECT_NEAR(sent, sent_before, 1e-9 * std::max(1.0, sent_before)) << ln.zones[z].id;
    }
  }
  EXPECT_NEAR(o.classes[0].trips, before.classes[0].trips, 1e-6 * before.classes[0].trips);
  // An imported demand has no distribution to redo.
  DemandMatrix m;
  m.name = "imported", m.vehicle_class = "container_truck", m.period = "peak_hour", m.source = "od.csv";
  m.trips = {{"dinh-vu-port", "dinh-vu-ip", 10}};
  save_demand(project.db(), m, false);
  study.demand = "imported";
  try {
    run_assignment_study(project, study);
    ADD_FAILURE();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("was imported (od.csv), not generated"), std::string::npos) << e.what();
  }
}

// Select-link on the Tân Vũ – Lạch Huyện bridge: the pairs through it add up to
// its volume, each at most its pair's trips, and the select_link_flows layer
// carries all of it on the bridge itself.
TEST_F(SampleFlows, SelectLinkOnTheBridgeAddsUpToItsVolume) {
  PortDemandSpec spec;
  spec.period = "peak_hour";
  save_demand(project.db(), generate_port_demand(project, spec, settings).matrix, true);
  AssignmentStudy study;
  study.demand = spec.name;
  const auto net = network::load_network(project.db(), "main");
  std::int64_t bridge = -1;
  for (std::size_t e = 0; e < net.edges.size(); ++e) if (net.edges[e].bridge && net.edges[e].name.find("Tân Vũ") != std::string::npos) bridge = static_cast<std::int64_t>(e);
  ASSERT_GE(bridge, 0);
  study.select_links = {std::to_string(bridge) + ":ab", std::to_string(bridge)};
  const auto o = run_assignment_study(project, study);
  ASSERT_EQ(o.selected.size(), 2u);
  double ab = 0, both = 0;
  for (std::size_t a = 0; a < o.linked.links.size(); ++a) {
    if (o.linked.edge[a] != bridge) continue;
    both += o.result.volume[a];
    if (o.linked.forward[a]) ab += o.result.volume[a];
  }
  ASSERT_GT(ab, 0);
  const auto summary = o.select_link_summary(1000);
  EXPECT_NEAR(summary[0]["pcu"].get<double>(), ab, 1e-6);
  EXPECT_NEAR(summary[1]["pcu"].get<double>(), both, 1e-6);
  const auto layers = o.select_link_layers();
  ASSERT_EQ(layers.size(), 2u);
  std::map<std::string, double> through;
  for (const auto& [values, geometry] : layers[0].features) {
    through[std::get<std::string>(values[0])] += std::get<double>(values[8]);  // pcu
    EXPECT_LE(std::get<double>(values[9]), 1 + 1e-9);                         // pair_share
  }
  EXPECT_NEAR(through[std::to_string(bridge) + ":ab"], ab, 1e-6 * ab);
  EXPECT_NEAR(through[std::to_string(bridge)], both, 1e-6 * both);
  for (const auto& [values, geometry] : layers[1].features) {
    if (std::get<std::int64_t>(values[1]) == bridge && std::get<std::string>(values[0]) == std::to_string(bridge)) {
      EXPECT_NEAR(std::get<double>(values[3]) + std::get<double>(values[4]), both, 1e-6 * both);
    }
  }
  study.select_links = {"999999"};
  EXPECT_THROW(run_assignment_study(project, study), UsageError);
  study.select_links = {std::to_string(bridge) + ":up"};
  EXPECT_THROW(run_assignment_study(project, study), UsageError);
}

// Siting on congested times: the run's slowdown per edge divides its speed, so
// every route takes at least as long as at free flow, and the bridge (over
// capacity) takes longer by its BPR factor.
TEST_F(SampleFlows, CongestedTimesOfARunSlowTheNetwork) {
  PortDemandSpec spec;
  spec.period = "peak_hour";
  save_demand(project.db(), generate_port_demand(project, spec, settings).matrix, true);
  AssignmentStudy study;
  study.demand = spec.name;
  const auto o = run_assignment_study(project, study);
  const auto run = store_assignment_run(project.db(), study, o);
  const auto v = load_run_volumes(project.db(), run);
  auto info = *network::find_network(project.db(), "main");
  auto free = network::load_network(project.db(), "main"), congested = free;
  apply_congestion(v, info, std::nullopt, congested);
  bool slower = false;
  for (std::size_t a = 0; a < o.linked.links.size(); ++a) {
    if (o.linked.edge[a] < 0) continue;
    const auto e = static_cast<std::size_t>(o.linked.edge[a]);
    const bool fwd = o.linked.forward[a];
    const double t_free = free.edges[e].time_s(fwd), t_congested = congested.edges[e].time_s(fwd);
    EXPECT_NEAR(t_congested / t_free, o.result.cost[a] / o.linked.links.free_time[a], 1e-6) << free.edges[e].name;
    slower = slower || t_congested > t_free * 1.01;
  }
  EXPECT_TRUE(slower);
  EXPECT_THROW(apply_congestion(v, info, std::string("port-lanes-2030"), congested), DataError);
  info.id += 1;
  EXPECT_THROW(apply_congestion(v, info, std::nullopt, congested), DataError);
}
