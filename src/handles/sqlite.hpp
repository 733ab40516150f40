#pragma once
// RAII for SQLite + SpatiaLite, written once. A Database owns the sqlite3 handle
// and the SpatiaLite connection cache; the cache member is declared first so the
// connection is closed before the cache is cleaned up (SpatiaLite requires that).
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace logiplan::db {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept;
};
struct SpatialiteCacheCleaner {
  void operator()(void* cache) const noexcept;
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};

class Statement;

class Database {
 public:
  enum class Mode { read_only, read_write, create };

  // Opens (or creates) a database; SpatiaLite is initialised on the connection
  // when the first statement that needs it is prepared.
  // Writers wait busy_timeout_seconds() for a lock. A writable file is put in
  // write-ahead-log mode, so readers (another logiplan, QGIS) keep reading while
  // one command writes, and a killed writer never leaves a half-written file.
  Database(const std::filesystem::path& path, Mode mode);
  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;

  sqlite3* handle() const { return db_.get(); }
  const std::filesystem::path& path() const { return path_; }

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  // Runs a one-value query; nullopt when it returns no row or NULL.
  std::optional<std::string> query_text(std::string_view sql);
  std::optional<std::int64_t> query_int(std::string_view sql);

 private:
  void ensure_spatialite();
  // Prepares the first statement of `sql` (null for none), setting SpatiaLite
  // up first when the statement needs it; `tail` gets where the next one starts.
  sqlite3_stmt* prepare_one(std::string_view sql, const char** tail);
  std::unique_ptr<void, SpatialiteCacheCleaner> cache_;  // destroyed last
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::filesystem::path path_;
};

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, const void* data, std::size_t size);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // Steps once: true while a row is available, false when done.
  bool step();
  void reset();

  bool is_null(int col) const;
  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  std::optional<std::string> column_text_opt(int col) const;
  std::optional<double> column_double_opt(int col) const;
  int column_count() const;
  sqlite3_stmt* handle() const { return stmt_.get(); }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
};

// Begins a transaction; rolls back on destruction unless commit() was called,
// so an exception anywhere in an import leaves the project as it was. Inside
// another transaction it is a savepoint: its commit keeps its work for the outer
// one to commit or roll back, so several steps (build a network, attach the
// facilities) can be made into one all-or-nothing unit.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database* db_;
  std::string savepoint_;  // empty: the outermost transaction
  bool done_ = false;
};

// Seconds a command waits for another writer to release the project
// (LOGIPLAN_BUSY_TIMEOUT, default 30) before giving up with a BusyError.
double busy_timeout_seconds();

// Process-wide SQLite settings, which hold only when made before SQLite's first
// use: no memory statistics, whose global mutex on every allocation made two
// threads writing two databases (a network build's rows and its spatial
// indexes) three times slower. Database's constructor calls it, the CLI first
// thing (in case a library opened SQLite earlier); later calls do nothing.
void configure_sqlite();

}  // namespace logiplan::db
