#pragma once
// Static user-equilibrium assignment of one class of trips on links with BPR
// volume-delay functions: all-or-nothing, the method of successive averages,
// Frank-Wolfe, conjugate and bi-conjugate Frank-Wolfe (Mitradjieva & Lindberg
// 2013, as AequilibraE does), run to a relative gap
//   (sum of link volume × cost − sum of trips × shortest path cost) / (sum of volume × cost).
// Shortest paths: one Dijkstra tree per origin zone, the origins spread over
// the cores; paths never pass through a zone centroid (first_thru_node).
#include <functional>
#include <string>
#include <vector>

#include "flows/od_matrix.hpp"
#include "flows/road_links.hpp"

namespace logiplan::flows {

enum class Algorithm { aon, incremental, msa, fw, cfw, bfw };
Algorithm parse_algorithm(const std::string& name);  // UsageError naming the choices
std::string_view algorithm_name(Algorithm a);

struct AssignmentOptions {
  Algorithm algorithm = Algorithm::bfw;
  double gap = 1e-4;
  int max_iterations = 500;
  int increments = 4;  // incremental: the demand loaded in this many equal parts, each on the costs so far
  unsigned threads = 0;  // 0: every core
  std::vector<std::size_t> select_links;  // links whose users are traced (select-link analysis)
  bool drop_unreachable = false;          // leave out pairs with no path (listed), rather than fail
};

struct UnreachedPair {
  int origin = 0, destination = 0;
  double trips = 0;  // in PCU
};

struct IterationReport {
  int iteration = 0;
  double gap = 0;        // relative gap before this iteration's step
  double objective = 0;  // Beckmann's, of the flows it was measured on
  double step = 0;       // the step taken (1 for the first, all-or-nothing)
  double seconds = 0;    // since the start
};

// One class of vehicles: its trips in passenger-car units (vehicles × PCU),
// and the links it may use (empty: all). Every class sees the same link cost,
// set by the total PCU volume, so the assignment minimises one potential and
// the line search stays exact.
struct ClassDemand {
  std::string name = "all";
  OdMatrix trips;
  double pcu = 1.0;           // to report vehicles: volume / pcu
  std::vector<char> allowed;  // per link
};

// Select-link: the trips whose paths use a chosen link, per OD pair, and where
// else they go. Built from the same convex combination of all-or-nothing
// solutions as the link volumes, so the OD block through a link sums to its
// volume (per class, in PCU).
struct SelectLink {
  std::size_t link = 0;
  std::vector<OdMatrix> od;                 // per class: PCU trips of each pair through the link
  std::vector<std::vector<double>> volume;  // per class, per link: the PCU volume of those trips
};

struct AssignmentResult {
  std::vector<double> volume, cost;  // per link: total PCU volume, cost at it
  std::vector<std::vector<double>> class_volume;  // per class, per link, in PCU
  std::vector<IterationReport> iterations;
  std::vector<SelectLink> select;  // per options.select_links
  std::vector<std::vector<UnreachedPair>> unreached;  // per class, with drop_unreachable
  double gap = 0;
  double objective = 0;
  bool converged = false;
  double seconds = 0;
};

// DataError naming an origin–destination pair (and the class) with trips but no
// path, unless options.drop_unreachable.
AssignmentResult assign(const RoadLinks& links, const std::vector<ClassDemand>& classes,
                        const AssignmentOptions& options = {}, const std::function<void(const IterationReport&)>& each = {});
// One class on every link.
AssignmentResult assign(const RoadLinks& links, const OdMatrix& trips, const AssignmentOptions& options = {},
                        const std::function<void(const IterationReport&)>& each = {});

// The all-or-nothing volumes at `cost` and the total trips × shortest path cost.
struct AllOrNothing {
  std::vector<double> volume;
  double shortest_total = 0;
};
AllOrNothing all_or_nothing(const RoadLinks& links, const OdMatrix& trips, const std::vector<double>& cost, unsigned threads = 0);

}  // namespace logiplan::flows
