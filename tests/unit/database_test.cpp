#include <gtest/gtest.h>

#include "core/error.hpp"
#include "handles/sqlite.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

TEST(Database, SpatialiteFunctionsWork) {
  db::Database db(":memory:", db::Database::Mode::create);
  EXPECT_EQ(db.query_text("SELECT AsText(MakePoint(106.9, 20.8))"), "POINT(106.9 20.8)");
}

// SpatiaLite is set up on a connection by the first statement that needs it:
// one of several in an exec (the statements before it run once), or a trigger
// a plain INSERT fires, on a connection that had not needed it yet.
TEST(Database, SpatiaLiteIsSetUpByTheFirstStatementThatNeedsIt) {
  test::TempDir dir;
  {
    db::Database db(dir / "t.sqlite", db::Database::Mode::create);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('plain'); INSERT INTO t VALUES (AsText(MakePoint(1, 2)))");
    EXPECT_EQ(db.query_text("SELECT group_concat(x, ';') FROM t"), "plain;POINT(1 2)");
    db.exec("CREATE TABLE u (x REAL); CREATE TRIGGER u_point AFTER INSERT ON u BEGIN"
            " INSERT INTO t VALUES (AsText(MakePoint(NEW.x, 0))); END");
  }
  db::Database db(dir / "t.sqlite", db::Database::Mode::read_write);
  db.exec("INSERT INTO u VALUES (5)");
  EXPECT_EQ(db.query_text("SELECT x FROM t ORDER BY rowid DESC LIMIT 1"), "POINT(5 0)");
  try {
    db.exec("SELECT no_such_function(1)");
    FAIL() << "an unknown function ran";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("no such function: no_such_function"), std::string::npos) << e.what();
  }
}

TEST(Database, MovedDatabaseKeepsItsSpatialiteConnection) {
  db::Database a(":memory:", db::Database::Mode::create);
  db::Database b(std::move(a));
  EXPECT_EQ(b.query_text("SELECT AsText(MakePoint(1, 2))"), "POINT(1 2)");
  db::Database c(":memory:", db::Database::Mode::create);
  c = std::move(b);
  EXPECT_EQ(c.query_text("SELECT ST_Area(BuildMbr(0, 0, 2, 3))"), "6.0");
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  db::Database db(":memory:", db::Database::Mode::create);
  db.exec("CREATE TABLE t (x INTEGER)");
  {
    db::Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 0);
  {
    db::Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 1);
}

TEST(Database, ErrorsCarrySqliteMessage) {
  db::Database db(":memory:", db::Database::Mode::create);
  try {
    db.exec("SELECT * FROM no_such_table");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("no such table: no_such_table"), std::string::npos);
  }
}
