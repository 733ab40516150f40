#include "qgis/map_sheets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/version.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"
#include "qgis/layer_catalogue.hpp"

namespace logiplan::qgis {

namespace {

struct SheetKind {
  const char* stem;
  const char* vi_name;
  const char* en_name;
  const char* vi_title;
  const char* en_title;
  std::vector<const char*> results;  // the analysis' layers; the sheet is made when the first one has features
};

const std::vector<SheetKind>& sheet_kinds() {
  static const std::vector<SheetKind> kinds = {
      {"route", "Tuyến đường", "Route", "Tuyến đường", "Route", {"route"}},
      {"service-area", "Vùng phục vụ", "Service area", "Vùng phục vụ theo thời gian đi lại", "Service area by travel time",
       {"service_area_polygons", "service_area_edges"}},
      {"lane-audit", "Kiểm tra làn riêng", "Lane audit",
       "Làn riêng cho xe máy, xe thô sơ trên các tuyến cảng – trung tâm logistics",
       "Dedicated motorbike and rudimentary-vehicle lanes, port – logistics-centre roads",
       {"lane_audit_segments", "lane_audit_paths"}},
      {"critical-links", "Đoạn xung yếu", "Critical links", "Đoạn xung yếu: chi phí đi vòng khi đoạn bị cắt",
       "Critical links: the detour a closure costs", {"critical_links"}},
      {"siting", "Chọn vị trí TTLG", "Siting", "Chọn vị trí trung tâm logistics", "Logistics-centre siting",
       {"siting_facilities", "siting_allocation", "siting_scores"}},
      {"corridor", "Hành lang", "Corridor", "Nghiên cứu hành lang: làn và điểm nghẽn",
       "Corridor study: lanes and bottlenecks", {"corridor_segments", "corridor_bottlenecks"}},
      {"assignment", "Phân bổ lưu lượng", "Assignment", "Lưu lượng xe tải, xe máy (phân bổ cân bằng)",
       "Truck and motorbike volumes (equilibrium assignment)", {"assignment_links"}},
  };
  return kinds;
}

// Base layers under every sheet, top first.
constexpr const char* kBase[] = {"sites", "corridors", "network_edges", "areas", "coastline", "provinces"};

bool has_features(GDALDataset& ds, const char* table) {
  OGRLayer* l = ds.GetLayerByName(table);
  return l && l->GetFeatureCount() > 0;
}

std::optional<std::array<double, 4>> extent_of(GDALDataset& ds, const std::vector<const char*>& tables) {
  std::optional<std::array<double, 4>> e;
  for (const char* t : tables) {
    OGRLayer* l = ds.GetLayerByName(t);
    OGREnvelope env;
    if (!l || l->GetFeatureCount() == 0 || l->GetExtent(&env, TRUE) != OGRERR_NONE) continue;
    if (!e) e = std::array<double, 4>{env.MinX, env.MinY, env.MaxX, env.MaxY};
    (*e)[0] = std::min((*e)[0], env.MinX);
    (*e)[1] = std::min((*e)[1], env.MinY);
    (*e)[2] = std::max((*e)[2], env.MaxX);
    (*e)[3] = std::max((*e)[3], env.MaxY);
  }
  return e;
}

// A lon/lat box as the map frame's extent in the project CRS: with a margin,
// at least `min_size` wide (project units), widened to the frame's aspect.
std::array<double, 4> frame_extent(const std::array<double, 4>& lonlat, const OGRSpatialReference& project_crs) {
  auto ct = gdal::make_transformation(crs::wgs84(), project_crs);
  std::array<double, 4> e{};
  if (!ct->TransformBounds(lonlat[0], lonlat[1], lonlat[2], lonlat[3], &e[0], &e[1], &e[2], &e[3], 21)) e = lonlat;
  const double min_size = project_crs.IsGeographic() ? 0.03 : 3000.0;
  double w = std::max(e[2] - e[0], min_size) * 1.12, h = std::max(e[3] - e[1], min_size) * 1.12;
  const double aspect = kSheetMapWidthMm / kSheetMapHeightMm;
  if (w / h < aspect) w = h * aspect;
  else h = w / aspect;
  const double cx = (e[0] + e[2]) / 2, cy = (e[1] + e[3]) / 2;
  return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

std::string first_text(GDALDataset& ds, const char* table, const char* field) {
  OGRLayer* l = ds.GetLayerByName(table);
  if (!l) return "";
  l->ResetReading();
  gdal::FeaturePtr f(l->GetNextFeature());
  if (!f || f->GetFieldIndex(field) < 0) return "";
  return f->GetFieldAsString(field);
}

std::string runs_of(GDALDataset& ds, const std::vector<const char*>& tables) {
  std::vector<std::int64_t> runs;
  for (const char* t : tables) {
    OGRLayer* l = ds.GetLayerByName(t);
    if (!l || l->GetLayerDefn()->GetFieldIndex("run_id") < 0) continue;
    l->ResetReading();
    while (gdal::FeaturePtr f{l->GetNextFeature()}) {
      const auto r = f->GetFieldAsInteger64("run_id");
      if (std::find(runs.begin(), runs.end(), r) == runs.end()) runs.push_back(r);
    }
  }
  std::sort(runs.begin(), runs.end());
  return fmt::format("{}", fmt::join(runs, ", "));
}

std::string crs_text(const OGRSpatialReference& srs) {
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  return fmt::format("{}{}", srs.GetName() ? srs.GetName() : "?", auth && code ? fmt::format(" ({}:{})", auth, code) : "");
}

std::string display_date(const std::string& iso, bool vi) {
  if (!vi || iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace

std::string legend_name(const std::string& table, const std::string& lang) {
  const LayerEntry* e = layer_entry(table);
  const char* name = !e ? "" : lang == "en" ? e->legend_en : e->legend_vi;
  return *name ? name : table;
}

std::vector<MapSheet> plan_sheets(GDALDataset& gpkg, const ProjectDocument& doc, const std::array<double, 4>& overview,
                                  const SheetTexts& t) {
  const bool vi = t.lang != "en";
  const auto in_doc = [&](const std::string& table) {
    return std::any_of(doc.layers.begin(), doc.layers.end(), [&](const ProjectLayer& l) { return l.table == table; });
  };
  std::string notes = vi ? fmt::format("Hệ tọa độ: {}\nNgày lập: {}\nLập bằng logiplan {}", crs_text(doc.project_crs),
                                       display_date(t.date, true), kVersion)
                         : fmt::format("Coordinate system: {}\nDate: {}\nMade with logiplan {}", crs_text(doc.project_crs),
                                       t.date, kVersion);
  std::vector<std::string> sources;
  sources.push_back(vi ? fmt::format("Dữ liệu: dự án {}; nguồn các đối tượng: {}", t.project_name, t.data_sources)
                       : fmt::format("Data: project {}; feature sources: {}", t.project_name, t.data_sources));
  if (t.network_source == "OpenStreetMap") {
    sources.push_back(vi ? "Mạng lưới đường: © OpenStreetMap contributors (ODbL)"
                         : "Road network: © OpenStreetMap contributors (ODbL)");
  } else if (!t.network_source.empty()) {
    sources.push_back(vi ? "Mạng lưới đường: " + t.network_source : "Road network: " + t.network_source);
  }
  if (!t.context_attribution.empty()) {
    sources.push_back((vi ? "Ranh giới tỉnh, đường bờ: " : "Provinces, coastline: ") + t.context_attribution);
  }
  const std::string footer = fmt::format("{}", fmt::join(sources, "\n"));

  auto make = [&](const char* stem, std::string name, std::string title, std::string subtitle,
                  const std::vector<const char*>& results, const std::array<double, 4>& lonlat) {
    MapSheet s;
    s.name = std::move(name);
    s.file_stem = stem;
    s.title = std::move(title);
    s.subtitle = std::move(subtitle);
    for (const char* r : results) {
      if (in_doc(r) && has_features(gpkg, r)) s.layers.emplace_back(r);
    }
    for (const char* b : kBase) {
      if (in_doc(b) && has_features(gpkg, b)) s.layers.emplace_back(b);
    }
    for (const auto& l : s.layers) s.legend.emplace_back(l, legend_name(l, t.lang));
    s.sea_background = std::find(s.layers.begin(), s.layers.end(), "provinces") != s.layers.end();
    s.extent = frame_extent(lonlat, doc.project_crs);
    s.legend_title = vi ? "Chú giải" : "Legend";
    s.notes = notes;
    s.sources = footer;
    return s;
  };

  std::vector<MapSheet> sheets;
  sheets.push_back(make("overview", vi ? "Bản đồ tổng quan" : "Overview",
                        vi ? "Hải Phòng: hạ tầng logistics — cảng, trung tâm logistics, khu kinh tế, hành lang"
                           : "Hải Phòng: logistics infrastructure — ports, logistics centres, zones, corridors",
                        vi ? fmt::format("Mô hình không gian của dự án {}", t.project_name)
                           : fmt::format("The spatial model of project {}", t.project_name),
                        {}, overview));
  for (const auto& k : sheet_kinds()) {
    if (!in_doc(k.results.front()) || !has_features(gpkg, k.results.front())) continue;
    // Framed on the analysis' main layer (siting: the sites, not every scored candidate).
    const auto e = extent_of(gpkg, {k.results.front()});
    if (!e) continue;
    std::string title = vi ? k.vi_title : k.en_title;
    if (std::string(k.stem) == "route") {
      const auto from = first_text(gpkg, "route", "origin"), to = first_text(gpkg, "route", "destination");
      if (!from.empty() && !to.empty()) title += fmt::format(": {} → {}", from, to);
    }
    const auto runs = runs_of(gpkg, k.results);
    sheets.push_back(make(k.stem, vi ? k.vi_name : k.en_name, title,
                          vi ? fmt::format("Dự án {}; kết quả lần chạy số {}", t.project_name, runs)
                             : fmt::format("Project {}; results of run {}", t.project_name, runs),
                          k.results, *e));
  }
  return sheets;
}

}  // namespace logiplan::qgis
