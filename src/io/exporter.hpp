#pragma once
// Writing the project's layers to the formats GIS tools read, in any CRS, through
// GDALVectorTranslate (the library behind ogr2ogr).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/progress.hpp"
#include "project/project.hpp"

namespace logiplan::io {

struct ExportOptions {
  std::optional<std::string> crs;      // anything crs::definition() accepts; default WGS84
  std::vector<std::string> layers;     // sites, areas, corridors, network_*; empty = all non-empty ones
  std::optional<std::string> kind;     // only features of this kind
  std::optional<std::string> format;   // GDAL driver name; default from the extension
  bool overwrite = false;
};

struct ExportReport {
  std::string driver;
  std::vector<std::pair<std::string, std::int64_t>> layers;  // layer, features written
  std::vector<std::filesystem::path> files;
};

// The GDAL driver for an output path's extension, or throws UsageError.
std::string driver_for(const std::filesystem::path& out);

ExportReport export_layers(project::Project& project, const std::filesystem::path& out,
                           const ExportOptions& options, const Progress& progress = {});

}  // namespace logiplan::io
