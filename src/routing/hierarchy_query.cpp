// Queries on a contraction hierarchy: bidirectional upward searches for one
// pair, buckets for many-to-many (Knopp et al. 2007), both with
// stall-on-demand (a state reached dearer than a higher state's move into it
// allows is not expanded: no shortest path goes through it from this side).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <queue>

#include "core/error.hpp"
#include "routing/hierarchy.hpp"
#include "routing/parallel_for.hpp"

namespace logiplan::routing {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

PathCost arc_cost(const BaseGraph& g, std::uint32_t a, Metric metric) {
  const auto& arc = g.arcs[a];
  return {metric == Metric::time ? arc.cost_time : arc.cost_length, arc.time_s, arc.length_m};
}

PathCost scaled(const PathCost& c, double f) { return {c.cost * f, c.time_s * f, c.length_m * f}; }

// The path that stays on one arc: from a place on it to a place further along.
std::optional<PathCost> on_same_arc(const BaseGraph& g, Metric metric, const Endpoint& from, const Endpoint& to) {
  std::optional<PathCost> best;
  if (from.node >= 0 ? from.node == to.node
                     : from.edge == to.edge && to.node < 0 && std::abs(from.fraction - to.fraction) < 1e-12) {
    return PathCost{};
  }
  for (const auto& [a, p] : from.on_arcs) {
    for (const auto& [b, q] : to.on_arcs) {
      if (a != b || q < p) continue;
      const auto c = scaled(arc_cost(g, a, metric), q - p);
      if (!best || c.cost < best->cost) best = c;
    }
  }
  return best;
}

// One upward search (forward over up moves, backward over down moves) with its
// labels kept in arrays the size of the graph, reset through the list of states
// it reached, so one workspace serves many searches.
class UpwardSearch {
 public:
  // A state's label is read only after its "reached" bit says it was written,
  // so the label arrays need no initial values. On a national hierarchy (tens of
  // millions of states, of which one route touches a few thousand) they are left
  // untouched, to be paged in as searches reach them; on a city's they are
  // written whole when a workspace starts its second search, so that the many
  // searches it then serves (a matrix, `serve`) do not each pay page faults on
  // pages they reach first, while a process that routes once (`route`) does not
  // write 20 MB for one search (a sixth of its time on Porto).
  UpwardSearch(const Hierarchy& h, bool forward)
      : h_(&h),
        forward_(forward),
        size_(h.state_count()),
        label_(new Label[size_]),
        parent_(new Parent[size_]),
        reached_bits_((size_ + 63) / 64, 0) {}
  void start(const Hierarchy& h, const std::vector<Seed>& seeds) {
    if (++starts_ == 2 && size_ < kTouchBelow) {
      std::memset(static_cast<void*>(label_.get()), 0, size_ * sizeof(Label));
      std::memset(static_cast<void*>(parent_.get()), 0, size_ * sizeof(Parent));
    }
    h_ = &h;
    for (auto s : reached_) reached_bits_[s >> 6] &= ~(std::uint64_t{1} << (s & 63));
    reached_.clear();
    heap_.clear();
    for (const auto& seed : seeds) reach(seed.state, seed.at, kNoMiddle, nullptr);
  }
  bool done() const { return heap_.empty(); }
  bool serves(const Hierarchy& h) const { return h.state_count() == size_; }
  double min_key() const { return heap_.empty() ? kInf : heap_.front().first; }
  // Settles the next state; returns it, or nothing when it was stale or stalled.
  std::optional<std::uint32_t> step() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const auto [d, s] = heap_.back();
    heap_.pop_back();
    if (d > label_[s].cost) return std::nullopt;
    if (stalled(s, d)) return std::nullopt;
    const auto here = label(s);
    for (const auto& e : forward_ ? h_->up_of(s) : h_->down_of(s)) reach(e.other, here + e.cost, s, &e);
    return s;
  }
  PathCost label(std::uint32_t s) const { return {label_[s].cost, label_[s].time_s, label_[s].length_m}; }
  bool reached(std::uint32_t s) const { return reached_bits_[s >> 6] >> (s & 63) & 1; }
  // The edge that last improved s: (predecessor state, edge), or none for a seed.
  std::pair<std::uint32_t, const HierarchyEdge*> parent(std::uint32_t s) const { return {parent_[s].from, parent_[s].edge}; }

