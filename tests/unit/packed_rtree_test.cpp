// The packed R*Tree (project/packed_rtree) as SQLite's rtree module reads it:
// its shape worked out by hand, rtreecheck, the same entries and the same window
// query answers as a tree the module grows itself from the same boxes, before
// and after rows are inserted and deleted through the module.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>

#include "handles/sqlite.hpp"
#include "project/packed_rtree.hpp"
#include "support/test_support.hpp"

using namespace logiplan;
using project::Box;

namespace {

int depth_of(const project::PackedRtree& t) {
  for (const auto& [node, blob] : t.nodes) {
    if (node == 1) return blob[0] << 8 | blob[1];
  }
  return -1;
}

// A 512-byte-page database (nodes of 448 bytes: 18 cells), with `packed` filled
// from the packed tree and `grown` by the module, box by box.
struct Trees : ::testing::Test {
  test::TempDir dir;
  db::Database db{dir / "t.sqlite", db::Database::Mode::create};
  std::vector<Box> boxes;
  void SetUp() override {
    db.exec("PRAGMA journal_mode = DELETE");  // a WAL database keeps its page size
    db.exec("PRAGMA page_size = 512");
    db.exec("VACUUM");
    ASSERT_EQ(db.query_int("PRAGMA page_size"), 512);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> x(-180, 180), y(-90, 90), size(0, 0.01);
    for (std::int64_t i = 1; i <= 1000; ++i) {
      const double x0 = x(rng), y0 = y(rng);
      boxes.push_back({i * 3, x0, x0 + size(rng), y0, y0 + (i % 4 ? size(rng) : 0)});  // some boxes flat, as points are
    }
    db.exec("CREATE VIRTUAL TABLE grown USING rtree(pkid, xmin, xmax, ymin, ymax)");
    db::Transaction tx(db);
    auto ins = db.prepare("INSERT INTO grown VALUES (?, ?, ?, ?, ?)");
    for (const auto& b : boxes) {
      ins.bind(1, b.rowid).bind(2, b.min_x).bind(3, b.max_x).bind(4, b.min_y).bind(5, b.max_y).step();
      ins.reset();
    }
    db.exec("CREATE VIRTUAL TABLE packed USING rtree(pkid, xmin, xmax, ymin, ymax)");
    tx.commit();
  }
  void write(const project::PackedRtree& t) {
    db.exec("DELETE FROM packed_node");
    auto node = db.prepare("INSERT INTO packed_node(nodeno, data) VALUES (?, ?)");
    for (const auto& [n, blob] : t.nodes) node.bind(1, n).bind_blob(2, blob.data(), blob.size()).step(), node.reset();
    auto rowid = db.prepare("INSERT INTO packed_rowid(rowid, nodeno) VALUES (?, ?)");
    for (const auto& [r, n] : t.rowids) rowid.bind(1, r).bind(2, n).step(), rowid.reset();
    auto parent = db.prepare("INSERT INTO packed_parent(nodeno, parentnode) VALUES (?, ?)");
    for (const auto& [n, p] : t.parents) parent.bind(1, n).bind(2, p).step(), parent.reset();
  }
  void expect_the_same_answers(const std::string& when) {
    EXPECT_EQ(db.query_text("SELECT rtreecheck('packed')"), "ok") << when;
    EXPECT_EQ(db.query_int("SELECT count(*) FROM packed"), db.query_int("SELECT count(*) FROM grown")) << when;
    EXPECT_EQ(db.query_int("SELECT count(*) FROM (SELECT * FROM packed EXCEPT SELECT * FROM grown)"), 0) << when;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(-180, 180), y(-90, 90);
    int found = 0;
    for (int i = 0; i < 50; ++i) {
      const double x0 = x(rng), y0 = y(rng);
      const auto q = [&](const char* t) {
        return db.query_text(fmt::format("SELECT group_concat(pkid) FROM (SELECT pkid FROM {} WHERE xmax >= {:.17g} AND"
                                         " xmin <= {:.17g} AND ymax >= {:.17g} AND ymin <= {:.17g} ORDER BY pkid)",
                                         t, x0, x0 + 20, y0, y0 + 10))
            .value_or("");
      };
      EXPECT_EQ(q("packed"), q("grown")) << when << ", window " << i;
      found += !q("packed").empty();
    }
    EXPECT_GT(found, 10) << "the windows should find rows";
  }
};

}  // namespace

