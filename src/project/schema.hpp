#pragma once
// The project file's schema as numbered migrations. A new file runs them all; an
// older file runs the missing ones on open, in one transaction; a newer file is
// refused. Add a migration at the end, never edit one that has shipped.
#include "handles/sqlite.hpp"

namespace logiplan::project {

inline constexpr int kSchemaVersion = 8;

// 0 when the file has no meta table (not a logiplan project, or empty).
int schema_version(db::Database& db);

// Runs migrations (from, to]; caller holds the transaction.
void migrate(db::Database& db, int from, int to);

}  // namespace logiplan::project
