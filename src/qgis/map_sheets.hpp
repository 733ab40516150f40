#pragma once
// Which map sheets (print layouts) an export gets, and what is on them: an A3
// overview of the model, framed on Hải Phòng, and one sheet per analysis the
// export holds (route, service area, lane audit, critical links, siting,
// corridor, assignment), each framed on its result. Texts in Vietnamese or
// English.
#include <array>
#include <string>
#include <vector>

#include <gdal_priv.h>

#include "qgis/qgs_document.hpp"

namespace logiplan::qgis {

struct SheetTexts {
  std::string lang = "vi";          // vi or en
  std::string project_name;         // the project file's name
  std::string date;                 // of the export, YYYY-MM-DD
  std::string data_sources;         // the source keys of the project's features
  std::string network_source;       // "OpenStreetMap" or the file the network came from ("" = no network)
  std::string context_attribution;  // "" = no context layers
};

// The sheets for the layers in `gpkg` (the export's GeoPackage) and `doc`'s
// layers. `overview` is the overview's frame in lon/lat.
std::vector<MapSheet> plan_sheets(GDALDataset& gpkg, const ProjectDocument& doc, const std::array<double, 4>& overview,
                                  const SheetTexts& texts);

// A layer's name in a sheet's legend.
std::string legend_name(const std::string& table, const std::string& lang);

}  // namespace logiplan::qgis
