#pragma once
// A logiplan project: one SpatiaLite file holding the spatial model. Opening an
// older file migrates it; a newer file is refused before anything is written.
#include <filesystem>

#include "handles/sqlite.hpp"

namespace logiplan::project {

class Project {
 public:
  // Creates a new project file. Refuses to replace an existing file unless overwrite.
  static Project create(const std::filesystem::path& path, bool overwrite = false);
  // Opens an existing project file, migrating an older schema.
  static Project open(const std::filesystem::path& path, bool writable = true);
  // For migration tests: a new file stopped at schema `version`.
  static Project create_at_version(const std::filesystem::path& path, int version);

  db::Database& db() { return db_; }
  const std::filesystem::path& path() const { return db_.path(); }
  int schema_version();

 private:
  explicit Project(db::Database db) : db_(std::move(db)) {}
  db::Database db_;
};

}  // namespace logiplan::project
