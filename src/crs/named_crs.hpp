#pragma once
// Coordinate systems Vietnamese planners use, by readable name, on top of any
// EPSG code, WKT or PROJ string. Definitions always come from PROJ's EPSG
// database (datum shift included), never from hand-copied proj strings.
#include <ogr_spatialref.h>

#include <span>
#include <string>
#include <string_view>

namespace logiplan::crs {

struct NamedCrs {
  std::string_view name;         // what users type: "vn2000-haiphong"
  std::string_view definition;   // what PROJ reads: "EPSG:9210"
  std::string_view description;
};

std::span<const NamedCrs> named_crs();

// The definition PROJ/GDAL understand for what the user typed: a name above,
// "EPSG:n", a bare EPSG number, WKT or a PROJ string. Throws UsageError listing
// the readable names when PROJ does not know it.
std::string definition(std::string_view user_input);

// A spatial reference for what the user typed, in lon/lat (x = easting) order.
OGRSpatialReference spatial_reference(std::string_view user_input);

// "EPSG:9210 (VN-2000 / TM-3 105-45)", or the CRS name when it has no code.
std::string describe(const OGRSpatialReference& srs);

// The WGS84 storage CRS of the project file, lon/lat order.
const OGRSpatialReference& wgs84();

}  // namespace logiplan::crs
