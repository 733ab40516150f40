#include "qgis/layer_catalogue.hpp"

namespace logiplan::qgis {

namespace {

// Result layers are included when a run produced them.
constexpr LayerEntry kLayers[] = {
    {"plan_task_sites", "Plan tasks", "Nhiệm vụ tại điểm (plan_task_sites)", "", ""},
    {"plan_task_corridors", "Plan tasks", "Nhiệm vụ theo tuyến (plan_task_corridors)", "", ""},
    {"plan_task_areas", "Plan tasks", "Nhiệm vụ theo khu vực (plan_task_areas)", "", ""},
    {"plan_tasks", "Plan tasks", "Bảng nhiệm vụ (plan_tasks)", "", ""},
    {"route", "Analyses", "Tuyến đường (route)", "Tuyến đường", "Route"},
    {"route_steps", "Analyses", "Tuyến đường: từng chặng (route_steps)", "Tuyến đường: từng chặng", "Route steps", false},
    {"matrix", "Analyses", "Ma trận thời gian OD (matrix)", "", "", false},
    {"bridges", "Analyses", "Đoạn không có đường vòng (bridges)", "", "", false},
    {"articulation_points", "Analyses", "Nút xung yếu (articulation_points)", "", "", false},
    {"unreachable_pairs", "Analyses", "Cặp OD không đi được (unreachable_pairs)", "", "", false},
    {"critical_links", "Analyses", "Đoạn xung yếu (critical_links)", "Đoạn xung yếu", "Critical links"},
    {"lane_audit_segments", "Analyses", "Đoạn cần làn riêng (lane_audit_segments)", "Đoạn cần làn riêng (kiểm tra làn)", "Segments needing a dedicated lane"},
    {"lane_audit_paths", "Analyses", "Kiểm tra làn: các tuyến (lane_audit_paths)", "Tuyến cảng – trung tâm logistics", "Port – logistics-centre paths", false},
    {"service_area_polygons", "Analyses", "Vùng phục vụ (service_area_polygons)", "Vùng phục vụ (phút)", "Service area (minutes)"},
    {"service_area_edges", "Analyses", "Vùng phục vụ: các đoạn đường (service_area_edges)", "Đoạn đường trong vùng phục vụ", "Roads in the service area", false},
    {"siting_facilities", "Analyses", "Vị trí đề xuất: chọn / không chọn (siting_facilities)", "Vị trí đề xuất", "Candidate and chosen sites"},
    {"siting_allocation", "Analyses", "Phân bổ nhu cầu → cơ sở (siting_allocation)", "Phân bổ nhu cầu", "Demand allocation", false},
    {"siting_scores", "Analyses", "Điểm đánh giá đa tiêu chí (siting_scores)", "Điểm đánh giá đa tiêu chí", "Multi-criteria scores"},
    {"assignment_links", "Analyses", "Lưu lượng phân bổ, V/C (assignment_links)", "Lưu lượng phân bổ, V/C", "Assigned volumes, V/C"},
    {"select_link_flows", "Analyses", "Chuyến đi qua đoạn chọn: lộ trình (select_link_flows)", "", ""},
    {"select_link_pairs", "Analyses", "Chuyến đi qua đoạn chọn: cặp OD (select_link_pairs)", "", "", false},
    {"corridor_bottlenecks", "Analyses", "Hành lang: điểm nghẽn (corridor_bottlenecks)", "Hành lang: điểm nghẽn", "Corridor bottlenecks"},
    {"corridor_segments", "Analyses", "Hành lang: các đoạn, trạng thái làn (corridor_segments)", "Hành lang: các đoạn", "Corridor segments"},
    {"sites", "Facilities", "Cảng, bến, TTLG, ICD, KCN, cửa khẩu (sites)", "Cảng, bến, TTLG, ICD, KCN, cửa khẩu", "Ports, terminals, logistics centres, ICDs, parks, gates"},
    {"network_edges", "Network", "Mạng lưới: làn riêng / hỗn hợp (network_edges)", "Mạng lưới đường: làn riêng / hỗn hợp", "Road network: dedicated / mixed lanes"},
    {"corridors", "Network", "Hành lang (corridors)", "Hành lang", "Corridors"},
    {"areas", "Zones", "Khu kinh tế, Khu thương mại tự do (areas)", "Khu kinh tế, Khu thương mại tự do", "Economic zones, free-trade zone"},
    {"coastline", "Context", "Đường bờ biển, biên giới (coastline)", "Đường bờ biển, biên giới quốc gia", "Coastline, national border"},
    {"provinces", "Context", "Tỉnh, thành phố (provinces)", "Tỉnh, thành phố", "Provinces"},
};
constexpr const char* kGroups[] = {"Plan tasks", "Analyses", "Facilities", "Network", "Zones", "Context"};

}  // namespace

std::span<const LayerEntry> layer_catalogue() { return kLayers; }
std::span<const char* const> layer_groups() { return kGroups; }

const LayerEntry* layer_entry(const std::string& table) {
  for (const auto& l : kLayers) {
    if (table == l.table) return &l;
  }
  return nullptr;
}

}  // namespace logiplan::qgis
