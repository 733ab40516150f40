#pragma once
// Tasks as layers for maps and reports: a table of tasks with their places
// (`plan_tasks`) and, per geometry type, each task with the geometry of its
// linked places as one multi-geometry (`plan_task_sites` MultiPoint,
// `plan_task_areas` MultiPolygon, `plan_task_corridors` MultiLineString), so
// QGIS draws every task where it happens.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "handles/gdal.hpp"
#include "project/project.hpp"
#include "tasks/task_query.hpp"

namespace logiplan::tasks {

struct TaskExportOptions {
  std::optional<std::string> crs;     // default WGS84
  std::optional<std::string> format;  // GDAL driver; default from the extension
  bool overwrite = false;
};

struct TaskExportReport {
  std::vector<std::pair<std::string, int>> layers;  // name, features
  std::vector<std::filesystem::path> files;
};

// Writes the task layers into an open dataset (e.g. the QGIS export's
// GeoPackage): the non-spatial `plan_tasks` and/or the three geometry layers
// (a geometry layer is written only when some task has places of its type).
std::vector<std::pair<std::string, int>> write_task_layers(GDALDataset& ds, db::Database& db,
                                                           const std::vector<TaskRecord>& tasks,
                                                           const OGRSpatialReference& target, bool with_table,
                                                           bool with_geometry);

// CSV, XLSX, ODS: the task table; GPKG: the table and the three layers;
// GeoJSON, FlatGeobuf, Shapefile: one file per geometry layer.
TaskExportReport export_tasks(db::Database& db, const std::filesystem::path& out, const std::vector<TaskRecord>& tasks,
                              const TaskExportOptions& options);

}  // namespace logiplan::tasks
