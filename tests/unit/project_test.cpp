#include <gtest/gtest.h>

#include "core/error.hpp"
#include "project/project.hpp"
#include "project/schema.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using project::Project;

TEST(Project, InitCreatesVersionedSpatialiteFile) {
  test::TempDir dir;
  auto p = Project::create(dir / "hp.sqlite");
  EXPECT_EQ(p.schema_version(), project::kSchemaVersion);
  auto& db = p.db();
  // Three geometry tables, registered with SpatiaLite, WGS84, with R*Tree indexes.
  EXPECT_EQ(db.query_int("SELECT count(*) FROM geometry_columns WHERE srid = 4326 AND spatial_index_enabled = 1 AND "
                         "f_table_name IN ('sites', 'areas', 'corridors')"),
            3);
  EXPECT_EQ(db.query_int("SELECT geometry_type FROM geometry_columns WHERE f_table_name = 'areas'"), 6);  // MULTIPOLYGON
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'idx_sites_geom'"), 1);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM kinds"), 11);
  EXPECT_EQ(db.query_text("SELECT value FROM meta WHERE key = 'application'"), "logiplan");
}

TEST(Project, InitRefusesToReplaceAFile) {
  test::TempDir dir;
  Project::create(dir / "hp.sqlite");
  try {
    Project::create(dir / "hp.sqlite");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("file exists (use --overwrite"), std::string::npos);
  }
}

TEST(Project, OlderSchemaIsMigratedOnOpen) {
  test::TempDir dir;
  const auto path = dir / "old.sqlite";
  {
    auto p = Project::create_at_version(path, 1);
    EXPECT_EQ(p.schema_version(), 1);
    EXPECT_EQ(p.db().query_int("SELECT count(*) FROM sqlite_master WHERE name = 'import_runs'"), 0);
    p.db().exec("INSERT INTO sites(feature_id, kind, name, name_ascii, geom) VALUES"
                " ('x', 'airport', 'Cát Bi', 'Cat Bi', MakePoint(106.72306, 20.81694, 4326))");
  }
  auto p = Project::open(path);
  EXPECT_EQ(p.schema_version(), project::kSchemaVersion);
  EXPECT_EQ(p.db().query_int("SELECT count(*) FROM sqlite_master WHERE name = 'import_runs'"), 1);
  EXPECT_EQ(p.db().query_text("SELECT name FROM features WHERE feature_id = 'x'"), "Cát Bi");  // data kept
}

TEST(Project, NewerSchemaIsRefusedAndLeftUnchanged) {
  test::TempDir dir;
  const auto path = dir / "new.sqlite";
  {
    auto p = Project::create(path);
    p.db().exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    Project::open(path);
    FAIL();
  } catch (const DataError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("schema version 99 is newer than this logiplan supports (8)"), std::string::npos) << msg;
  }
  db::Database db(path, db::Database::Mode::read_only);
  EXPECT_EQ(db.query_text("SELECT value FROM meta WHERE key = 'schema_version'"), "99");
}

TEST(Project, NotAProjectFile) {
  test::TempDir dir;
  test::write_file(dir / "notes.sqlite", "this is not a database, just text............................................................................");
  try {
    Project::open(dir / "notes.sqlite");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("not a logiplan project file"), std::string::npos) << e.what();
  }
  try {
    Project::open(dir / "missing.sqlite");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.sqlite: no such project file"), std::string::npos);
  }
}
