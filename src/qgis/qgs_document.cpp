#include "qgis/qgs_document.hpp"

#include <fmt/format.h>

#include <regex>

#include "crs/named_crs.hpp"
#include "text/fold.hpp"

namespace logiplan::qgis {

std::string spatialrefsys(const OGRSpatialReference& srs) {
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  srs.exportToWkt(&wkt, options);
  char* proj4 = nullptr;
  srs.exportToProj4(&proj4);
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  const std::string authid = auth && code ? fmt::format("{}:{}", auth, code) : "";
  const std::string out = fmt::format(
      "<spatialrefsys nativeFormat=\"Wkt\"><wkt>{}</wkt><proj4>{}</proj4><srsid>0</srsid><srid>{}</srid>"
      "<authid>{}</authid><description>{}</description><projectionacronym></projectionacronym>"
      "<ellipsoidacronym></ellipsoidacronym><geographicflag>{}</geographicflag></spatialrefsys>",
      xml_escape(wkt ? wkt : ""), xml_escape(proj4 ? proj4 : ""), code ? code : "0", authid,
      xml_escape(srs.GetName() ? srs.GetName() : ""), srs.IsGeographic() ? "true" : "false");
  CPLFree(wkt);
  CPLFree(proj4);
  return out;
}

std::string layer_id(const std::string& table) { return "logiplan_" + table; }

std::string layer_source(const ProjectDocument& doc, const std::string& table) {
  return fmt::format("./{}|layername={}", doc.gpkg_file, table);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

QmlParts split_qml(const std::string& qml) {
  QmlParts parts;
  const auto open = qml.find("<qgis");
  if (open == std::string::npos) return parts;
  const auto open_end = qml.find('>', open);
  const auto close = qml.rfind("</qgis>");
  if (open_end == std::string::npos || close == std::string::npos || close < open_end) return parts;
  // The root's attributes minus the version, which <maplayer> does not take.
  parts.attributes = std::regex_replace(qml.substr(open + 5, open_end - open - 5), std::regex(R"(\s+version="[^"]*")"), "");
  parts.body = qml.substr(open_end + 1, close - open_end - 1);
  return parts;
}

std::string render_qgs(const ProjectDocument& doc) {
  std::string x;
  x += "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
  x += fmt::format("<qgis projectname=\"{}\" version=\"3.22.16-Białowieża\">\n", xml_escape(doc.title));
  x += "  <homePath path=\"\"/>\n";
  x += fmt::format("  <title>{}</title>\n", xml_escape(doc.title));
  x += "  <autotransaction active=\"0\"/>\n  <evaluateDefaultValues active=\"0\"/>\n  <trust active=\"0\"/>\n";
  x += fmt::format("  <projectCrs>{}</projectCrs>\n", spatialrefsys(doc.project_crs));

  // Layer tree: groups, then the layers in each.
  x += "  <layer-tree-group>\n    <customproperties/>\n";
  for (const auto& g : doc.groups) {
    x += fmt::format("    <layer-tree-group name=\"{}\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n",
                     xml_escape(g));
    for (const auto& l : doc.layers) {
      if (l.group != g) continue;
      x += fmt::format(
          "      <layer-tree-layer id=\"{}\" name=\"{}\" source=\"{}\" providerKey=\"ogr\" checked=\"{}\" expanded=\"0\">"
          "<customproperties/></layer-tree-layer>\n",
          layer_id(l.table), xml_escape(l.title), xml_escape(layer_source(doc, l.table)), l.visible ? "Qt::Checked" : "Qt::Unchecked");
    }
    x += "    </layer-tree-group>\n";
  }
  x += "  </layer-tree-group>\n";

  if (doc.extent) {
    const auto& e = *doc.extent;
    x += fmt::format(
        "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\"><units>{}</units><extent><xmin>{:.6f}</xmin>"
        "<ymin>{:.6f}</ymin><xmax>{:.6f}</xmax><ymax>{:.6f}</ymax></extent><rotation>0</rotation>"
        "<destinationsrs>{}</destinationsrs><rendermaptile>0</rendermaptile></mapcanvas>\n",
        doc.project_crs.IsGeographic() ? "degrees" : "meters", e[0], e[1], e[2], e[3], spatialrefsys(doc.project_crs));
    // What QGIS shows when the project opens (and what scripts read back).
    x += fmt::format(
        "  <ProjectViewSettings UseProjectScales=\"0\"><Scales/><DefaultViewExtent xmin=\"{:.6f}\" ymin=\"{:.6f}\" "
        "xmax=\"{:.6f}\" ymax=\"{:.6f}\">{}</DefaultViewExtent></ProjectViewSettings>\n",
        e[0], e[1], e[2], e[3], spatialrefsys(doc.project_crs));
  }

  x += "  <projectlayers>\n";
  const std::string layer_srs = spatialrefsys(doc.layer_crs);
  for (const auto& l : doc.layers) {
    const auto qml = split_qml(l.qml);
    x += fmt::format("    <maplayer type=\"vector\" geometry=\"{}\" wkbType=\"{}\" autoRefreshEnabled=\"0\" {}>\n", l.geometry,
                     l.wkb_type, qml.attributes);
    x += fmt::format("      <id>{}</id>\n      <datasource>{}</datasource>\n", layer_id(l.table), xml_escape(layer_source(doc, l.table)));
    x += fmt::format("      <layername>{}</layername>\n      <srs>{}</srs>\n", xml_escape(l.title), layer_srs);
    x += "      <provider encoding=\"UTF-8\">ogr</provider>\n";
    x += qml.body;
    x += "\n    </maplayer>\n";
  }
  x += "  </projectlayers>\n";
  x += render_layouts(doc);
  // Relative paths: the project and its GeoPackage travel together.
  x += "  <properties>\n    <Paths><Absolute type=\"bool\">false</Absolute></Paths>\n";
  // QGIS 3 reads <projectCrs> only when this is set.
  x += "    <SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys>\n";
  x += "    <Measurement><DistanceUnits type=\"QString\">meters</DistanceUnits><AreaUnits type=\"QString\">ha</AreaUnits>"
       "</Measurement>\n";
  x += "  </properties>\n";
  x += "</qgis>\n";
  return x;
}

}  // namespace logiplan::qgis
