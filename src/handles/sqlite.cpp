#include "handles/sqlite.hpp"

#include <fmt/format.h>
#include <spatialite.h>

#include "core/error.hpp"

namespace logiplan::db {

void SqliteCloser::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
void SpatialiteCacheCleaner::operator()(void* cache) const noexcept { spatialite_cleanup_ex(cache); }

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw DataError(fmt::format("SQLite: {}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Database::Database(const std::filesystem::path& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.string().c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) {
    fail(raw, fmt::format("cannot open {}", path.string()));
  }
  sqlite3_extended_result_codes(raw, 1);
  cache_.reset(spatialite_alloc_connection());
  spatialite_init_ex(raw, cache_.get(), 0);
  exec("PRAGMA foreign_keys = ON");
}

void Database::exec(std::string_view sql) {
  char* msg = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg ? msg : sqlite3_errmsg(db_.get());
    sqlite3_free(msg);
    throw DataError(fmt::format("SQLite: {} (in: {})", text, s.substr(0, 120)));
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    fail(db_.get(), fmt::format("cannot prepare `{}`", sql.substr(0, 120)));
  }
  return Statement(db_.get(), stmt);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

std::optional<std::string> Database::query_text(std::string_view sql) {
  auto st = prepare(sql);
  if (!st.step()) return std::nullopt;
  return st.column_text_opt(0);
}

std::optional<std::int64_t> Database::query_int(std::string_view sql) {
  auto st = prepare(sql);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.column_int(0);
}

Statement& Statement::bind(int index, std::nullopt_t) {
  if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    fail(db_, "bind");
  return *this;
}
Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
  if (sqlite3_bind_blob(stmt_.get(), index, data, static_cast<int>(size), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, fmt::format("`{}`", std::string_view(sqlite3_sql(stmt_.get())).substr(0, 120)));
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::column_double(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Statement::column_text(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_.get(), col)) : std::string();
}
std::optional<std::string> Statement::column_text_opt(int col) const {
  if (is_null(col)) return std::nullopt;
  return column_text(col);
}
std::optional<double> Statement::column_double_opt(int col) const {
  if (is_null(col)) return std::nullopt;
  return column_double(col);
}
int Statement::column_count() const { return sqlite3_column_count(stmt_.get()); }

Transaction::Transaction(Database& db) : db_(&db) { db_->exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) {
    sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}
void Transaction::commit() {
  db_->exec("COMMIT");
  done_ = true;
}

}  // namespace logiplan::db
