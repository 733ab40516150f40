#include "crs/named_crs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/error.hpp"
#include "handles/gdal.hpp"

namespace logiplan::crs {

namespace {
// VN-2000 TM-3 central meridians per province follow Circular 973/2001/TT-TCĐC
// (e.g. Hải Phòng and TP HCM 105°45′, Hà Nội 105°00′, Quảng Ninh 107°45′).
constexpr std::array kNamed = {
    NamedCrs{"wgs84", "EPSG:4326", "WGS 84 geographic (lon, lat): the project's storage CRS"},
    NamedCrs{"utm48n", "EPSG:32648", "WGS 84 / UTM zone 48N"},
    NamedCrs{"utm49n", "EPSG:32649", "WGS 84 / UTM zone 49N"},
    NamedCrs{"vn2000", "EPSG:4756", "VN-2000 geographic"},
    NamedCrs{"vn2000-utm48n", "EPSG:3405", "VN-2000 / UTM zone 48N"},
    NamedCrs{"vn2000-utm49n", "EPSG:3406", "VN-2000 / UTM zone 49N"},
    NamedCrs{"vn2000-haiphong", "EPSG:9210", "VN-2000 / TM-3 105-45 (Hải Phòng, k = 0.9999)"},
    NamedCrs{"vn2000-hcm", "EPSG:9210", "VN-2000 / TM-3 105-45 (TP Hồ Chí Minh)"},
    NamedCrs{"vn2000-hanoi", "EPSG:5897", "VN-2000 / TM-3 zone 482, 105-00 (Hà Nội)"},
    NamedCrs{"vn2000-haiduong", "EPSG:9209", "VN-2000 / TM-3 105-30 (former Hải Dương)"},
    NamedCrs{"vn2000-quangninh", "EPSG:5899", "VN-2000 / TM-3 107-45 (Quảng Ninh)"},
    NamedCrs{"vn2000-langson", "EPSG:9215", "VN-2000 / TM-3 107-15 (Lạng Sơn)"},
    NamedCrs{"vn2000-laocai", "EPSG:9208", "VN-2000 / TM-3 104-45 (Lào Cai)"},
    NamedCrs{"vn2000-tm3-102-00", "EPSG:5896", "VN-2000 / TM-3 zone 481"},
    NamedCrs{"vn2000-tm3-103-00", "EPSG:9205", "VN-2000 / TM-3 103-00"},
    NamedCrs{"vn2000-tm3-104-00", "EPSG:9206", "VN-2000 / TM-3 104-00"},
    NamedCrs{"vn2000-tm3-104-30", "EPSG:9207", "VN-2000 / TM-3 104-30"},
    NamedCrs{"vn2000-tm3-104-45", "EPSG:9208", "VN-2000 / TM-3 104-45"},
    NamedCrs{"vn2000-tm3-105-00", "EPSG:5897", "VN-2000 / TM-3 zone 482"},
    NamedCrs{"vn2000-tm3-105-30", "EPSG:9209", "VN-2000 / TM-3 105-30"},
    NamedCrs{"vn2000-tm3-105-45", "EPSG:9210", "VN-2000 / TM-3 105-45"},
    NamedCrs{"vn2000-tm3-106-00", "EPSG:9211", "VN-2000 / TM-3 106-00"},
    NamedCrs{"vn2000-tm3-106-15", "EPSG:9212", "VN-2000 / TM-3 106-15"},
    NamedCrs{"vn2000-tm3-106-30", "EPSG:9213", "VN-2000 / TM-3 106-30"},
    NamedCrs{"vn2000-tm3-107-00", "EPSG:9214", "VN-2000 / TM-3 107-00"},
    NamedCrs{"vn2000-tm3-107-15", "EPSG:9215", "VN-2000 / TM-3 107-15"},
    NamedCrs{"vn2000-tm3-107-30", "EPSG:9216", "VN-2000 / TM-3 107-30"},
    NamedCrs{"vn2000-tm3-107-45", "EPSG:5899", "VN-2000 / TM-3 107-45"},
    NamedCrs{"vn2000-tm3-108-00", "EPSG:5898", "VN-2000 / TM-3 zone 491"},
    NamedCrs{"vn2000-tm3-108-15", "EPSG:9217", "VN-2000 / TM-3 108-15"},
    NamedCrs{"vn2000-tm3-108-30", "EPSG:9218", "VN-2000 / TM-3 108-30"},
};

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string readable_names() {
  std::string out;
  for (const auto& n : kNamed) {
    if (n.name.rfind("vn2000-tm3-", 0) == 0) continue;  // listed by `logiplan crs list`
    out += out.empty() ? "" : ", ";
    out += n.name;
  }
  return out + ", vn2000-tm3-DDD-MM";
}
}  // namespace

std::span<const NamedCrs> named_crs() { return kNamed; }

std::string definition(std::string_view user_input) {
  const std::string key = lower_trimmed(user_input);
  if (key.empty()) throw UsageError("empty CRS: give an EPSG code (EPSG:9210) or a name such as vn2000-haiphong");
  for (const auto& n : kNamed) {
    if (key == n.name) return std::string(n.definition);
  }
  if (std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return "EPSG:" + key;
  }
  return std::string(user_input);
}

OGRSpatialReference spatial_reference(std::string_view user_input) {
  gdal::ensure_registered();
  const std::string def = definition(user_input);
  OGRSpatialReference srs;
  CPLErrorReset();
  if (srs.SetFromUserInput(def.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
      OGRERR_NONE) {
    throw UsageError(fmt::format("unknown CRS '{}': give an EPSG code (e.g. EPSG:9210), WKT, a PROJ string, "
                                 "or one of: {}",
                                 user_input, readable_names()));
  }
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string describe(const OGRSpatialReference& srs) {
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  const char* name = srs.GetName();
  if (auth && code) return fmt::format("{}:{} ({})", auth, code, name ? name : "");
  return name ? name : "unnamed CRS";
}

const OGRSpatialReference& wgs84() {
  static const OGRSpatialReference srs = [] {
    gdal::ensure_registered();
    OGRSpatialReference s;
    s.importFromEPSG(4326);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
  }();
  return srs;
}

}  // namespace logiplan::crs
