#pragma once
// Work shared out over the cores, for searches on the read-only routing graph:
// items [0, n) are taken one at a time by up to hardware_concurrency workers
// (the caller's thread is one of them). Results go in per-item slots, so they do
// not depend on the threads. An exception in a worker (out of memory, say)
// stops the others and is rethrown in the caller's thread.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace logiplan::routing {

inline std::size_t worker_count(std::size_t items) {
  return std::max<std::size_t>(1, std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), items));
}

// make_state(thread) builds each worker's own workspace once; work(thread, item, state).
template <class MakeState, class Work>
void parallel_for_with(std::size_t n, const MakeState& make_state, const Work& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failed;
  std::mutex failed_mutex;
  const auto run = [&](std::size_t thread) {
    try {
      auto state = make_state(thread);
      for (std::size_t i; (i = next++) < n;) work(thread, i, state);
    } catch (...) {
      std::lock_guard lock(failed_mutex);
      if (!failed) failed = std::current_exception();
      next = n;
    }
  };
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < worker_count(n); ++t) pool.emplace_back(run, t);
  run(0);
  pool.clear();  // joins
  if (failed) std::rethrow_exception(failed);
}

// work(item) for every item in [0, n).
template <class Work>
void parallel_for(std::size_t n, const Work& work) {
  parallel_for_with(n, [](std::size_t) { return 0; }, [&](std::size_t, std::size_t i, int&) { work(i); });
}

}  // namespace logiplan::routing
