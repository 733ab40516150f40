#pragma once
// The QGIS styles of logiplan's layers (layers/<name>.qml, embedded in the
// binary) and QGIS's own layer_styles table of a GeoPackage, so a layer opened
// from any GeoPackage logiplan writes (export-qgis, an analysis' --out) comes
// styled.
#include <string>
#include <utility>
#include <vector>

#include <gdal_priv.h>

namespace logiplan::qgis {

// Layers logiplan has a style for.
std::vector<std::string> styled_layers();
std::string style_of(const std::string& layer);  // "" when none

// Creates the layer_styles table in `ds` (a GeoPackage) with one default style
// per (table, QML) pair.
void write_layer_styles(GDALDataset& ds, const std::vector<std::pair<std::string, std::string>>& styles);

}  // namespace logiplan::qgis
