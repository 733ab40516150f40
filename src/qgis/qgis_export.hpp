#pragma once
// `logiplan export-qgis`: one folder with a GeoPackage (facilities, zones,
// corridors, the network with its lane status, plan tasks, analysis results)
// and a QGIS project over it with groups and the styles of layers/*.qml, also
// stored in the GeoPackage's layer_styles table so a layer dragged into any
// QGIS project comes styled.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "project/project.hpp"

namespace logiplan::qgis {

struct QgisExportOptions {
  std::filesystem::path out_dir;
  std::string name;                  // file stem; default: the project file's
  std::string crs = "wgs84";         // the QGIS project's CRS (layers stay in WGS84)
  std::vector<std::int64_t> runs;    // analysis runs to include; empty: the latest of each kind
  bool overwrite = false;
  std::string lang = "vi";           // the map sheets' language: vi or en
  std::filesystem::path context;     // province polygons (geoBoundaries ADM1 ...) drawn under the model; empty: none
  bool pdf = false;                  // render every map sheet to PDF and PNG with QGIS (headless)
};

struct QgisLayerReport {
  std::string table, group, title;
  std::int64_t features = 0;
};

struct QgisExportReport {
  std::filesystem::path gpkg, qgs;
  std::vector<QgisLayerReport> layers;
  std::vector<std::string> skipped;  // result layers without a style, and why
  std::vector<std::string> sheets;   // the print layouts, by name
  std::vector<std::filesystem::path> rendered;  // with pdf: the PDF and PNG files
};

// With options.pdf: runs QGIS's Python (LOGIPLAN_QGIS_PYTHON, default
// /usr/bin/python3 with Debian's python3-qgis) on the written project; throws
// DataError with QGIS's message when it cannot.
QgisExportReport export_qgis(project::Project& project, const QgisExportOptions& options, const Progress& progress = {});

}  // namespace logiplan::qgis
