#pragma once
// A QGIS project file (.qgs, QGIS 3 XML) over one GeoPackage beside it: layers
// referenced by a relative path ("./name.gpkg|layername=sites"), so the folder
// can be zipped and sent; layer-tree groups; each layer's style embedded from
// its QML; the project CRS chosen by the caller.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

namespace logiplan::qgis {

struct ProjectLayer {
  std::string table;      // layer (table) name in the GeoPackage
  std::string title;      // shown in the layer tree
  std::string group;      // layer-tree group
  std::string geometry;   // Point, Line, Polygon or No geometry (QGIS's words)
  std::string wkb_type;   // MultiPoint, LineString, ... or NoGeometry
  std::string qml;        // the style, a whole QML document ("" = QGIS's default)
  bool visible = true;
};

// A print layout (map sheet): one map of chosen layers over a chosen extent,
// with a title, legend, scale bar, north arrow and the sheet's notes.
struct MapSheet {
  std::string name;                   // the layout's name in QGIS (unique)
  std::string file_stem;              // for rendered files: NAME-<file_stem>.pdf
  std::string title, subtitle;
  std::array<double, 4> extent{};     // project CRS: xmin, ymin, xmax, ymax
  std::vector<std::string> layers;    // tables drawn, top first
  std::string legend_title;
  std::vector<std::pair<std::string, std::string>> legend;  // table, its name in the legend, top first
  std::string notes;                  // CRS, date, scale (lines)
  std::string sources;                // the footer: data sources and attributions (lines)
  bool sea_background = false;        // sea blue behind the map (its land drawn by the provinces), else paper
};

// A map frame's size on an A3 landscape sheet, mm (what extents are fitted to).
inline constexpr double kSheetMapWidthMm = 300.0, kSheetMapHeightMm = 232.0;

struct ProjectDocument {
  std::string title;
  std::string gpkg_file;             // file name only, e.g. haiphong.gpkg
  OGRSpatialReference layer_crs;     // the GeoPackage's storage CRS
  OGRSpatialReference project_crs;
  // Initial view, in project CRS: xmin, ymin, xmax, ymax.
  std::optional<std::array<double, 4>> extent;
  std::vector<std::string> groups;   // in tree order, top first
  std::vector<ProjectLayer> layers;  // in tree order within their groups
  std::vector<MapSheet> sheets;      // print layouts
};

// A layer's id in the project and its data source (relative to the project).
std::string layer_id(const std::string& table);
std::string layer_source(const ProjectDocument& doc, const std::string& table);

// The .qgs XML text.
std::string render_qgs(const ProjectDocument& doc);

// The inner XML of a QML document (what goes inside <maplayer>) and the
// attributes of its root element (scale visibility, labels enabled ...).
struct QmlParts {
  std::string attributes;
  std::string body;
};
QmlParts split_qml(const std::string& qml);

std::string xml_escape(const std::string& s);

// The <Layouts> element of the project (print_layout.cpp).
std::string render_layouts(const ProjectDocument& doc);

// The <spatialrefsys> element of a CRS, as QGIS writes it.
std::string spatialrefsys(const OGRSpatialReference& srs);

}  // namespace logiplan::qgis
