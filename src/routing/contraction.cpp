// Building a contraction hierarchy (Geisberger et al. 2008) over the base
// graph's states: states are contracted one by one, least important first;
// contracting v adds a shortcut u -> w for each pair of moves u -> v -> w unless
// a "witness" path u -> w avoiding v is no dearer. Importance: the edge
// difference (moves added minus moves removed, doubled), plus how many
// neighbours were contracted already (spreads contraction evenly), plus the
// original moves the new shortcuts stand for per original move removed.
// Measured on Porto and Columbus (scripts/bench-routing.sh): this order builds in
// about half the time of OSRM's quotient-and-depth order, with the same query
// times; small witness limits (20 states to rank, 100 to contract) cost a few
// more shortcuts and halve the build again.
#include <malloc.h>

#include <algorithm>
#include <queue>

#include "handles/mapped_file.hpp"
#include "routing/hierarchy.hpp"

namespace logiplan::routing {

namespace {

struct Move {
  std::uint32_t other = 0, middle = kNoMiddle;
  PathCost cost;
  std::uint32_t hops = 1;  // original moves it stands for
};

struct Shortcut {
  std::uint32_t from = 0, to = 0;
  PathCost cost;
  std::uint32_t hops = 0;
};

class Contractor {
 public:
  Contractor(const BaseGraph& g, Metric metric) : S_(g.offsets.size() - 1), out_(S_), in_(S_) {
    const std::size_t A = g.arcs.size();
    for (std::size_t s = 0; s < S_; ++s) {
      PathCost c;
      if (s < A) {
        const auto& a = g.arcs[s];
        c = {metric == Metric::time ? a.cost_time : a.cost_length, a.time_s, a.length_m};
      }
      for (auto i = g.offsets[s]; i < g.offsets[s + 1]; ++i) {
        const auto t = g.targets[i];
        if (t == s) continue;
        add_move(static_cast<std::uint32_t>(s), t, c, kNoMiddle, 1);
      }
    }
    dist_.assign(S_, kInf);
    contracted_.assign(S_, 0);
    deleted_.assign(S_, 0);
    up_.resize(S_);
    down_.resize(S_);
  }

  void run(const std::function<void(double)>& progress) {
    using Entry = std::pair<double, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    prio_.assign(S_, 0);
    for (std::uint32_t v = 0; v < S_; ++v) {
      prio_[v] = priority(v);
      queue.emplace(prio_[v], v);
    }
    std::size_t done = 0;
    while (!queue.empty()) {
      const auto [p, v] = queue.top();
      queue.pop();
      if (contracted_[v] || p != prio_[v]) continue;  // an outdated entry
      // Lazy update: the priority may have grown since it was queued.
      const double now = priority(v);
      if (now > p && !queue.empty() && now > queue.top().first) {
        prio_[v] = now;
        queue.emplace(now, v);
        continue;
      }
      contract(v);
      if (progress && ++done % 16384 == 0) progress(static_cast<double>(done) / static_cast<double>(S_));
      for (const auto u : touched_neighbours_) {
        deleted_[u] += 1;
        prio_[u] = priority(u);
        queue.emplace(prio_[u], u);
      }
    }
  }

  std::shared_ptr<const Hierarchy> result(Metric metric) {
    struct Owned {
      std::vector<std::uint64_t> up_offsets, down_offsets;
      std::vector<HierarchyEdge> up, down;
    };
    // The peak of a national build is here: what contraction used goes first,
    // then each direction's lists once flattened, handed back to the system
    // (malloc_trim) before the next is copied.
    release(out_);
    release(in_);
    release(dist_);
    release(prio_);
    release(deleted_);
    release(contracted_);
    release(heap_);
    malloc_trim(0);
    auto o = std::make_shared<Owned>();
    const auto flatten = [&](std::vector<std::vector<HierarchyEdge>>& lists, std::vector<std::uint64_t>& offsets,
                             std::vector<HierarchyEdge>& edges) {
      offsets.reserve(S_ + 1);
      offsets.push_back(0);
      std::size_t total = 0;
      for (const auto& l : lists) total += l.size();
      edges.reserve(total);
      for (auto& l : lists) {
        edges.insert(edges.end(), l.begin(), l.end());
        offsets.push_back(edges.size());
        std::vector<HierarchyEdge>().swap(l);
      }
    };
    flatten(up_, o->up_offsets, o->up);
    release(up_);
    malloc_trim(0);
    flatten(down_, o->down_offsets, o->down);
    release(down_);
    malloc_trim(0);
    auto h = std::make_shared<Hierarchy>();
    h->metric = metric;
    h->up_offsets = o->up_offsets;
    h->down_offsets = o->down_offsets;
    h->up = o->up;
    h->down = o->down;
    h->keep = o;
    return h;
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  template <class T>
  static void release(std::vector<T>& v) {
    std::vector<T>().swap(v);
  }
  // Witness searches stop after this many states: a missed witness costs a
  // needless shortcut, never a wrong cost.
  static constexpr std::size_t kSimulateLimit = 20, kContractLimit = 100;

  // Adds u -> w unless a move as cheap is there; replaces a dearer one.
  void add_move(std::uint32_t u, std::uint32_t w, const PathCost& c, std::uint32_t middle, std::uint32_t hops) {
    for (auto& m : out_[u]) {
      if (m.other != w) continue;
      if (m.cost.cost <= c.cost) return;
      m = {w, middle, c, hops};
      for (auto& r : in_[w]) {
        if (r.other == u) r = {u, middle, c, hops};
      }
      return;
    }
    out_[u].push_back({w, middle, c, hops});
    in_[w].push_back({u, middle, c, hops});
  }

  // The shortcuts contracting v needs, witness searches limited to `limit` states.
  void shortcuts(std::uint32_t v, std::size_t limit, std::vector<Shortcut>& found) {
    found.clear();
    if (in_[v].empty() || out_[v].empty()) return;
    double max_out = 0;
    for (const auto& m : out_[v]) max_out = std::max(max_out, m.cost.cost);
    for (const auto& in : in_[v]) {
      const auto u = in.other;
      witness_search(u, v, in.cost.cost + max_out, limit);
      for (const auto& out : out_[v]) {
        const auto w = out.other;
        if (w == u) continue;
        const double via = in.cost.cost + out.cost.cost;
        if (dist_[w] <= via) continue;
        found.push_back({u, w, in.cost + out.cost, in.hops + out.hops});
      }
      clear_search();
    }
  }

  void witness_search(std::uint32_t source, std::uint32_t avoid, double max_cost, std::size_t limit) {
    auto& heap = heap_;
    heap.clear();
    dist_[source] = 0;
    reached_.push_back(source);
    heap.emplace_back(0.0, source);
    std::size_t settled = 0;
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
      const auto [d, s] = heap.back();
      heap.pop_back();
      if (d > dist_[s]) continue;
      if (d > max_cost || ++settled > limit) break;
      for (const auto& m : out_[s]) {
        if (m.other == avoid) continue;
        const double nd = d + m.cost.cost;
        if (nd < dist_[m.other]) {
          if (dist_[m.other] == kInf) reached_.push_back(m.other);
          dist_[m.other] = nd;
          heap.emplace_back(nd, m.other);
          std::push_heap(heap.begin(), heap.end(), std::greater<>{});
        }
      }
    }
  }
  void clear_search() {
    for (auto s : reached_) dist_[s] = kInf;
    reached_.clear();
  }

