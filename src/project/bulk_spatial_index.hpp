#pragma once
// A SpatiaLite spatial index (an R*Tree) for a table loaded in bulk, packed on
// a second thread while the rows themselves are written. SpatiaLite's
// CreateSpatialIndex inserts every box one by one after the load: about 30 % of
// a network build. Here the boxes are packed into a tree in memory
// (project/packed_rtree) on their own thread; once the rows are in, the tree's
// rows go into the index's three shadow tables (nodes, rowids, parents), and
// the index is registered as CreateSpatialIndex registers it: the
// geometry_columns flag and SpatiaLite's own index triggers, as they were
// before the load. Where those triggers were not there to keep, or SQLite
// chose a node size other than the packed tree's, CreateSpatialIndex builds the
// index as before.
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "handles/sqlite.hpp"
#include "project/packed_rtree.hpp"

namespace logiplan::project {

class BulkSpatialIndex {
 public:
  using Sink = std::function<void(const Box&)>;
  // Before the load (while SpatiaLite's index triggers are still on `table`).
  BulkSpatialIndex(db::Database& db, std::string table, std::string column = "geom");
  ~BulkSpatialIndex();
  BulkSpatialIndex(const BulkSpatialIndex&) = delete;
  BulkSpatialIndex& operator=(const BulkSpatialIndex&) = delete;

  // Packs the tree on its own thread: of the rows already in the table, then
  // of those `boxes` hands to the sink, running there (row ids unique); `boxes`
  // must only read what the writing thread does not change.
  void start(std::function<void(const Sink&)> boxes);
  // After the rows are written and the geometry column recovered, with the
  // index table dropped: waits for the tree, copies it in and registers it.
  // Rethrows what the building thread threw.
  void finish();

 private:
  std::string index_table() const { return "idx_" + table_ + "_" + column_; }
  db::Database* db_;
  std::string table_, column_;
  std::vector<std::string> triggers_;  // SpatiaLite's gii/giu/gid, as created by CreateSpatialIndex
  int node_size_ = 0;
  PackedRtree tree_;   // filled by the thread
  bool built_ = false;
  std::thread thread_;
  std::exception_ptr error_;
};

}  // namespace logiplan::project