 private:
  static constexpr std::size_t kTouchBelow = std::size_t{4} << 20;  // states
  struct Label {  // PathCost without its initialisers, so that the array is not written at allocation
    double cost, time_s, length_m;
  };
  struct Parent {
    std::uint32_t from;
    const HierarchyEdge* edge;
  };
  void reach(std::uint32_t s, const PathCost& c, std::uint32_t from, const HierarchyEdge* e) {
    if (reached(s)) {
      if (c.cost >= label_[s].cost) return;
    } else {
      reached_bits_[s >> 6] |= std::uint64_t{1} << (s & 63);
      reached_.push_back(s);
    }
    label_[s] = {c.cost, c.time_s, c.length_m};
    parent_[s] = {from, e};
    heap_.emplace_back(c.cost, s);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  // Moves into s from higher states, in this search's direction: down moves
  // for a forward search, up moves for a backward one.
  bool stalled(std::uint32_t s, double d) const {
    for (const auto& e : forward_ ? h_->down_of(s) : h_->up_of(s)) {
      if (reached(e.other) && label_[e.other].cost + e.cost.cost < d) return true;
    }
    return false;
  }
  const Hierarchy* h_;
  bool forward_;
  std::size_t size_;
  std::size_t starts_ = 0;  // searches started
  std::unique_ptr<Label[]> label_;
  std::unique_ptr<Parent[]> parent_;
  std::vector<std::uint64_t> reached_bits_;
  std::vector<std::uint32_t> reached_;
  using Entry = std::pair<double, std::uint32_t>;
  std::vector<Entry> heap_;  // a binary heap (std::push_heap), kept between searches
};

// Appends the base states of move from -> to (exclusive of `from`).
void unpack(const Hierarchy& h, std::uint32_t from, const HierarchyEdge& e, std::uint32_t to, std::vector<std::uint32_t>& out) {
  if (e.middle == kNoMiddle) {
    out.push_back(to);
    return;
  }
  const auto m = e.middle;
  // from -> m is a down move of m (m ranks below both); m -> to an up move of m.
  const HierarchyEdge* first = nullptr;
  for (const auto& d : h.down_of(m)) {
    if (d.other == from && (!first || d.cost.cost < first->cost.cost)) first = &d;
  }
  const HierarchyEdge* second = nullptr;
  for (const auto& u : h.up_of(m)) {
    if (u.other == to && (!second || u.cost.cost < second->cost.cost)) second = &u;
  }
  if (!first || !second) throw std::logic_error("hierarchy: a shortcut's halves are missing");
  unpack(h, from, *first, m, out);
  unpack(h, m, *second, to, out);
}

}  // namespace

Endpoint place_endpoint(const BaseGraph& g, const network::Network& net, std::int64_t edge, double fraction,
                        Metric metric, bool as_source) {
  const auto& e = net.edges.at(static_cast<std::size_t>(edge));
  const std::size_t A = g.arcs.size(), N = g.nodes.size();
  Endpoint out;
  if (fraction <= 1e-9 || fraction >= 1 - 1e-9) {
    const auto node = static_cast<std::size_t>(fraction <= 1e-9 ? e.from : e.to);
    out.seeds.push_back({static_cast<std::uint32_t>(as_source ? A + N + node : A + node), {}});
    out.node = static_cast<std::int64_t>(node);
    return out;
  }
  out.edge = edge;
  out.fraction = fraction;
  for (const bool forward : {true, false}) {
    const auto tail = static_cast<std::size_t>(forward ? e.from : e.to);
    for (auto i = g.out_offsets[tail]; i < g.out_offsets[tail + 1]; ++i) {
      const auto a = g.out_arcs[i];
      if (g.arcs[a].edge != edge || g.arcs[a].forward != forward) continue;
      const double p = forward ? fraction : 1 - fraction;  // how far along the arc
      const auto c = arc_cost(g, a, metric);
      out.on_arcs.emplace_back(a, p);
      if (as_source) {
        for (auto k = g.offsets[a]; k < g.offsets[a + 1]; ++k) out.seeds.push_back({g.targets[k], scaled(c, 1 - p)});
      } else {
        out.seeds.push_back({a, scaled(c, p)});
      }
    }
  }
  return out;
}

