#include "routing/detour_search.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace logiplan::routing {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Base arcs set aside for anchored edges' pieces are never entered: they are
// left out of the reverse graph, so costs_to never walks through them.
bool usable(const RoutingGraph& g, std::size_t s) { return !g.is_arc_state(s) || g.arcs().in_use(s); }
}  // namespace

ReverseMoves::ReverseMoves(const RoutingGraph& g) {
  const std::size_t n = g.state_count();
  offsets_.assign(n + 1, 0);
  for (std::size_t s = 0; s < n; ++s) {
    if (usable(g, s)) g.for_each_move(s, [&](std::size_t t) { ++offsets_[t + 1]; });
  }
  for (std::size_t s = 0; s < n; ++s) offsets_[s + 1] += offsets_[s];
  sources_.resize(offsets_[n]);
  std::vector<std::uint64_t> next(offsets_.begin(), offsets_.end() - 1);
  for (std::size_t s = 0; s < n; ++s) {
    if (usable(g, s)) g.for_each_move(s, [&](std::size_t t) { sources_[next[t]++] = static_cast<std::uint32_t>(s); });
  }
}

void costs_to(const RoutingGraph& g, const ReverseMoves& reverse, std::int32_t target, Metric metric,
              std::vector<double>& out) {
  out.assign(g.state_count(), kInf);
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  const std::size_t goal = g.arrive_state(target);
  out[goal] = 0;
  heap.emplace(0.0, static_cast<std::uint32_t>(goal));
  while (!heap.empty()) {
    const auto [d, t] = heap.top();
    heap.pop();
    if (d > out[t]) continue;  // an older, dearer entry
    // Every move s -> t costs what entering t costs, whatever s is.
    const double step = state_cost(g, t, metric);
    reverse.for_each_into(t, [&, d = d](std::size_t s) {
      const double nd = d + step;
      if (nd < out[s]) {
        out[s] = nd;
        heap.emplace(nd, static_cast<std::uint32_t>(s));
      }
    });
  }
}

DetourSearch::DetourSearch(const RoutingGraph& g, const ReverseMoves* reverse)
    : g_(g), reverse_(reverse), dist_(g.state_count(), kInf), pred_(g.state_count()) {}

template <class Blocked>
std::optional<double> DetourSearch::aimed(std::size_t source, std::size_t goal, const std::vector<double>& to_target,
                                          Metric metric, const Blocked& blocked) {
  for (auto s : touched_) dist_[s] = kInf;
  touched_.clear();
  heap_.clear();
  if (!(to_target[source] < kInf)) return std::nullopt;  // no way even on the open graph
  const auto later = [](const Item& a, const Item& b) { return a.key > b.key; };
  dist_[source] = 0;
  pred_[source] = static_cast<std::uint32_t>(source);
  touched_.push_back(static_cast<std::uint32_t>(source));
  heap_.push_back({to_target[source], 0.0, static_cast<std::uint32_t>(source)});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const Item item = heap_.back();
    heap_.pop_back();
    // Stale entries are skipped. A state may be settled again when rounding in
    // the potential's sums lets a cheaper way in later: the answer is then
    // still the cheapest, as with any lower bound.
    if (item.dist > dist_[item.state]) continue;
    ++settled_;
    if (item.state == goal) return item.dist;
    g_.for_each_move(item.state, [&](std::size_t t) {
      const double h = to_target[t];
      if (!(h < kInf)) return;  // cannot reach the target even with nothing closed
      if (blocked(item.state, t)) return;
      const double nd = item.dist + state_cost(g_, t, metric);
      if (nd < dist_[t]) {
        if (!(dist_[t] < kInf)) touched_.push_back(static_cast<std::uint32_t>(t));
        dist_[t] = nd;
        pred_[t] = item.state;
        heap_.push_back({nd + h, nd, static_cast<std::uint32_t>(t)});
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    });
  }
  return std::nullopt;
}

std::optional<double> DetourSearch::cost(std::int32_t origin, std::int32_t target, std::span<const std::size_t> closed,
                                         const std::vector<double>& to_target, Metric metric) {
  settled_ = 0;
  if (origin == target) return 0.0;
  const std::size_t source = g_.leave_state(origin), goal = g_.arrive_state(target);
  // A place inside a closed edge is cut off at once (every way out of the
  // origin, or into the target, is closed), without searching all the rest.
  const auto is_closed = [&](std::size_t s) { return std::binary_search(closed.begin(), closed.end(), s); };
  bool any_open = false;
  g_.for_each_move(source, [&](std::size_t t) { any_open = any_open || !is_closed(t); });
  if (!any_open) return std::nullopt;
  if (reverse_) {
    any_open = false;
    reverse_->for_each_into(goal, [&](std::size_t s) { any_open = any_open || !is_closed(s); });
    if (!any_open) return std::nullopt;
  }
  return aimed(source, goal, to_target, metric, [&](std::size_t, std::size_t t) { return is_closed(t); });
}

std::vector<std::size_t> DetourSearch::path_from_state(std::size_t source, std::int32_t target,
                                                       const std::unordered_set<std::size_t>& banned_states,
                                                       const std::unordered_set<std::uint64_t>& banned_moves,
                                                       const std::vector<double>& to_target, Metric metric) {
  settled_ = 0;
  const std::size_t goal = g_.arrive_state(target);
  const auto blocked = [&](std::size_t from, std::size_t to) {
    return banned_states.count(to) > 0 || banned_moves.count(move_key(from, to)) > 0;
  };
  if (!aimed(source, goal, to_target, metric, blocked)) return {};
  std::vector<std::size_t> states{goal};
  while (states.back() != source) states.push_back(pred_[states.back()]);
  std::reverse(states.begin(), states.end());
  return states;
}

}  // namespace logiplan::routing
