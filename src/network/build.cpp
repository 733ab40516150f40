#include "network/build.hpp"

#include <fmt/format.h>

#include <chrono>

#include "core/error.hpp"
#include "network/lane_table.hpp"
#include "network/line_source.hpp"
#include "network/osm_source.hpp"
#include "network/topology.hpp"

namespace logiplan::network {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

bool is_osm_file(const std::string& path) {
  for (auto ext : {".osm.pbf", ".pbf", ".osm", ".osm.gz", ".osm.bz2", ".o5m", ".opl"}) {
    if (ends_with(path, ext)) return true;
  }
  return false;
}

BuildReport build_network(project::Project& project, const BuildOptions& options, const Progress& progress) {
  if (options.sources.empty()) throw UsageError("no sources: give --from FILE (OSM extract or line layer)");
  if (find_network(project.db(), options.name) && !options.overwrite) {
    throw DataError(fmt::format("network '{}' exists in {} (use --overwrite to rebuild it)", options.name,
                                project.path().string()));
  }
  const auto settings = BuildSettings::load(options.settings_file);
  BuildReport report;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<RawNetwork> raw;
  nlohmann::json sources = nlohmann::json::array();
  std::int64_t next_vertex_id = -1;
  for (const auto& src : options.sources) {
    nlohmann::json rec = {{"path", src.path}};
    std::vector<std::string> modes;
    for (auto m : src.modes) modes.emplace_back(mode_name(m));
    rec["modes"] = modes;
    if (is_osm_file(src.path)) {
      rec["reader"] = "libosmium";
      raw.push_back(read_osm(src.path, src.modes.empty() ? std::vector<Mode>{Mode::road} : src.modes, settings, progress));
    } else {
      if (src.modes.size() > 1) throw UsageError(fmt::format("{}: a line layer takes one --mode", src.path));
      LineSourceOptions lo;
      if (!src.modes.empty()) lo.mode = src.modes.front();
      lo.field_map = src.field_map;
      lo.layer = src.layer;
      lo.source_crs = src.source_crs;
      lo.node_crossings = src.node_crossings;
      rec["reader"] = "gdal";
      rec["field_map"] = src.field_map;
      if (src.source_crs) rec["source_crs"] = *src.source_crs;
      rec["node_crossings"] = src.node_crossings;
      raw.push_back(read_line_layer(src.path, lo, settings, next_vertex_id, progress));
    }
    sources.push_back(rec);
  }
  report.read_seconds = since(t0);
  t0 = std::chrono::steady_clock::now();
  Network net = build_topology(std::move(raw));
  report.topology_seconds = since(t0);
  if (net.edges.empty()) throw DataError("the sources gave no edges (all zero-length or duplicates?)");
  nlohmann::json settings_record = settings.json;
  if (options.lane_table) {
    report.lanes_from_table = apply_lane_table(net, *options.lane_table);
    settings_record["lane_table"] = *options.lane_table;
  }
  t0 = std::chrono::steady_clock::now();
  // One transaction for the network and its attachments: a kill or an error
  // between them must not leave a network whose facilities look unattached.
  db::Transaction tx(project.db());
  const auto id = save_network(project.db(), options.name, net, sources, settings_record, options.overwrite);
  report.attachments = attach_facilities(project.db(), id, net, settings);
  report.info = *find_network(project.db(), options.name);
  tx.commit();
  report.store_seconds = since(t0);
  for (const auto& e : net.edges) {
    auto& [n, km] = report.by_mode_class[fmt::format("{}/{}", mode_name(e.mode), e.road_class)];
    ++n;
    km += e.length_m / 1000.0;
  }
  return report;
}

}  // namespace logiplan::network