std::optional<PathCost> hierarchy_query(const Hierarchy& h, const BaseGraph& g, const Endpoint& from, const Endpoint& to,
                                        std::vector<std::uint32_t>* states) {
  // Workspaces the size of the graph are kept per thread: allocating them would cost more than the query.
  thread_local std::unique_ptr<UpwardSearch> fwd_space, bwd_space;
  if (!fwd_space || !fwd_space->serves(h)) fwd_space = std::make_unique<UpwardSearch>(h, true);
  if (!bwd_space || !bwd_space->serves(h)) bwd_space = std::make_unique<UpwardSearch>(h, false);
  auto& fwd = *fwd_space;
  auto& bwd = *bwd_space;
  fwd.start(h, from.seeds);
  bwd.start(h, to.seeds);
  std::optional<PathCost> best = on_same_arc(g, h.metric, from, to);
  std::optional<std::uint32_t> meet;
  double best_cost = best ? best->cost : kInf;
  const auto consider = [&](std::uint32_t s) {
    if (!fwd.reached(s) || !bwd.reached(s)) return;
    const auto c = fwd.label(s) + bwd.label(s);
    if (c.cost < best_cost) best_cost = c.cost, best = c, meet = s;
  };
  // Alternate; a side stops once its smallest key cannot improve the best.
  while (true) {
    const bool f_on = !fwd.done() && fwd.min_key() < best_cost, b_on = !bwd.done() && bwd.min_key() < best_cost;
    if (!f_on && !b_on) break;
    if (f_on && (!b_on || fwd.min_key() <= bwd.min_key())) {
      if (auto s = fwd.step()) consider(*s);
    } else if (auto s = bwd.step()) {
      consider(*s);
    }
  }
  if (states) {
    states->clear();
    if (meet) {
      // Forward half: walk back from the meeting state to a seed, then unpack in order.
      std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;  // (from, to)
      auto s = *meet;
      while (fwd.parent(s).second) {
        chain.emplace_back(fwd.parent(s).first, s);
        s = fwd.parent(s).first;
      }
      states->push_back(s);
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) unpack(h, it->first, *fwd.parent(it->second).second, it->second, *states);
      for (auto s = *meet; bwd.parent(s).second;) {  // backward half: s -> its parent towards the target
        const auto [p, e] = bwd.parent(s);
        unpack(h, s, *e, p, *states);
        s = p;
      }
    }
  }
  return best;
}

std::optional<PathCost> hierarchy_query(const Hierarchy& h, const BaseGraph& g, const Endpoint& from, const Endpoint& to) {
  return hierarchy_query(h, g, from, to, nullptr);
}

std::vector<std::optional<PathCost>> hierarchy_matrix(const Hierarchy& h, const BaseGraph& g,
                                                      const std::vector<Endpoint>& sources,
                                                      const std::vector<Endpoint>& targets) {
  struct Entry {
    std::uint32_t state, target;
    PathCost cost;
  };
  const std::size_t threads = worker_count(std::max(sources.size(), targets.size()));
  // Runs work(thread, i, search) for i in [0, n) over the cores, each thread with its own workspace.
  const auto shared_out = [&](std::size_t n, bool forward, const auto& work) {
    parallel_for_with(n, [&](std::size_t) { return UpwardSearch(h, forward); }, work);
  };

  // Backward searches: each target leaves its labels in the buckets of the states it settles.
  std::vector<std::vector<Entry>> per_thread(threads);
  shared_out(targets.size(), false, [&](std::size_t t, std::size_t j, UpwardSearch& search) {
    search.start(h, targets[j].seeds);
    while (!search.done()) {
      if (auto s = search.step()) per_thread[t].push_back({*s, static_cast<std::uint32_t>(j), search.label(*s)});
    }
  });
  std::vector<Entry> buckets;
  for (auto& v : per_thread) {
    buckets.insert(buckets.end(), v.begin(), v.end());
    std::vector<Entry>().swap(v);
  }
  std::sort(buckets.begin(), buckets.end(), [](const Entry& a, const Entry& b) { return a.state < b.state; });
  std::vector<std::uint64_t> first(h.state_count() + 1, 0);
  for (const auto& e : buckets) ++first[e.state + 1];
  for (std::size_t s = 0; s < h.state_count(); ++s) first[s + 1] += first[s];

  std::vector<std::optional<PathCost>> cells(sources.size() * targets.size());
  shared_out(sources.size(), true, [&](std::size_t, std::size_t i, UpwardSearch& search) {
    auto* row = &cells[i * targets.size()];
    for (std::size_t j = 0; j < targets.size(); ++j) row[j] = on_same_arc(g, h.metric, sources[i], targets[j]);
    search.start(h, sources[i].seeds);
    while (!search.done()) {
      const auto s = search.step();
      if (!s) continue;
      const auto& d = search.label(*s);
      for (auto k = first[*s]; k < first[*s + 1]; ++k) {
        const auto& b = buckets[k];
        if (!row[b.target] || d.cost + b.cost.cost < row[b.target]->cost) row[b.target] = d + b.cost;
      }
    }
  });
  return cells;
}

}  // namespace logiplan::routing
