#pragma once
// Map context for the exported project's sheets: province boundaries from an
// open-data file (geoBoundaries ADM1 or any polygon layer), clipped to a frame
// around the sheets' frames, and the coastline: the outer boundary of all
// provinces (computed before clipping, so a frame edge is never drawn as coast;
// where a frame reaches China or Laos, that outer boundary is the land border).
#include <array>
#include <filesystem>
#include <string>

#include <gdal_priv.h>

namespace logiplan::qgis {

struct ContextReport {
  std::int64_t provinces = 0, coastline_parts = 0;
  std::string attribution;  // for the sheets' footers
};

// Writes the layers `provinces` (name, iso) and `coastline` into `gpkg`, in
// WGS84, clipped to frame (lon/lat: xmin, ymin, xmax, ymax). The name comes
// from a shapeName, name, ten or NAME_1 field; iso from shapeISO or iso.
// Throws DataError naming the file and feature on unreadable input.
ContextReport write_context_layers(GDALDataset& gpkg, const std::filesystem::path& file, const std::array<double, 4>& frame);

}  // namespace logiplan::qgis
