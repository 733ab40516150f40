// Imports of real reference layers from ../shared/data/raw, checked against
// counts from GDAL's own ogrinfo and areas computed by the facts file's author.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <cstdio>
#include <memory>

#include "core/error.hpp"
#include "io/importer.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace logiplan;

namespace {

// Runs a shell command and returns its stdout.
std::string run(const std::string& cmd) {
  std::array<char, 4096> buf{};
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  while (pipe && fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  return out;
}

// Feature count by ogrinfo (an independent reader of the same file).
long ogrinfo_count(const std::filesystem::path& file, const std::string& where) {
  const std::string out = run("ogrinfo -ro -so -al -where \"" + where + "\" '" + file.string() + "' | grep 'Feature Count'");
  return std::stol(out.substr(out.find(':') + 1));
}

struct RealData : ::testing::Test {
  test::TempDir dir;
  std::filesystem::path shared;
  std::optional<project::Project> project;
  void SetUp() override {
    shared = test::shared_dir();
    if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
    project.emplace(project::Project::create(dir / "real.sqlite"));
  }
  std::filesystem::path imap() const {
    return shared / "data/raw/imap-haiphong-seaport-planning/CMB_CangHaiPhong_BenCang_7.geojson";
  }
};

const char* kBerthFilter = "phanloai LIKE 'Hiện trạng%' OR phanloai LIKE 'Quy hoạch%'";

}  // namespace

TEST_F(RealData, ImapBerthPolygonHasARingSelfIntersectionNamedInTheError) {
  io::ImportOptions o{.kind = "terminal", .field_map = {{"status", "phanloai"}}, .where = kBerthFilter,
                      .unnamed = io::Unnamed::label};
  try {
    io::import_features(*project, imap().string(), o);
    FAIL() << "the IMAP layer holds an invalid polygon";
  } catch (const DataError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'Bến cảng Nam Đình Vũ (giai đoạn 3)': invalid geometry: Ring Self-intersection"),
              std::string::npos) << msg;
  }
  EXPECT_EQ(project->db().query_int("SELECT count(*) FROM sites") .value_or(-1) +
                project->db().query_int("SELECT count(*) FROM areas").value_or(-1),
            0);
}

TEST_F(RealData, ImapBerthsImportWithMakeValidAndMatchOgrinfoCount) {
  io::ImportOptions o{.kind = "terminal", .field_map = {{"status", "phanloai"}}, .where = kBerthFilter,
                      .make_valid = true, .unnamed = io::Unnamed::label};
  const auto r = io::import_features(*project, imap().string(), o);
  EXPECT_EQ(r.added, ogrinfo_count(imap(), kBerthFilter));
  EXPECT_EQ(r.added, 107);  // 19 + 17 + 15 existing, 14 + 14 + 28 planned (PROVENANCE tallies)
  EXPECT_GE(r.repaired, 1);
  EXPECT_EQ(project->db().query_int("SELECT count(*) FROM areas WHERE status = 'planned'"), 56);
  EXPECT_EQ(project->db().query_int("SELECT count(*) FROM areas WHERE NOT ST_IsValid(geom)"), 0);
}

TEST_F(RealData, XuanCauIndustrialParkAreaMatchesTheFactsFile) {
  io::ImportOptions o{.kind = "industrial_park", .where = "phanloai = 'Khu công nghiệp'", .unnamed = io::Unnamed::label};
  const auto r = io::import_features(*project, imap().string(), o);
  EXPECT_EQ(r.added, 12);
  // Second method: Karney's geodesic area of each stored polygon, to 1e-6.
  auto st = project->db().prepare("SELECT name, area_ha, AsBinary(geom) FROM areas");
  std::map<std::string, double> area;
  while (st.step()) {
    const std::string wkb = st.column_text(2);
    OGRGeometry* g = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()), OGRERR_NONE);
    const gdal::GeometryPtr stored(g);
    EXPECT_NEAR(st.column_double(1) * 1e4 / test::geodesic_area_m2(*stored), 1.0, 1e-6) << st.column_text(0);
    area[st.column_text(0)] = st.column_double(1);
  }
  // facts/haiphong-seaport-planning-berths.csv gives 752.0 ha (Xuân Cầu) and 618.6 ha
  // (DEEP C2) by an unstated method, 0.17 % below the ellipsoidal area: a sanity bound.
  EXPECT_NEAR(area.at("KHU CÔNG NGHIỆP XUÂN CẦU") / 752.0, 1.0, 0.003);
  EXPECT_NEAR(area.at("KHU CÔNG NGHIỆP DEEP C2") / 618.6, 1.0, 0.003);
}

TEST_F(RealData, HotOsmRailwaysImportAsRailCorridors) {
  const auto file = shared / "data/raw/hotosm-vnm/hotosm_vnm_railways_lines_geojson.geojson";
  io::ImportOptions o{.kind = "corridor_link", .mode = "rail", .unnamed = io::Unnamed::skip};
  const auto r = io::import_features(*project, file.string(), o);
  EXPECT_EQ(r.added, ogrinfo_count(file, "name IS NOT NULL AND name <> ''"));
  EXPECT_EQ(r.added + r.unnamed_skipped, 3254);  // SOURCES.md
  // SOURCES.md: "Đường sắt Hà Nội - Hải Phòng", 44 segments, about 92 km in all of Viet Nam.
  EXPECT_EQ(project->db().query_int("SELECT count(*) FROM corridors WHERE name = 'Đường sắt Hà Nội - Hải Phòng'"), 44);
  const double km = std::stod(*project->db().query_text(
      "SELECT sum(length_km) FROM corridors WHERE name = 'Đường sắt Hà Nội - Hải Phòng'"));
  EXPECT_NEAR(km, 92.0, 3.0);
}
