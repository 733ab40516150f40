#include "network/edge_list.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <utility>

#include "network/model.hpp"

namespace logiplan::network {

namespace {
template <class E>
const E** new_slots(std::size_t n) {
  // calloc: a large block comes from mmap already zeroed, so the pages of edges
  // never read are never touched (a national network has millions).
  auto* p = static_cast<const E**>(std::calloc(n == 0 ? 1 : n, sizeof(const E*)));
  if (!p) throw std::bad_alloc();
  return p;
}
}  // namespace

template <class E>
struct BasicEdgeList<E>::Decoded {
  const E edge;
  Decoded* next = nullptr;
};

template <class E>
BasicEdgeList<E>::BasicEdgeList(std::shared_ptr<const EdgeSource> source)
    : source_(std::move(source)), slots_(new_slots<E>(source_->size())) {}

template <class E>
BasicEdgeList<E>::BasicEdgeList(const BasicEdgeList& o) : owned_(o.owned_), source_(o.source_) {
  if (source_) slots_ = new_slots<E>(source_->size());
}

template <class E>
BasicEdgeList<E>& BasicEdgeList<E>::operator=(const BasicEdgeList& o) {
  if (this != &o) *this = BasicEdgeList(o);
  return *this;
}

template <class E>
BasicEdgeList<E>::BasicEdgeList(BasicEdgeList&& o) noexcept
    : owned_(std::move(o.owned_)),
      source_(std::move(o.source_)),
      slots_(o.slots_),
      decoded_head_(o.decoded_head_),
      decoded_count_(o.decoded_count_) {
  o.slots_ = nullptr;
  o.source_.reset();
  o.decoded_head_ = nullptr;
  o.decoded_count_ = 0;
}

template <class E>
BasicEdgeList<E>& BasicEdgeList<E>::operator=(BasicEdgeList&& o) noexcept {
  if (this != &o) {
    release_slots();
    owned_ = std::move(o.owned_);
    source_ = std::move(o.source_);
    slots_ = o.slots_;
    decoded_head_ = o.decoded_head_;
    decoded_count_ = o.decoded_count_;
    o.slots_ = nullptr;
    o.source_.reset();
    o.decoded_head_ = nullptr;
    o.decoded_count_ = 0;
  }
  return *this;
}

template <class E>
BasicEdgeList<E>::~BasicEdgeList() {
  release_slots();
}

template <class E>
void BasicEdgeList<E>::release_slots() noexcept {
  for (Decoded* d = decoded_head_; d;) delete std::exchange(d, d->next);
  decoded_head_ = nullptr;
  decoded_count_ = 0;
  std::free(slots_);
  slots_ = nullptr;
}

template <class E>
std::size_t BasicEdgeList<E>::decoded() const {
  return source_ ? std::atomic_ref<std::size_t>(decoded_count_).load() : owned_.size();
}

template <class E>
const E& BasicEdgeList<E>::at(std::size_t i) const {
  if (i >= size()) throw std::out_of_range(fmt::format("edge {} of a network of {} edges", i, size()));
  return (*this)[i];
}

template <class E>
const E& BasicEdgeList<E>::lazy_at(std::size_t i) const {
  std::atomic_ref<const E*> slot(slots_[i]);
  if (const E* e = slot.load(std::memory_order_acquire)) return *e;
  std::unique_ptr<Decoded> made(new Decoded{source_->edge(i)});
  const E* expected = nullptr;
  // Another thread may have decoded the same edge meanwhile: keep the first.
  if (!slot.compare_exchange_strong(expected, &made->edge, std::memory_order_acq_rel)) return *expected;
  Decoded* d = made.release();
  std::atomic_ref<Decoded*> head(decoded_head_);
  d->next = head.load(std::memory_order_relaxed);
  while (!head.compare_exchange_weak(d->next, d, std::memory_order_release, std::memory_order_relaxed)) {
  }
  std::atomic_ref<std::size_t>(decoded_count_).fetch_add(1, std::memory_order_relaxed);
  return d->edge;
}

template <class E>
std::vector<E>& BasicEdgeList<E>::own() {
  if (!source_) return owned_;
  std::vector<E> all(source_->size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (const E* e = slots_[i]) all[i] = *e;
    else all[i] = source_->edge(i);
  }
  release_slots();
  source_.reset();
  owned_ = std::move(all);
  return owned_;
}

template <class E>
void BasicEdgeList<E>::clear() {
  release_slots();
  source_.reset();
  owned_.clear();
}

template class BasicEdgeList<Edge>;

}  // namespace logiplan::network
