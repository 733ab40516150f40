#pragma once
// `logiplan network build`: read every source, build the topology, store the
// network with its sources and settings, attach the project's facilities.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "network/attach.hpp"
#include "network/network_store.hpp"
#include "project/project.hpp"

namespace logiplan::network {

struct SourceSpec {
  std::string path;
  std::vector<Mode> modes;                        // OSM: modes to extract; lines: the one mode (or a mode field)
  std::map<std::string, std::string> field_map;   // line layers only
  std::optional<std::string> layer;
  std::optional<std::string> source_crs;
  bool node_crossings = false;
};

struct BuildOptions {
  std::string name = "main";
  std::vector<SourceSpec> sources;
  std::optional<std::string> settings_file;
  std::optional<std::string> lane_table;  // planner's lanes joined by source id or name
  bool overwrite = false;
};

struct BuildReport {
  NetworkInfo info;
  std::map<std::string, std::pair<std::int64_t, double>> by_mode_class;  // "road/primary" -> edges, km
  std::vector<Attachment> attachments;
  std::int64_t lanes_from_table = 0;
  double read_seconds = 0, topology_seconds = 0, store_seconds = 0;
};

bool is_osm_file(const std::string& path);

BuildReport build_network(project::Project& project, const BuildOptions& options, const Progress& progress = {});

}  // namespace logiplan::network
