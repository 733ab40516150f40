#include "project/vocabulary.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/error.hpp"
#include "text/fold.hpp"

namespace logiplan::project {

namespace {
constexpr std::array kKinds = {
    KindInfo{"seaport", "seaport / port area", "cảng biển", true, true, false},
    KindInfo{"terminal", "port terminal / berth", "bến cảng", true, true, false},
    KindInfo{"logistics_centre", "logistics centre", "trung tâm logistics", true, true, false},
    KindInfo{"free_trade_zone", "free-trade zone", "khu thương mại tự do", false, true, false},
    KindInfo{"economic_zone", "economic zone", "khu kinh tế", false, true, false},
    KindInfo{"icd", "ICD / dry port", "cảng cạn", true, true, false},
    KindInfo{"industrial_park", "industrial park", "khu công nghiệp", true, true, false},
    KindInfo{"border_gate", "border gate", "cửa khẩu", true, false, false},
    KindInfo{"airport", "airport", "cảng hàng không", true, true, false},
    KindInfo{"rail_station", "rail station", "ga đường sắt", true, false, false},
    KindInfo{"corridor_link", "corridor link", "tuyến hành lang", false, false, true},
};

// Other spellings, as match keys (folded, lower case).
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kKindAliases = {{
    {"port", "seaport"}, {"cang bien", "seaport"}, {"cang", "seaport"},
    {"ben cang", "terminal"}, {"berth", "terminal"},
    {"logistics centre", "logistics_centre"}, {"logistics center", "logistics_centre"},
    {"logistics_center", "logistics_centre"}, {"trung tam logistics", "logistics_centre"}, {"ttlg", "logistics_centre"},
    {"ftz", "free_trade_zone"}, {"khu thuong mai tu do", "free_trade_zone"}, {"khu tmtd", "free_trade_zone"},
    {"khu kinh te", "economic_zone"}, {"kkt", "economic_zone"},
    {"dry port", "icd"}, {"dry_port", "icd"}, {"cang can", "icd"},
    {"khu cong nghiep", "industrial_park"}, {"kcn", "industrial_park"},
    {"cua khau", "border_gate"}, {"san bay", "airport"}, {"ga", "rail_station"}, {"corridor", "corridor_link"},
}};

constexpr std::array<std::string_view, 5> kStatuses = {"operating", "under_construction", "approved", "planned",
                                                       "proposed"};
// Prefixes of match keys: IMAP says "Quy hoạch sau 2030", "Hiện trạng".
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kStatusPrefixes = {{
    {"operating", "operating"}, {"existing", "operating"}, {"dang hoat dong", "operating"},
    {"hoat dong", "operating"}, {"hien trang", "operating"},
    {"under construction", "under_construction"}, {"dang xay dung", "under_construction"},
    {"dang thi cong", "under_construction"}, {"approved", "approved"}, {"da phe duyet", "approved"},
    {"planned", "planned"}, {"quy hoach", "planned"}, {"proposed", "proposed"}, {"de xuat", "proposed"},
}};

constexpr std::array<std::string_view, 4> kModes = {"road", "rail", "inland_waterway", "sea"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kModeAliases = {{
    {"road", "road"}, {"duong bo", "road"}, {"rail", "rail"}, {"railway", "rail"}, {"duong sat", "rail"},
    {"inland waterway", "inland_waterway"}, {"waterway", "inland_waterway"}, {"duong thuy noi dia", "inland_waterway"},
    {"duong thuy", "inland_waterway"}, {"sea", "sea"}, {"hang hai", "sea"}, {"duong bien", "sea"},
}};

std::string key_of(std::string_view s) {
  std::string k = text::match_key(s);
  for (char& c : k) {
    if (c == '_' || c == '-') c = ' ';
  }
  return k;
}
}  // namespace

std::span<const KindInfo> kinds() { return kKinds; }

const KindInfo& find_kind(std::string_view spelling) {
  const std::string key = key_of(spelling);
  for (const auto& k : kKinds) {
    if (key == key_of(k.kind)) return k;
  }
  for (const auto& [alias, kind] : kKindAliases) {
    if (key == alias) return find_kind(kind);
  }
  std::string list;
  for (const auto& k : kKinds) list += (list.empty() ? "" : ", ") + std::string(k.kind);
  throw UsageError(fmt::format("unknown kind '{}': the project knows {}", spelling, list));
}

bool allows(const KindInfo& kind, GeometryClass g) {
  switch (g) {
    case GeometryClass::point: return kind.point;
    case GeometryClass::polygon: return kind.polygon;
    case GeometryClass::line: return kind.line;
  }
  return false;
}

std::string_view table_of(GeometryClass g) {
  switch (g) {
    case GeometryClass::point: return "sites";
    case GeometryClass::polygon: return "areas";
    case GeometryClass::line: return "corridors";
  }
  return "";
}

std::string_view geometry_name(GeometryClass g) {
  switch (g) {
    case GeometryClass::point: return "point";
    case GeometryClass::polygon: return "polygon";
    case GeometryClass::line: return "line";
  }
  return "";
}

std::span<const std::string_view> statuses() { return kStatuses; }

std::optional<std::string_view> find_status(std::string_view spelling) {
  const std::string key = key_of(spelling);
  if (key.empty()) return std::nullopt;
  for (const auto& [prefix, status] : kStatusPrefixes) {
    if (key.rfind(prefix, 0) == 0) return status;
  }
  return std::nullopt;
}

std::span<const std::string_view> modes() { return kModes; }

std::optional<std::string_view> find_mode(std::string_view spelling) {
  const std::string key = key_of(spelling);
  for (const auto& [alias, mode] : kModeAliases) {
    if (key == alias) return mode;
  }
  return std::nullopt;
}

std::string joined(std::span<const std::string_view> words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

}  // namespace logiplan::project
