#include "project/bulk_spatial_index.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <type_traits>

#include "core/error.hpp"

namespace logiplan::project {

namespace {

// The rows of one of the tree's shadow tables, replacing the empty root the
// module wrote when the table was made.
template <class Value>
void write_rows(db::Database& db, const std::string& table, const std::string& columns,
                const std::vector<std::pair<std::int64_t, Value>>& rows) {
  db.exec(fmt::format("DELETE FROM \"{}\"", table));
  auto write = db.prepare(fmt::format("INSERT INTO \"{}\"({}) VALUES (?, ?)", table, columns));
  for (const auto& [key, value] : rows) {
    write.bind(1, key);
    if constexpr (std::is_same_v<Value, std::int64_t>) write.bind(2, value);
    else write.bind_blob(2, value.data(), value.size());
    write.step();
    write.reset();
  }
}

}  // namespace

BulkSpatialIndex::BulkSpatialIndex(db::Database& db, std::string table, std::string column)
    : db_(&db), table_(std::move(table)), column_(std::move(column)) {
  node_size_ = rtree_node_size(db.query_int("PRAGMA page_size").value_or(4096));
  auto st = db.prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?, ?) ORDER BY name");
  const auto suffix = table_ + "_" + column_;
  st.bind(1, table_).bind(2, "gii_" + suffix).bind(3, "giu_" + suffix).bind(4, "gid_" + suffix);
  while (st.step()) triggers_.push_back(st.column_text(0));
  if (triggers_.size() != 3) triggers_.clear();  // not SpatiaLite's usual three: let it build the index itself
}

BulkSpatialIndex::~BulkSpatialIndex() {
  if (thread_.joinable()) thread_.join();
}

void BulkSpatialIndex::start(std::function<void(const Sink&)> boxes) {
  if (triggers_.empty()) return;
  // Rows already in the table (other networks) are in the tree too: read here,
  // on the connection's own thread.
  std::vector<Box> existing;
  auto st = db_->prepare(fmt::format(
      "SELECT ROWID, MbrMinX(\"{0}\"), MbrMaxX(\"{0}\"), MbrMinY(\"{0}\"), MbrMaxY(\"{0}\") FROM \"{1}\""
      " WHERE MbrMinX(\"{0}\") IS NOT NULL ORDER BY ROWID",
      column_, table_));
  while (st.step()) {
    existing.push_back({st.column_int(0), st.column_double(1), st.column_double(2), st.column_double(3), st.column_double(4)});
  }
  thread_ = std::thread([this, boxes = std::move(boxes), all = std::move(existing)]() mutable {
    try {
      boxes([&all](const Box& b) { all.push_back(b); });
      tree_ = pack_rtree(std::move(all), node_size_);
      built_ = true;
    } catch (...) {
      error_ = std::current_exception();
    }
  });
}

void BulkSpatialIndex::finish() {
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
  auto& db = *db_;
  if (triggers_.empty() || !built_) {
    db.exec(fmt::format("SELECT CreateSpatialIndex('{}', '{}')", table_, column_));
    return;
  }
  const auto idx = index_table();
  db.exec(fmt::format("CREATE VIRTUAL TABLE \"{}\" USING rtree(pkid, xmin, xmax, ymin, ymax)", idx));
  // The module has written an empty root of the node size it will read: if an
  // SQLite of other habits chose another, SpatiaLite builds the index instead.
  if (db.query_int(fmt::format("SELECT length(data) FROM \"{}_node\" WHERE nodeno = 1", idx)) != tree_.node_size) {
    db.exec(fmt::format("DROP TABLE \"{}\"", idx));
    db.exec(fmt::format("SELECT CreateSpatialIndex('{}', '{}')", table_, column_));
    return;
  }
  write_rows(db, idx + "_node", "nodeno, data", tree_.nodes);
  write_rows(db, idx + "_rowid", "rowid, nodeno", tree_.rowids);
  write_rows(db, idx + "_parent", "nodeno, parentnode", tree_.parents);
  tree_ = {};
  auto flag = db.prepare(
      "UPDATE geometry_columns SET spatial_index_enabled = 1 WHERE lower(f_table_name) = lower(?) AND "
      "lower(f_geometry_column) = lower(?)");
  flag.bind(1, table_).bind(2, column_).step();
  if (sqlite3_changes(db.handle()) != 1) {
    throw DataError(fmt::format("internal: {}.{} is not a registered geometry column", table_, column_));
  }
  for (const auto& sql : triggers_) db.exec(sql);
}

}  // namespace logiplan::project
