// The print layouts of an exported QGIS project: one A3 landscape sheet per
// MapSheet, written as QGIS 3.22 writes <Layout> elements. Only what differs
// from QGIS's defaults is written (symbols, text formats and the like come from
// QGIS when it reads the project); scripts/qgis_check.py renders every sheet
// in real QGIS to check that it reads them as meant.
#include <fmt/format.h>

#include "qgis/qgs_document.hpp"

namespace logiplan::qgis {

namespace {

constexpr double kPageW = 420.0, kPageH = 297.0;  // A3 landscape, mm
constexpr double kMargin = 10.0;
constexpr double kMapX = kMargin, kMapY = 30.0;
constexpr double kSideX = kMapX + kSheetMapWidthMm + 6.0, kSideW = kPageW - kSideX - kMargin;
constexpr const char* kFont = "DejaVu Sans";  // every Vietnamese glyph; in fonts-dejavu-core

// Item type ids of QgsLayoutItemRegistry.
enum ItemType { kPage = 65638, kMap = 65639, kPicture = 65640, kLabel = 65641, kLegend = 65642, kScaleBar = 65646 };

std::string uuid(int sheet, int item) { return fmt::format("{{6c0e1a5e-0000-4000-8000-{:06d}{:06d}}}", sheet, item); }

// The attributes every layout item has: type, ids, place and size on page 1.
std::string item_attributes(ItemType type, const std::string& id, double x, double y, double w, double h, int z,
                            bool frame, bool background) {
  return fmt::format(
      "type=\"{}\" uuid=\"{}\" templateUuid=\"{}\" id=\"\" position=\"{:.2f},{:.2f},mm\" positionOnPage=\"{:.2f},{:.2f},mm\" "
      "size=\"{:.2f},{:.2f},mm\" zValue=\"{}\" frame=\"{}\" background=\"{}\" referencePoint=\"0\" itemRotation=\"0\" "
      "visibility=\"1\" positionLock=\"true\" opacity=\"1\" blendMode=\"0\" excludeFromExports=\"0\" "
      "outlineWidthM=\"0.3,mm\" frameJoinStyle=\"miter\" groupUuid=\"\"",
      static_cast<int>(type), id, id, x, y, x, y, w, h, z, frame ? "true" : "false", background ? "true" : "false");
}

std::string colours(const char* frame, const char* background) {
  return fmt::format("<FrameColor {}/><BackgroundColor {}/>", frame, background);
}

std::string font(double points, bool bold = false) {
  return fmt::format("{},{},-1,5,{},0,0,0,0,0", kFont, points, bold ? 75 : 50);
}

// Text for an XML attribute: escaped, line breaks kept (a raw newline in an
// attribute is read back as a space).
std::string attribute_text(const std::string& text) {
  std::string out;
  for (const char c : xml_escape(text)) {
    if (c == '\n') out += "&#10;";
    else out += c;
  }
  return out;
}

std::string label(const std::string& id, double x, double y, double w, double h, int z, const std::string& text,
                  double points, bool bold, int halign = 1) {
  return fmt::format(
      "      <LayoutItem {} labelText=\"{}\" htmlState=\"0\" marginX=\"0\" marginY=\"0\" halign=\"{}\" valign=\"32\">"
      "{}<LabelFont style=\"\" description=\"{}\"/><FontColor alpha=\"255\" red=\"30\" green=\"30\" blue=\"30\"/>"
      "</LayoutItem>\n",
      item_attributes(kLabel, id, x, y, w, h, z, false, false), attribute_text(text), halign,
      colours("alpha=\"255\" red=\"0\" green=\"0\" blue=\"0\"", "alpha=\"0\" red=\"255\" green=\"255\" blue=\"255\""),
      font(points, bold));
}

std::string map_item(const ProjectDocument& doc, const MapSheet& s, const std::string& id) {
  std::string layers;
  for (const auto& t : s.layers) {
    layers += fmt::format("<Layer source=\"{}\" provider=\"ogr\" name=\"{}\">{}</Layer>", xml_escape(layer_source(doc, t)),
                          xml_escape(t), layer_id(t));
  }
  const auto& e = s.extent;
  // Sea blue behind everything when the provinces (context) draw the land, so the coast shows.
  return fmt::format(
      "      <LayoutItem {} keepLayerSet=\"true\" followPreset=\"false\" followPresetName=\"\" drawCanvasItems=\"true\" "
      "mapRotation=\"0\" mapFlags=\"0\" labelMargin=\"0,mm\" isTemporal=\"0\">{}"
      "<Extent xmin=\"{:.3f}\" ymin=\"{:.3f}\" xmax=\"{:.3f}\" ymax=\"{:.3f}\"/><crs>{}</crs><LayerSet>{}</LayerSet>"
      "<AtlasMap atlasDriven=\"0\" scalingMode=\"2\" margin=\"0.1\"/></LayoutItem>\n",
      item_attributes(kMap, id, kMapX, kMapY, kSheetMapWidthMm, kSheetMapHeightMm, 1, true, true),
      colours("alpha=\"255\" red=\"60\" green=\"60\" blue=\"60\"", s.sea_background
                                                                  ? "alpha=\"255\" red=\"214\" green=\"230\" blue=\"242\""
                                                                  : "alpha=\"255\" red=\"250\" green=\"250\" blue=\"245\""),
      e[0], e[1], e[2], e[3], spatialrefsys(doc.project_crs), layers);
}

std::string legend_item(const ProjectDocument& doc, const MapSheet& s, const std::string& id, const std::string& map_id) {
  // Its own layer tree: the sheet's layers only, by their legend names; and
  // only the classes drawn inside the map (legendFilterByMap).
  std::string tree = "<layer-tree-group><customproperties/>";
  for (const auto& [table, name] : s.legend) {
    tree += fmt::format(
        "<layer-tree-layer id=\"{}\" name=\"{}\" source=\"{}\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\">"
        "<customproperties><Option type=\"Map\"><Option type=\"QString\" name=\"legend/title-label\" value=\"{}\"/></Option>"
        "</customproperties></layer-tree-layer>",
        layer_id(table), xml_escape(name), xml_escape(layer_source(doc, table)), xml_escape(name));
  }
  tree += "</layer-tree-group>";
  std::string styles;
  for (const auto& [name, points, bold, top] :
       {std::tuple{"title", 13.0, true, 0.0}, std::tuple{"group", 10.0, true, 2.5}, std::tuple{"subgroup", 9.0, true, 2.0},
        std::tuple{"symbol", 8.0, false, 1.6}, std::tuple{"symbolLabel", 8.0, false, 1.6}}) {
    styles += fmt::format("<style name=\"{}\" alignment=\"1\" indent=\"0\" marginTop=\"{}\" marginBottom=\"{}\" marginLeft=\"{}\">"
                          "<styleFont style=\"\" description=\"{}\"/></style>",
                          name, top, std::string(name) == "title" ? 3.0 : 0.0, std::string(name) == "symbolLabel" ? 2.0 : 0.0,
                          font(points, bold));
  }
  return fmt::format(
      "      <LayoutItem {} title=\"{}\" map_uuid=\"{}\" legendFilterByMap=\"1\" legendFilterByAtlas=\"0\" resizeToContents=\"0\" "
      "columnCount=\"1\" columnSpace=\"2\" splitLayer=\"1\" equalColumnWidth=\"0\" boxSpace=\"3\" symbolWidth=\"7\" "
      "symbolHeight=\"4\" lineSpacing=\"1\" wrapChar=\"\" titleAlignment=\"1\" symbolAlignment=\"1\" fontColor=\"#1e1e1e\" "
      "rasterBorder=\"1\" rasterBorderColor=\"0,0,0,255\" rasterBorderWidth=\"0\" wmsLegendWidth=\"50\" wmsLegendHeight=\"25\" "
      "minSymbolSize=\"0\" maxSymbolSize=\"0\">{}<styles>{}</styles>{}</LayoutItem>\n",
      item_attributes(kLegend, id, kSideX, kMapY, kSideW, 168.0, 3, true, true), xml_escape(s.legend_title), map_id,
      colours("alpha=\"255\" red=\"160\" green=\"160\" blue=\"160\"", "alpha=\"255\" red=\"255\" green=\"255\" blue=\"255\""),
      styles, tree);
}

std::string scale_bar(const std::string& id, const std::string& map_id) {
  // Kilometres, segments sized by QGIS to fit 30-70 mm.
  return fmt::format(
      "      <LayoutItem {} mapUuid=\"{}\" style=\"Single Box\" unitType=\"kilometers\" unitLabel=\"km\" "
      "numMapUnitsPerScaleBarUnit=\"1000\" numSegments=\"2\" numSegmentsLeft=\"0\" numSubdivisions=\"1\" "
      "subdivisionsHeight=\"1.5\" numUnitsPerSegment=\"1\" segmentSizeMode=\"1\" minBarWidth=\"30\" maxBarWidth=\"70\" "
      "segmentMillimeters=\"15\" height=\"2.5\" lineWidth=\"0.3\" outlineWidth=\"0.3\" labelBarSpace=\"2\" boxContentSpace=\"1.5\" "
      "alignment=\"0\" labelVerticalPlacement=\"0\" labelHorizontalPlacement=\"0\" lineJoinStyle=\"miter\" lineCapStyle=\"square\">"
      "{}<text-style fontFamily=\"{}\" fontSize=\"8\" fontSizeUnit=\"Point\" textColor=\"30,30,30,255\" fontWeight=\"50\" "
      "fontItalic=\"0\" textOpacity=\"1\" namedStyle=\"\" multilineHeight=\"1\" blendMode=\"0\"/>"
      "<fillColor alpha=\"255\" red=\"40\" green=\"40\" blue=\"40\"/><fillColor2 alpha=\"255\" red=\"255\" green=\"255\" blue=\"255\"/>"
      "<strokeColor alpha=\"255\" red=\"40\" green=\"40\" blue=\"40\"/></LayoutItem>\n",
      item_attributes(kScaleBar, id, kMapX + 4.0, kMapY + kSheetMapHeightMm - 16.0, 80.0, 12.0, 4, false, true), map_id,
      colours("alpha=\"255\" red=\"0\" green=\"0\" blue=\"0\"", "alpha=\"220\" red=\"255\" green=\"255\" blue=\"255\""), kFont);
}

std::string north_arrow(const std::string& id, const std::string& map_id) {
  return fmt::format(
      "      <LayoutItem {} file=\":/images/north_arrows/layout_default_north_arrow.svg\" mode=\"0\" resizeMode=\"0\" "
      "anchorPoint=\"0\" mapUuid=\"{}\" northMode=\"0\" northOffset=\"0\" pictureRotation=\"0\" pictureWidth=\"12\" "
      "pictureHeight=\"18\" svgFillColor=\"30,30,30,255\" svgBorderColor=\"255,255,255,255\" svgBorderWidth=\"0.2\">{}</LayoutItem>\n",
      item_attributes(kPicture, id, kMapX + kSheetMapWidthMm - 18.0, kMapY + 4.0, 12.0, 18.0, 5, false, false), map_id,
      colours("alpha=\"255\" red=\"0\" green=\"0\" blue=\"0\"", "alpha=\"0\" red=\"255\" green=\"255\" blue=\"255\""));
}

std::string page(int sheet) {
  return fmt::format(
      "      <PageCollection><LayoutItem {}>{}</LayoutItem><GuideCollection visible=\"0\"/></PageCollection>\n",
      item_attributes(kPage, uuid(sheet, 0), 0, 0, kPageW, kPageH, 0, false, true),
      colours("alpha=\"255\" red=\"0\" green=\"0\" blue=\"0\"", "alpha=\"255\" red=\"255\" green=\"255\" blue=\"255\""));
}

}  // namespace

std::string render_layouts(const ProjectDocument& doc) {
  if (doc.sheets.empty()) return "";
  std::string x = "  <Layouts>\n";
  int n = 0;
  for (const auto& s : doc.sheets) {
    ++n;
    const std::string map_id = uuid(n, 1);
    x += fmt::format("    <Layout name=\"{}\" units=\"mm\" printResolution=\"200\" worldFileMap=\"\">\n", xml_escape(s.name));
    x += page(n);
    x += map_item(doc, s, map_id);
    x += label(uuid(n, 2), kMargin, 8.0, kPageW - 2 * kMargin, 11.0, 2, s.title, 20.0, true);
    x += label(uuid(n, 3), kMargin, 19.5, kPageW - 2 * kMargin, 8.0, 2, s.subtitle, 11.0, false);
    x += legend_item(doc, s, uuid(n, 4), map_id);
    x += scale_bar(uuid(n, 5), map_id);
    x += north_arrow(uuid(n, 6), map_id);
    x += label(uuid(n, 7), kSideX, kMapY + 172.0, kSideW, kSheetMapHeightMm - 172.0, 2, s.notes, 8.0, false);
    x += label(uuid(n, 8), kMargin, kMapY + kSheetMapHeightMm + 3.0, kPageW - 2 * kMargin,
               kPageH - kMapY - kSheetMapHeightMm - 3.0 - 5.0, 2, s.sources, 7.5, false);
    x += "      <Atlas enabled=\"0\" hideCoverage=\"0\" filterFeatures=\"0\" sortFeatures=\"0\" coverageLayer=\"\" "
         "pageNameExpression=\"\" filenamePattern=\"\"/>\n";
    x += "    </Layout>\n";
  }
  x += "  </Layouts>\n";
  return x;
}

}  // namespace logiplan::qgis