TEST(PackedRtree, NodeSizeIsTheModulesForTheDatabasesPages) {
  EXPECT_EQ(project::rtree_node_size(512), 448);
  EXPECT_EQ(project::rtree_node_size(1024), 960);
  EXPECT_EQ(project::rtree_node_size(4096), 1228);  // 4 + 51 cells of 24 bytes
  EXPECT_EQ(project::rtree_node_size(65536), 1228);
}

TEST(PackedRtree, FewBoxesAreALeafRoot) {
  const auto none = project::pack_rtree({}, 448);
  ASSERT_EQ(none.nodes.size(), 1u);
  EXPECT_EQ(none.nodes[0].first, 1);
  EXPECT_EQ(none.nodes[0].second, std::vector<std::uint8_t>(448, 0));  // depth 0, no cells
  const auto three = project::pack_rtree({{7, 1, 2, 3, 4}, {8, -1, 0, -2, -1}, {9, 0.5, 0.5, 0.5, 0.5}}, 448);
  ASSERT_EQ(three.nodes.size(), 1u);
  EXPECT_EQ(three.nodes[0].second[3], 3);  // cells
  EXPECT_EQ(three.rowids, (std::vector<std::pair<std::int64_t, std::int64_t>>{{7, 1}, {8, 1}, {9, 1}}));  // as given
  EXPECT_TRUE(three.parents.empty());
  // Cell 1 (row 8): id 8, then xmin -1 as a big-endian float, 0xBF800000.
  const auto& blob = three.nodes[0].second;
  EXPECT_EQ(blob[4 + 24 + 7], 8);
  EXPECT_EQ(blob[4 + 24 + 8], 0xBF);
  EXPECT_EQ(blob[4 + 24 + 9], 0x80);
  EXPECT_EQ(blob[4 + 24 + 10], 0x00);
}

TEST_F(Trees, ThePackedTreeHasTheShapeWorkedOutByHand) {
  const auto t = project::pack_rtree(boxes, project::rtree_node_size(512));
  // 1000 boxes, 18 a node: 56 leaves, 4 nodes above them, then the root.
  EXPECT_EQ(t.nodes.size(), 56u + 4u + 1u);
  EXPECT_EQ(depth_of(t), 2);
  EXPECT_EQ(t.rowids.size(), 1000u);
  EXPECT_EQ(t.parents.size(), 60u);
}

TEST_F(Trees, TheModuleReadsItAsItsOwnAndKeepsItUp) {
  ASSERT_EQ(db.query_int("SELECT length(data) FROM packed_node WHERE nodeno = 1"), project::rtree_node_size(512));
  write(project::pack_rtree(boxes, project::rtree_node_size(512)));
  expect_the_same_answers("packed");
  // Rows added and removed through the module: its splits and merges work on the packed tree.
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> x(-180, 180), y(-90, 90);
  db::Transaction tx(db);
  for (int i = 0; i < 300; ++i) {
    const double x0 = x(rng), y0 = y(rng);
    for (const char* t : {"packed", "grown"}) {
      db.exec(fmt::format("INSERT INTO {} VALUES ({}, {:.17g}, {:.17g}, {:.17g}, {:.17g})", t, 5000 + i, x0, x0 + 0.001, y0, y0));
    }
  }
  for (const char* t : {"packed", "grown"}) db.exec(fmt::format("DELETE FROM {} WHERE pkid % 9 = 0", t));
  tx.commit();
  expect_the_same_answers("after 300 inserts and ~330 deletes");
}
