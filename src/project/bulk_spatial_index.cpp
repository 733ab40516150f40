#include "project/bulk_spatial_index.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/error.hpp"

namespace logiplan::project {

namespace {

// Every row of `table` from one connection into the same table of another, as
// it is (integers and blobs): an R*Tree's shadow tables hold nothing else.
void copy_rows(db::Database& from, db::Database& to, const std::string& table) {
  auto read = from.prepare(fmt::format("SELECT * FROM \"{}\"", table));
  const int n = read.column_count();
  std::string marks;
  for (int i = 0; i < n; ++i) marks += i ? ",?" : "?";
  to.exec(fmt::format("DELETE FROM \"{}\"", table));
  auto write = to.prepare(fmt::format("INSERT INTO \"{}\" VALUES ({})", table, marks));
  while (read.step()) {
    for (int i = 0; i < n; ++i) sqlite3_bind_value(write.handle(), i + 1, sqlite3_column_value(read.handle(), i));
    write.step();
    write.reset();
  }
}

}  // namespace

BulkSpatialIndex::BulkSpatialIndex(db::Database& db, std::string table, std::string column)
    : db_(&db), table_(std::move(table)), column_(std::move(column)) {
  page_size_ = db.query_int("PRAGMA page_size").value_or(4096);
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
  // Rows already in the table (other networks) go into the tree first, as
  // SpatiaLite would put them, in rowid order: new rows come after them.
  std::vector<Box> existing;
  auto st = db_->prepare(fmt::format(
      "SELECT ROWID, MbrMinX(\"{0}\"), MbrMaxX(\"{0}\"), MbrMinY(\"{0}\"), MbrMaxY(\"{0}\") FROM \"{1}\""
      " WHERE MbrMinX(\"{0}\") IS NOT NULL ORDER BY ROWID",
      column_, table_));
  while (st.step()) {
    existing.push_back({st.column_int(0), st.column_double(1), st.column_double(2), st.column_double(3), st.column_double(4)});
  }
  thread_ = std::thread([this, boxes = std::move(boxes), existing = std::move(existing)] {
    try {
      // "": a private scratch file SQLite deletes itself, also when killed.
      scratch_ = std::make_unique<db::Database>("", db::Database::Mode::create);
      scratch_->exec(fmt::format("PRAGMA page_size = {}", page_size_));  // node size follows page size
      scratch_->exec("PRAGMA journal_mode = OFF");
      scratch_->exec("PRAGMA cache_size = -65536");
      scratch_->exec(fmt::format("CREATE VIRTUAL TABLE \"{}\" USING rtree(pkid, xmin, xmax, ymin, ymax)", index_table()));
      scratch_->exec("BEGIN");
      auto ins = scratch_->prepare(fmt::format("INSERT INTO \"{}\" VALUES (?, ?, ?, ?, ?)", index_table()));
      const Sink sink = [&](const Box& b) {
        ins.bind(1, b.rowid).bind(2, b.min_x).bind(3, b.max_x).bind(4, b.min_y).bind(5, b.max_y);
        ins.step();
        ins.reset();
      };
      for (const auto& b : existing) sink(b);
      boxes(sink);
      scratch_->exec("COMMIT");
    } catch (...) {
      error_ = std::current_exception();
    }
  });
}

void BulkSpatialIndex::finish() {
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
  auto& db = *db_;
  if (triggers_.empty() || !scratch_) {
    db.exec(fmt::format("SELECT CreateSpatialIndex('{}', '{}')", table_, column_));
    return;
  }
  const auto idx = index_table();
  db.exec(fmt::format("CREATE VIRTUAL TABLE \"{}\" USING rtree(pkid, xmin, xmax, ymin, ymax)", idx));
  for (const char* shadow : {"_node", "_rowid", "_parent"}) copy_rows(*scratch_, db, idx + shadow);
  scratch_.reset();
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
