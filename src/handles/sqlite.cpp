#include "handles/sqlite.hpp"

#include <fmt/format.h>
#include <spatialite.h>

#include <cstdlib>

#include "core/error.hpp"

namespace logiplan::db {

void SqliteCloser::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
void SpatialiteCacheCleaner::operator()(void* cache) const noexcept { spatialite_cleanup_ex(cache); }

double busy_timeout_seconds() {
  if (const char* v = std::getenv("LOGIPLAN_BUSY_TIMEOUT")) {
    char* end = nullptr;
    const double s = std::strtod(v, &end);
    if (end != v && *end == '\0' && s >= 0 && s < 1e6) return s;
  }
  return 30.0;
}

namespace {
std::string file_of(sqlite3* db) {
  const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
  return f && *f ? f : "(in memory)";
}

// Locks and read-only files are the user's situation, not a bug: say which file
// and what to do. Everything else keeps SQLite's own words and the statement.
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what, std::string_view message) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw BusyError(fmt::format(
          "{}: the project is locked by another program writing to it (another logiplan, QGIS, spatialite...); "
          "waited {:g} s (LOGIPLAN_BUSY_TIMEOUT). Nothing was changed: run the command again when it has finished",
          file_of(db), busy_timeout_seconds()));
    case SQLITE_READONLY:
      throw DataError(fmt::format(
          "{}: the project file is read-only ({}); nothing was changed. Make it writable, work on a copy, or "
          "run analyses with --no-store so that no run is recorded",
          file_of(db), message));
    default:
      throw DataError(fmt::format("SQLite: {}: {} (in {})", what, message, file_of(db)));
  }
}
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  fail(db, db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM, what, db ? sqlite3_errmsg(db) : "out of memory");
}
}  // namespace

void configure_sqlite() {
  static const int done = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }();
  (void)done;  // SQLITE_MISUSE when SQLite was in use already: it then keeps its statistics
}

Database::Database(const std::filesystem::path& path, Mode mode) : path_(path) {
  configure_sqlite();
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    // Read-write at the file level, query_only below: a reader that is the last
    // to close a write-ahead-logged file then removes its -wal and -shm files
    // (a SQLITE_OPEN_READONLY connection cannot, and leaves them behind). A
    // write-protected file still opens, read-only.
    case Mode::read_only: flags |= SQLITE_OPEN_READWRITE; break;
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
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout_seconds() * 1000));
  exec("PRAGMA foreign_keys = ON");
  if (mode == Mode::read_only) {
    exec("PRAGMA query_only = ON");
  } else {
    // Persistent in the file; a no-op once set. Left as it is when the file is
    // busy or read-only: the command then fails or reads as before.
    sqlite3_exec(raw, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
  }
}

// SpatiaLite is set up on a connection when a statement first needs it (a
// function or virtual-table module SQLite does not know), not on every open:
// its set-up reads PROJ's database (~3 ms of CPU), and a route process reads
// plain tables only. Statements name their functions, modules and triggers when
// they are prepared, so preparing is where the need shows.
void Database::ensure_spatialite() {
  if (cache_) return;
  cache_.reset(spatialite_alloc_connection());
  spatialite_init_ex(db_.get(), cache_.get(), 0);
  // After SpatiaLite's init, which sets a busy timeout of its own (5 s).
  sqlite3_busy_timeout(db_.get(), static_cast<int>(busy_timeout_seconds() * 1000));
}

sqlite3_stmt* Database::prepare_one(std::string_view sql, const char** tail) {
  for (;;) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, tail) == SQLITE_OK) return stmt;
    const std::string_view why = sqlite3_errmsg(db_.get());
    if (!cache_ && (why.rfind("no such function:", 0) == 0 || why.rfind("no such module:", 0) == 0)) {
      ensure_spatialite();
      continue;
    }
    fail(db_.get(), fmt::format("cannot prepare `{}`", sql.substr(0, 120)));
  }
}

void Database::exec(std::string_view sql) {
  // Statement by statement, as sqlite3_exec does, each prepared here (above).
  while (!sql.empty()) {
    const char* tail = nullptr;
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt(prepare_one(sql, &tail));
    const std::string_view text = sql.substr(0, static_cast<std::size_t>(tail - sql.data()));
    if (text.empty()) break;  // nothing consumed: nothing left to run
    sql.remove_prefix(text.size());
    if (!stmt) continue;  // white space or a comment
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      // The error of the statement (sqlite3_errmsg) before finalising it resets it.
      const int code = sqlite3_extended_errcode(db_.get());
      const std::string message = sqlite3_errmsg(db_.get());
      fail(db_.get(), code, fmt::format("`{}`", text.substr(0, 120)), message);
    }
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_.get(), prepare_one(sql, nullptr)); }

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

Transaction::Transaction(Database& db) : db_(&db) {
  if (sqlite3_get_autocommit(db_->handle())) {
    db_->exec("BEGIN IMMEDIATE");
  } else {
    static int counter = 0;
    savepoint_ = fmt::format("logiplan_{}", ++counter);
    db_->exec("SAVEPOINT " + savepoint_);
  }
}
Transaction::~Transaction() {
  if (done_) return;
  if (savepoint_.empty()) {
    sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  } else {
    const std::string sql = fmt::format("ROLLBACK TO {0}; RELEASE {0}", savepoint_);
    sqlite3_exec(db_->handle(), sql.c_str(), nullptr, nullptr, nullptr);
  }
}
void Transaction::commit() {
  db_->exec(savepoint_.empty() ? std::string("COMMIT") : "RELEASE " + savepoint_);
  done_ = true;
}

}  // namespace logiplan::db
