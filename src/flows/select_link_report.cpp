// The select-link and skim outputs of an assignment: who uses a chosen road and
// where else they drive; zone-to-zone times at the equilibrium and at free flow.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "flows/assignment_study.hpp"
#include "flows/skim.hpp"
#include "text/fold.hpp"

namespace logiplan::flows {

namespace {

struct PairThrough {
  std::size_t cls;
  int origin, destination;
  double pcu;
};

// Per selected edge: its PCU volume, the pairs through it (largest first), and
// the selected trips' PCU on every link (summed over the classes).
struct EdgeTrace {
  double volume = 0;
  std::vector<PairThrough> pairs;
  std::vector<double> link_pcu;
};

EdgeTrace trace(const AssignmentOutcome& o, const SelectedEdge& s) {
  EdgeTrace t;
  const auto m = o.linked.links.size();
  t.link_pcu.assign(m, 0.0);
  for (const auto a : s.links) t.volume += o.result.volume[a];
  for (std::size_t c = 0; c < o.classes.size(); ++c) {
    const int z = o.demand[c].trips.zones;
    for (int a = 0; a < z; ++a) {
      for (int b = 0; b < z; ++b) {
        double through = 0;
        for (const auto k : s.results) through += o.result.select[k].od[c].at(a, b);
        if (through > 1e-9) t.pairs.push_back({c, a, b, through});
      }
    }
    for (const auto k : s.results) for (std::size_t l = 0; l < m; ++l) t.link_pcu[l] += o.result.select[k].volume[c][l];
  }
  std::sort(t.pairs.begin(), t.pairs.end(), [](const auto& x, const auto& y) { return x.pcu > y.pcu; });
  return t;
}

std::string edge_label(const network::Edge& e) { return e.name.empty() ? e.road_class : e.name; }

gdal::GeometryPtr desire_line(const Zone& a, const Zone& b) { return routing::line_geometry({a.at, b.at}); }

}  // namespace

std::vector<routing::ResultLayer> AssignmentOutcome::select_link_layers() const {
  if (selected.empty()) return {};
  routing::ResultLayer pairs, flows;
  pairs.name = "select_link_pairs";
  pairs.fields = {{"select", OFTString},      {"edge", OFTInteger64},       {"class", OFTString},
                  {"origin", OFTString},      {"origin_name", OFTString},   {"destination", OFTString},
                  {"destination_name", OFTString}, {"vehicles", OFTReal},   {"pcu", OFTReal},
                  {"pair_share", OFTReal},    {"link_share", OFTReal}};
  flows.name = "select_link_flows";
  flows.fields = {{"select", OFTString}, {"edge", OFTInteger64}, {"name", OFTString}, {"pcu_ab", OFTReal},
                  {"pcu_ba", OFTReal},   {"share_max", OFTReal}};
  for (const auto& s : selected) {
    const auto t = trace(*this, s);
    for (const auto& p : t.pairs) {
      const auto& a = linked.zones[static_cast<std::size_t>(p.origin)];
      const auto& b = linked.zones[static_cast<std::size_t>(p.destination)];
      const double pair = demand[p.cls].trips.at(p.origin, p.destination);
      pairs.add({s.spec, s.edge, classes[p.cls].profile, a.id, a.name, b.id, b.name, p.pcu / classes[p.cls].pcu, p.pcu,
                 pair > 0 ? p.pcu / pair : 0.0, t.volume > 0 ? p.pcu / t.volume : 0.0},
                desire_line(a, b));
    }
    std::map<std::int64_t, std::pair<double, double>> by_edge, share;
    for (std::size_t l = 0; l < linked.links.size(); ++l) {
      if (linked.edge[l] < 0 || t.link_pcu[l] <= 1e-9) continue;
      auto& v = by_edge[linked.edge[l]];
      (linked.forward[l] ? v.first : v.second) += t.link_pcu[l];
      auto& sh = share[linked.edge[l]];
      const double r = result.volume[l] > 0 ? t.link_pcu[l] / result.volume[l] : 0;
      sh.first = std::max(sh.first, r);
    }
    for (const auto& [e, v] : by_edge) {
      const auto& edge = net.edges[static_cast<std::size_t>(e)];
      flows.add({s.spec, e, edge.name, v.first, v.second, share[e].first}, routing::line_geometry(edge.geometry));
    }
  }
  std::vector<routing::ResultLayer> out;
  out.push_back(std::move(pairs));
  out.push_back(std::move(flows));
  return out;
}

nlohmann::json AssignmentOutcome::select_link_summary(std::size_t top) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : selected) {
    const auto t = trace(*this, s);
    nlohmann::json pairs = nlohmann::json::array();
    for (std::size_t k = 0; k < t.pairs.size() && k < top; ++k) {
      const auto& p = t.pairs[k];
      const double pair = demand[p.cls].trips.at(p.origin, p.destination);
      pairs.push_back({{"class", classes[p.cls].profile}, {"origin", linked.zones[static_cast<std::size_t>(p.origin)].id},
                       {"destination", linked.zones[static_cast<std::size_t>(p.destination)].id},
                       {"vehicles", p.pcu / classes[p.cls].pcu}, {"pcu", p.pcu}, {"pair_share", pair > 0 ? p.pcu / pair : 0.0}});
    }
    const auto& e = net.edges[static_cast<std::size_t>(s.edge)];
    out.push_back({{"select", s.spec}, {"edge", s.edge}, {"name", e.name}, {"pcu", t.volume}, {"pairs_using_it", t.pairs.size()},
                   {"top_pairs", pairs}});
  }
  return out;
}

