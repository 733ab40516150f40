#include "project/project.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/version.hpp"
#include "project/schema.hpp"

namespace logiplan::project {

namespace {
db::Database make_new(const std::filesystem::path& path, bool overwrite, int version) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    if (!overwrite) throw DataError(fmt::format("{}: file exists (use --overwrite to replace it)", path.string()));
    std::filesystem::remove(path, ec);
    if (ec) throw DataError(fmt::format("{}: cannot remove: {}", path.string(), ec.message()));
  }
  if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
    throw DataError(fmt::format("{}: folder {} does not exist", path.string(), path.parent_path().string()));
  }
  db::Database db(path, db::Database::Mode::create);
  {
    db::Transaction tx(db);
    migrate(db, 0, version);
    auto st = db.prepare("INSERT INTO meta(key, value) VALUES ('application', 'logiplan'), ('created_by', ?)");
    st.bind(1, std::string(kVersion)).step();
    tx.commit();
  }
  return db;
}
}  // namespace

Project Project::create(const std::filesystem::path& path, bool overwrite) {
  return Project(make_new(path, overwrite, kSchemaVersion));
}

Project Project::create_at_version(const std::filesystem::path& path, int version) {
  return Project(make_new(path, true, version));
}

Project Project::open(const std::filesystem::path& path, bool writable) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DataError(fmt::format("{}: no such project file (create one with `logiplan init {}`)", path.string(),
                                path.string()));
  }
  db::Database db(path, writable ? db::Database::Mode::read_write : db::Database::Mode::read_only);
  int version = 0;
  try {
    version = project::schema_version(db);
  } catch (const BusyError&) {
    throw;  // a locked project is still a project: say so, not "not a project"
  } catch (const DataError& e) {
    throw DataError(fmt::format("{}: not a logiplan project file ({})", path.string(), e.what()));
  }
  if (version == 0) {
    throw DataError(fmt::format("{}: not a logiplan project file (no schema version in a meta table)",
                                path.string()));
  }
  if (version > kSchemaVersion) {
    throw DataError(fmt::format("{}: project schema version {} is newer than this logiplan supports ({}); "
                                "upgrade logiplan — the file was not changed",
                                path.string(), version, kSchemaVersion));
  }
  if (version < kSchemaVersion) {
    if (!writable) {
      throw DataError(fmt::format("{}: project schema version {} needs migrating to {}; open it writable once",
                                  path.string(), version, kSchemaVersion));
    }
    db::Transaction tx(db);
    migrate(db, version, kSchemaVersion);
    tx.commit();
  }
  return Project(std::move(db));
}

int Project::schema_version() { return project::schema_version(db_); }

}  // namespace logiplan::project
