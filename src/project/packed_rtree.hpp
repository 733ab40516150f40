#pragma once
// An R*Tree for SQLite's rtree module (the tree behind a SpatiaLite spatial
// index), packed in one go from all its boxes by Sort-Tile-Recursive (Leutenegger,
// Lopez and Edgington, 1997): boxes sorted into vertical slices by the x of their
// centres, each slice by y, cut into full nodes; the nodes' boxes packed the
// same way, level by level, up to the root. Inserting the boxes one by one, as
// SpatiaLite's CreateSpatialIndex does, costs a descent, a node rewrite through
// SQL and now and then a split per box: most of a city network's build on two
// cores. A packed tree holds the same entries, in fewer and fuller nodes that
// overlap less; the rtree module reads, queries and updates it as any other (a
// later insert splits a full node as usual).
//
// The rows are those of the module's three shadow tables, in its own format
// (ext/rtree/rtree.c in SQLite's sources): a node is a blob of the tree's node
// size, a 2-byte depth (kept in the root only), a 2-byte cell count, then cells of
// an 8-byte id (a row's, or a child node's number) and four 4-byte floats
// (xmin, xmax, ymin, ymax), all big-endian; the root is node 1. Coordinates are
// rounded to floats outwards, as the module rounds what it is given.
#include <cstdint>
#include <utility>
#include <vector>

namespace logiplan::project {

struct Box {
  std::int64_t rowid = 0;
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

struct PackedRtree {
  int node_size = 0;
  std::vector<std::pair<std::int64_t, std::vector<std::uint8_t>>> nodes;  // node number, blob
  std::vector<std::pair<std::int64_t, std::int64_t>> rowids;              // row id, its leaf's node number
  std::vector<std::pair<std::int64_t, std::int64_t>> parents;             // node number, its parent's (root: none)
};

// The node size the rtree module gives a two-dimensional tree it creates in a
// database of `page_size`: 64 bytes short of a page, at most 51 cells.
int rtree_node_size(std::int64_t page_size);

// The packed tree of `boxes` (row ids unique, min <= max), nodes of `node_size` bytes.
PackedRtree pack_rtree(std::vector<Box> boxes, int node_size);

}  // namespace logiplan::project
