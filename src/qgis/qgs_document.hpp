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

struct ProjectDocument {
  std::string title;
  std::string gpkg_file;             // file name only, e.g. haiphong.gpkg
  OGRSpatialReference layer_crs;     // the GeoPackage's storage CRS
  OGRSpatialReference project_crs;
  // Initial view, in project CRS: xmin, ymin, xmax, ymax.
  std::optional<std::array<double, 4>> extent;
  std::vector<std::string> groups;   // in tree order, top first
  std::vector<ProjectLayer> layers;  // in tree order within their groups
};

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

}  // namespace logiplan::qgis
