#include "network/lane_table.hpp"

#include <fmt/format.h>

#include <cpl_conv.h>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "text/fold.hpp"

namespace logiplan::network {

std::int64_t apply_lane_table(Network& net, const std::string& path) {
  CPLConfigOptionSetter xlsx("OGR_XLSX_HEADERS", "FORCE", true);
  CPLConfigOptionSetter ods("OGR_ODS_HEADERS", "FORCE", true);
  auto ds = gdal::open_vector(path);
  OGRLayer* layer = ds->GetLayer(0);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const int by_source = defn->GetFieldIndex("source_id");
  const int by_way = defn->GetFieldIndex("way_id");
  const int by_name = defn->GetFieldIndex("name");
  const int fwd = defn->GetFieldIndex("lanes_forward");
  const int bwd = defn->GetFieldIndex("lanes_backward");
  if ((by_source < 0 && by_way < 0 && by_name < 0) || (fwd < 0 && bwd < 0)) {
    throw DataError(fmt::format("{}: a lane table needs a source_id, way_id or name column and lanes_forward / "
                                "lanes_backward columns",
                                path));
  }
  const int row_offset = std::string(ds->GetDriver()->GetDescription()) == "CSV" ? 1 : 0;
  std::int64_t changed = 0;
  for (auto& f : gdal::Features(*layer, path)) {
    const std::string where = fmt::format("{}: row {}", path, f->GetFID() + row_offset);
    auto text = [&](int i) { return i >= 0 && f->IsFieldSetAndNotNull(i) ? std::string(f->GetFieldAsString(i)) : std::string(); };
    Lanes lf, lb;
    try {
      lf = parse_lanes(text(fwd));
      lb = parse_lanes(text(bwd));
    } catch (const UsageError& e) {
      throw DataError(fmt::format("{}: {}", where, e.what()));
    }
    std::string key, source_id = text(by_source);
    if (source_id.empty() && !text(by_way).empty()) source_id = "osm:way/" + text(by_way);
    const std::string name = text::match_key(text(by_name));
    int matched = 0;
    for (auto& e : net.edges) {
      const bool hit = !source_id.empty() ? e.source_id == source_id : (!name.empty() && text::match_key(e.name) == name);
      if (!hit) continue;
      if (fwd >= 0 && e.forward.allowed) e.forward.lanes = lf;
      if (bwd >= 0 && e.backward.allowed) e.backward.lanes = lb;
      ++matched;
    }
    if (matched == 0) {
      throw DataError(fmt::format("{}: no edge with {} '{}' in the network", where, source_id.empty() ? "name" : "source_id",
                                  source_id.empty() ? text(by_name) : source_id));
    }
    changed += matched;
  }
  return changed;
}

}  // namespace logiplan::network