std::string AssignmentOutcome::select_link_text(std::size_t top) const {
  std::string out;
  for (const auto& s : selected) {
    const auto t = trace(*this, s);
    out += fmt::format("select link {} ({}): {:.1f} PCU from {} OD pairs\n", s.spec,
                       text::truncate(edge_label(net.edges[static_cast<std::size_t>(s.edge)]), 40), t.volume, t.pairs.size());
    out += fmt::format("  {:<28} {:<28} {:<16} {:>9} {:>7} {:>7}\n", "from", "to", "class", "vehicles", "% link", "% pair");
    for (std::size_t k = 0; k < t.pairs.size() && k < top; ++k) {
      const auto& p = t.pairs[k];
      const auto& a = linked.zones[static_cast<std::size_t>(p.origin)];
      const auto& b = linked.zones[static_cast<std::size_t>(p.destination)];
      const double pair = demand[p.cls].trips.at(p.origin, p.destination);
      out += fmt::format("  {:<28} {:<28} {:<16} {:>9.1f} {:>7.1f} {:>7.1f}\n", text::truncate(a.name, 28),
                         text::truncate(b.name, 28), classes[p.cls].profile, p.pcu / classes[p.cls].pcu,
                         t.volume > 0 ? 100 * p.pcu / t.volume : 0.0, pair > 0 ? 100 * p.pcu / pair : 0.0);
    }
  }
  return out;
}

routing::ResultLayer AssignmentOutcome::skim_layer() const {
  routing::ResultLayer layer;
  layer.name = "assignment_skim";
  layer.fields = {{"origin", OFTString}, {"destination", OFTString}, {"class", OFTString},
                  {"minutes", OFTReal},  {"km", OFTReal},          {"free_minutes", OFTReal}};
  const auto& l = linked.links;
  std::vector<double> free(l.size());
  for (std::size_t a = 0; a < l.size(); ++a) free[a] = l.cost(a, 0);
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const auto loaded = skim(l, result.cost, demand[c].allowed), empty = skim(l, free, demand[c].allowed);
    for (int a = 0; a < l.zones; ++a) {
      for (int b = 0; b < l.zones; ++b) {
        if (a == b || !std::isfinite(loaded.minutes.at(a, b))) continue;
        const auto& za = linked.zones[static_cast<std::size_t>(a)];
        const auto& zb = linked.zones[static_cast<std::size_t>(b)];
        layer.add({za.id, zb.id, classes[c].profile, loaded.minutes.at(a, b), loaded.km.at(a, b), empty.minutes.at(a, b)},
                  desire_line(za, zb));
      }
    }
  }
  return layer;
}

}  // namespace logiplan::flows
