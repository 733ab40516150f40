#include "flows/skim.hpp"

#include <algorithm>
#include <limits>
#include <thread>

#include "flows/shortest_tree.hpp"

namespace logiplan::flows {

Skim skim(const RoadLinks& l, const std::vector<double>& cost, const std::vector<char>& allowed, unsigned threads) {
  const int zones = l.zones;
  Skim out{OdMatrix(zones), OdMatrix(zones)};
  std::vector<double> use = cost;
  for (std::size_t a = 0; a < allowed.size() && a < use.size(); ++a) {
    if (!allowed[a]) use[a] = std::numeric_limits<double>::infinity();
  }
  const ForwardStar fs(l);
  const unsigned n = std::max(1u, std::min(threads ? threads : std::thread::hardware_concurrency(),
                                           static_cast<unsigned>(std::max(1, zones))));
  auto work = [&](unsigned w) {
    ShortestTree tree(l, fs);
    std::vector<double> metres(static_cast<std::size_t>(l.nodes), 0.0);
    for (int o = static_cast<int>(w); o < zones; o += static_cast<int>(n)) {
      tree.grow(o, use);
      for (const int v : tree.settled) {  // parents are settled before their children
        const auto a = tree.pred[static_cast<std::size_t>(v)];
        metres[static_cast<std::size_t>(v)] = a == kNoLink ? 0 : metres[static_cast<std::size_t>(l.from[a])] + l.length[a];
      }
      for (int d = 0; d < zones; ++d) {
        const bool r = tree.reached(d);
        out.minutes.at(o, d) = r ? tree.dist[static_cast<std::size_t>(d)] / 60 : std::numeric_limits<double>::infinity();
        out.km.at(o, d) = r ? metres[static_cast<std::size_t>(d)] / 1000 : std::numeric_limits<double>::infinity();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < n; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace logiplan::flows
