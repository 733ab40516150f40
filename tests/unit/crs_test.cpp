#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "crs/point_transform.hpp"

using namespace logiplan;
using namespace logiplan::crs;

// Independent values: `cs2cs -f %.4f EPSG:4326 EPSG:9210` (PROJ 9.1.1), input lat lon.
struct Reference {
  double lon, lat, e, n;
};
constexpr Reference kCs2cs[] = {
    {106.90547, 20.79833, 620093.2154, 2301058.6426},  // Lạch Huyện berths 1-2 (HICT)
    {106.69031, 20.86757, 597647.7852, 2308579.0202},  // Hoàng Diệu terminal
    {106.79830, 20.62870, 609056.9731, 2282201.7159},  // Nam Đồ Sơn
};

TEST(Crs, Wgs84ToVn2000HaiphongMatchesCs2csToTheMillimetre) {
  const PointTransformer t("wgs84", "vn2000-haiphong");
  for (const auto& r : kCs2cs) {
    const auto p = t.forward({r.lon, r.lat});
    EXPECT_NEAR(p.x, r.e, 0.001) << r.lon << "," << r.lat;
    EXPECT_NEAR(p.y, r.n, 0.001) << r.lon << "," << r.lat;
  }
}

TEST(Crs, RoundTripIsUnderOneMillimetre) {
  const PointTransformer t("EPSG:4326", "EPSG:9210");
  const PointTransformer metric("EPSG:4326", "EPSG:9210");
  for (const auto& r : kCs2cs) {
    const auto there = t.forward({r.lon, r.lat});
    const auto back = t.inverse(there);
    // Measure the round-trip error in metres, in the projected CRS.
    const auto again = metric.forward(back);
    EXPECT_LT(std::hypot(again.x - there.x, again.y - there.y), 0.001);
    EXPECT_NEAR(back.x, r.lon, 1e-8);
    EXPECT_NEAR(back.y, r.lat, 1e-8);
  }
}

TEST(Crs, HandCopiedStringWithReversedRotationsIsOffByAboutThreeQuartersOfAMetre) {
  // The widely copied string: +towgs84 with rx, ry, rz signs reversed.
  const PointTransformer wrong(
      "wgs84",
      "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
      "+towgs84=-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278 "
      "+units=m +no_defs +type=crs");
  const PointTransformer right("wgs84", "vn2000-haiphong");
  const auto a = wrong.forward({106.90547, 20.79833});
  const auto b = right.forward({106.90547, 20.79833});
  const double off = std::hypot(a.x - b.x, a.y - b.y);
  EXPECT_GT(off, 0.6);
  EXPECT_LT(off, 0.9);
}

TEST(Crs, AxisOrderIsLonLatForGeographicCrs) {
  // EPSG:4326 -> EPSG:4756 (VN-2000 geographic): x stays a longitude near 106.9.
  const PointTransformer t("wgs84", "vn2000");
  const auto p = t.forward({106.90547, 20.79833});
  EXPECT_NEAR(p.x, 106.9, 0.01);
  EXPECT_NEAR(p.y, 20.8, 0.01);
}

TEST(Crs, NamesResolveToEpsg) {
  EXPECT_EQ(definition("vn2000-haiphong"), "EPSG:9210");
  EXPECT_EQ(definition("VN2000-HAIPHONG"), "EPSG:9210");
  EXPECT_EQ(definition("vn2000-tm3-107-45"), "EPSG:5899");
  EXPECT_EQ(definition("9210"), "EPSG:9210");
  EXPECT_EQ(describe(spatial_reference("vn2000-haiphong")), "EPSG:9210 (VN-2000 / TM-3 105-45)");
  // Every name PROJ must know, with the scale factor 0.9999 for the TM-3 ones.
  for (const auto& n : named_crs()) {
    const auto srs = spatial_reference(n.name);
    if (std::string(n.name).rfind("vn2000-tm3", 0) == 0) {
      EXPECT_DOUBLE_EQ(srs.GetProjParm(SRS_PP_SCALE_FACTOR), 0.9999) << n.name;
    }
  }
}

TEST(Crs, UnknownNameIsAUsageErrorListingNames) {
  try {
    spatial_reference("vn2000-atlantis");
    FAIL();
  } catch (const UsageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("unknown CRS 'vn2000-atlantis'"), std::string::npos);
    EXPECT_NE(msg.find("vn2000-haiphong"), std::string::npos);
  }
}