  double priority(std::uint32_t v) {
    shortcuts(v, kSimulateLimit, scratch_);
    const double removed = static_cast<double>(in_[v].size() + out_[v].size());
    double removed_hops = 0, added_hops = 0;
    for (const auto& m : in_[v]) removed_hops += m.hops;
    for (const auto& m : out_[v]) removed_hops += m.hops;
    for (const auto& s : scratch_) added_hops += s.hops;
    const double added = static_cast<double>(scratch_.size());
    return 2 * (added - removed) + deleted_[v] + added_hops / std::max(removed_hops, 1.0);
  }

  void contract(std::uint32_t v) {
    shortcuts(v, kContractLimit, scratch_);
    touched_neighbours_.clear();
    up_[v].reserve(out_[v].size());  // exactly: v's moves are all known now, and never grow again
    down_[v].reserve(in_[v].size());
    for (const auto& m : out_[v]) {
      up_[v].push_back({m.other, m.middle, m.cost});
      auto& back = in_[m.other];
      back.erase(std::remove_if(back.begin(), back.end(), [&](const Move& r) { return r.other == v; }), back.end());
      touched_neighbours_.push_back(m.other);
    }
    for (const auto& m : in_[v]) {
      down_[v].push_back({m.other, m.middle, m.cost});
      auto& fwd = out_[m.other];
      fwd.erase(std::remove_if(fwd.begin(), fwd.end(), [&](const Move& r) { return r.other == v; }), fwd.end());
      touched_neighbours_.push_back(m.other);
    }
    std::vector<Move>().swap(out_[v]);
    std::vector<Move>().swap(in_[v]);
    contracted_[v] = 1;
    for (const auto& s : scratch_) add_move(s.from, s.to, s.cost, v, s.hops);
    std::sort(touched_neighbours_.begin(), touched_neighbours_.end());
    touched_neighbours_.erase(std::unique(touched_neighbours_.begin(), touched_neighbours_.end()), touched_neighbours_.end());
  }

  std::size_t S_;
  std::vector<std::vector<Move>> out_, in_;
  std::vector<std::vector<HierarchyEdge>> up_, down_;
  std::vector<double> dist_, prio_;
  std::vector<std::uint32_t> reached_, touched_neighbours_;
  std::vector<std::uint8_t> contracted_;
  std::vector<float> deleted_;  // neighbours contracted so far
  std::vector<Shortcut> scratch_;
  std::vector<std::pair<double, std::uint32_t>> heap_;  // the witness search's, kept between searches
};

}  // namespace

std::shared_ptr<const Hierarchy> Hierarchy::build(const BaseGraph& g, Metric metric,
                                                  const std::function<void(double)>& progress) {
  Contractor c(g, metric);
  // The contractor has its own copy of every move now; the base graph's pages
  // (1.2 GB of a 5 M-edge network's file map) need not stay in memory through
  // the quarter hour of a national contraction, when the build peaks. They come
  // back from the file when a query reads them. Only a file map's: a graph
  // built in memory (an edited network) would go to swap, where there is one.
  if (g.file_mapped) {
    const auto not_needed = [](auto span) { io::advise_not_needed(std::as_bytes(span)); };
    not_needed(g.arcs);
    not_needed(g.offsets);
    not_needed(g.targets);
    not_needed(g.nodes);
    not_needed(g.in_offsets);
    not_needed(g.out_offsets);
    not_needed(g.in_arcs);
    not_needed(g.out_arcs);
  }
  c.run(progress);
  if (progress) progress(1.0);
  return c.result(metric);
}

}  // namespace logiplan::routing
