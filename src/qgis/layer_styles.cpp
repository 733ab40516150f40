#include "qgis/layer_styles.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "resources/embedded_files.hpp"

namespace logiplan::qgis {

std::vector<std::string> styled_layers() {
  std::vector<std::string> out;
  for (const auto& f : resources::embedded_files()) {
    if (f.path.rfind("layers/", 0) == 0 && f.path.size() > 11 && f.path.substr(f.path.size() - 4) == ".qml") {
      out.emplace_back(f.path.substr(7, f.path.size() - 11));
    }
  }
  return out;
}

std::string style_of(const std::string& layer) {
  for (const auto& f : resources::embedded_files()) {
    if (f.path == "layers/" + layer + ".qml") return std::string(f.data);
  }
  return "";
}

void write_layer_styles(GDALDataset& ds, const std::vector<std::pair<std::string, std::string>>& styles) {
  gdal::StringList lco;
  lco.add("FID=id");
  OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, lco.get());
  if (!layer) throw DataError(fmt::format("{}: cannot create layer_styles: {}", ds.GetDescription(), gdal::last_error()));
  for (const char* n : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML",
                        "styleSLD"}) {
    OGRFieldDefn f(n, OFTString);
    layer->CreateField(&f);
  }
  OGRFieldDefn use("useAsDefault", OFTInteger);
  use.SetSubType(OFSTBoolean);
  layer->CreateField(&use);
  for (const char* n : {"description", "owner", "ui"}) {
    OGRFieldDefn f(n, OFTString);
    layer->CreateField(&f);
  }
  OGRFieldDefn when("update_time", OFTDateTime);
  layer->CreateField(&when);
  for (const auto& [table, qml] : styles) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("f_table_catalog", "");
    f.SetField("f_table_schema", "");
    f.SetField("f_table_name", table.c_str());
    f.SetField("f_geometry_column", "geom");
    f.SetField("styleName", table.c_str());
    f.SetField("styleQML", qml.c_str());
    f.SetField("styleSLD", "");
    f.SetField("useAsDefault", 1);
    f.SetField("description", ("logiplan style (layers/" + table + ".qml)").c_str());
    f.SetField("owner", "");
    f.SetField("ui", "");
    if (layer->CreateFeature(&f) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: cannot write layer_styles: {}", ds.GetDescription(), gdal::last_error()));
    }
  }
}

}  // namespace logiplan::qgis
