#pragma once
// The edges of a Network: a vector of edges, or, for a network opened from its
// binary cache, a view of the mapped file whose edges are decoded one by one
// when first read.
//
// Why: a command that routes once touches a few hundred edges (the places'
// edges, the path) but a network has hundreds of thousands to millions; decoding
// every edge's strings and geometry on every open was most of what `route` cost
// on a city network and most of a minute on a national one.
//
// Reading (const access) is safe from many threads: an edge is decoded once and
// published with an atomic compare-and-swap, and stays at its address for the
// list's life. Changing the list (non-const access: operator[], push_back,
// begin() on a non-const list, ...) first decodes every edge into a plain vector,
// which, as a vector's growth does, moves the edges: references taken before it
// are no longer valid. Copying a lazy list shares the mapped file.
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace logiplan::network {

struct Edge;

// Where a lazy list's edges come from (the network cache).
class EdgeSource {
 public:
  virtual ~EdgeSource() = default;
  virtual std::size_t size() const = 0;
  virtual Edge edge(std::size_t i) const = 0;  // throws on a record that does not decode
};

template <class E>
class BasicEdgeList {
 public:
  BasicEdgeList() = default;
  explicit BasicEdgeList(std::shared_ptr<const EdgeSource> source);
  BasicEdgeList(const BasicEdgeList& o);
  BasicEdgeList& operator=(const BasicEdgeList& o);
  BasicEdgeList(BasicEdgeList&& o) noexcept;
  BasicEdgeList& operator=(BasicEdgeList&& o) noexcept;
  ~BasicEdgeList();

  std::size_t size() const { return source_ ? source_->size() : owned_.size(); }
  bool empty() const { return size() == 0; }
  // True while edges are decoded on demand (until the list is changed).
  bool lazy() const { return source_ != nullptr; }
  // How many edges have been decoded so far (all of them once the list is plain).
  std::size_t decoded() const;

  const E& operator[](std::size_t i) const { return source_ ? lazy_at(i) : owned_[i]; }
  const E& at(std::size_t i) const;
  const E& back() const { return (*this)[size() - 1]; }

  E& operator[](std::size_t i) { return own()[i]; }
  E& at(std::size_t i) { return own().at(i); }
  E& back() { return own().back(); }
  void push_back(E e) { own().push_back(std::move(e)); }
  template <class... A>
  E& emplace_back(A&&... a) { return own().emplace_back(std::forward<A>(a)...); }
  void reserve(std::size_t n) { own().reserve(n); }
  void resize(std::size_t n) { own().resize(n); }
  void clear();

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = E;
    using difference_type = std::ptrdiff_t;
    using pointer = const E*;
    using reference = const E&;
    const_iterator() = default;
    const_iterator(const BasicEdgeList* list, std::size_t i) : list_(list), i_(i) {}
    reference operator*() const { return (*list_)[i_]; }
    pointer operator->() const { return &(*list_)[i_]; }
    reference operator[](difference_type n) const { return (*list_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() { return ++i_, *this; }
    const_iterator operator++(int) { auto t = *this; return ++i_, t; }
    const_iterator& operator--() { return --i_, *this; }
    const_iterator operator--(int) { auto t = *this; return --i_, t; }
    const_iterator& operator+=(difference_type n) { return i_ += static_cast<std::size_t>(n), *this; }
    const_iterator& operator-=(difference_type n) { return i_ -= static_cast<std::size_t>(n), *this; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }

   private:
    const BasicEdgeList* list_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  typename std::vector<E>::iterator begin() { return own().begin(); }
  typename std::vector<E>::iterator end() { return own().end(); }

  // Every edge decoded into the plain vector (what a change of the list does first).
  std::vector<E>& own();

 private:
  const E& lazy_at(std::size_t i) const;
  void release_slots() noexcept;
  std::vector<E> owned_;
  std::shared_ptr<const EdgeSource> source_;
  // One pointer per edge, null until decoded; calloc'd so that untouched pages cost nothing.
  mutable const E** slots_ = nullptr;
  // The decoded edges also form a list (pushed lock-free), so that freeing them
  // costs what was decoded, not a walk over every slot.
  struct Decoded;
  mutable Decoded* decoded_head_ = nullptr;
  mutable std::size_t decoded_count_ = 0;  // updated atomically (std::atomic_ref)
};

}  // namespace logiplan::network
