#include "project/packed_rtree.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace logiplan::project {

namespace {

constexpr int kMaxCells = 51;       // RTREE_MAXCELLS
constexpr int kBytesPerCell = 24;   // an 8-byte id and 2 dimensions x 2 floats

// The module's own rounding of a double to the float stored (rtreeValueDown and
// rtreeValueUp): a box may only grow, never shrink, so a query finds every row
// whose true box it meets.
float round_down(double d) {
  float f = static_cast<float>(d);
  if (f > d) f = static_cast<float>(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
  return f;
}
float round_up(double d) {
  float f = static_cast<float>(d);
  if (f < d) f = static_cast<float>(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
  return f;
}

struct Cell {
  std::int64_t id = 0;  // a row id in a leaf; a child's node number above
  float min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

Cell bounds(std::int64_t id, const Cell* begin, const Cell* end) {
  Cell c{id, begin->min_x, begin->max_x, begin->min_y, begin->max_y};
  for (const Cell* p = begin; p != end; ++p) {
    c.min_x = std::min(c.min_x, p->min_x), c.max_x = std::max(c.max_x, p->max_x);
    c.min_y = std::min(c.min_y, p->min_y), c.max_y = std::max(c.max_y, p->max_y);
  }
  return c;
}

// Sort-Tile-Recursive on one level: the cells reordered so that each run of
// `per_node` (the last one shorter) is a node's worth of neighbours.
void tile(std::vector<Cell>& cells, std::size_t per_node) {
  const std::size_t nodes = (cells.size() + per_node - 1) / per_node;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t per_slice = slices * per_node;
  // Centres (doubled), ties by id: the same boxes always give the same tree.
  const auto by_x = [](const Cell& a, const Cell& b) {
    const double ca = double(a.min_x) + a.max_x, cb = double(b.min_x) + b.max_x;
    return ca != cb ? ca < cb : a.id < b.id;
  };
  const auto by_y = [](const Cell& a, const Cell& b) {
    const double ca = double(a.min_y) + a.max_y, cb = double(b.min_y) + b.max_y;
    return ca != cb ? ca < cb : a.id < b.id;
  };
  std::sort(cells.begin(), cells.end(), by_x);
  for (std::size_t s = 0; s < cells.size(); s += per_slice) {
    std::sort(cells.begin() + static_cast<std::ptrdiff_t>(s),
              cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), s + per_slice)), by_y);
  }
}

void put_u16(std::uint8_t* p, std::uint16_t v) { p[0] = static_cast<std::uint8_t>(v >> 8), p[1] = static_cast<std::uint8_t>(v); }
void put_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
void put_u64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
}

std::vector<std::uint8_t> node_blob(int node_size, const Cell* begin, const Cell* end, int depth_if_root) {
  std::vector<std::uint8_t> blob(static_cast<std::size_t>(node_size), 0);
  put_u16(blob.data(), static_cast<std::uint16_t>(depth_if_root));
  put_u16(blob.data() + 2, static_cast<std::uint16_t>(end - begin));
  std::uint8_t* p = blob.data() + 4;
  for (const Cell* c = begin; c != end; ++c, p += kBytesPerCell) {
    put_u64(p, static_cast<std::uint64_t>(c->id));
    put_u32(p + 8, std::bit_cast<std::uint32_t>(c->min_x));
    put_u32(p + 12, std::bit_cast<std::uint32_t>(c->max_x));
    put_u32(p + 16, std::bit_cast<std::uint32_t>(c->min_y));
    put_u32(p + 20, std::bit_cast<std::uint32_t>(c->max_y));
  }
  return blob;
}

}  // namespace

int rtree_node_size(std::int64_t page_size) {
  return static_cast<int>(std::min<std::int64_t>(page_size - 64, 4 + kBytesPerCell * kMaxCells));
}

PackedRtree pack_rtree(std::vector<Box> boxes, int node_size) {
  PackedRtree tree;
  tree.node_size = node_size;
  const auto per_node = static_cast<std::size_t>((node_size - 4) / kBytesPerCell);
  std::vector<Cell> level;
  level.reserve(boxes.size());
  for (const auto& b : boxes) level.push_back({b.rowid, round_down(b.min_x), round_up(b.max_x), round_down(b.min_y), round_up(b.max_y)});
  boxes = {};
  // Level by level from the leaves: each level's runs become nodes 2, 3, ...,
  // and their bounds the cells of the level above, until one node holds them
  // all: the root, node 1.
  std::int64_t next_node = 2;
  int depth = 0;
  while (level.size() > per_node) {
    tile(level, per_node);
    std::vector<Cell> above;
    above.reserve((level.size() + per_node - 1) / per_node);
    for (std::size_t i = 0; i < level.size(); i += per_node) {
      const Cell* begin = level.data() + i;
      const Cell* end = level.data() + std::min(level.size(), i + per_node);
      const std::int64_t node = next_node++;
      tree.nodes.emplace_back(node, node_blob(node_size, begin, end, 0));
      for (const Cell* c = begin; c != end; ++c) {
        if (depth == 0) tree.rowids.emplace_back(c->id, node);
        else tree.parents.emplace_back(c->id, node);
      }
      above.push_back(bounds(node, begin, end));
    }
    level = std::move(above);
    ++depth;
  }
  const Cell* begin = level.data();
  const Cell* end = level.data() + level.size();
  tree.nodes.emplace_back(1, node_blob(node_size, begin, end, depth));
  for (const Cell* c = begin; c != end; ++c) {
    if (depth == 0) tree.rowids.emplace_back(c->id, 1);
    else tree.parents.emplace_back(c->id, 1);
  }
  return tree;
}

}  // namespace logiplan::project
