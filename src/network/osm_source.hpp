#pragma once
// Reads an OpenStreetMap extract (.osm.pbf, .osm, .osm.gz/.bz2) into raw lines.
//
// Why libosmium and not GDAL's OSM driver: routing needs the node ids ways
// share (that is what makes a junction, and what keeps a bridge over a road
// from becoming one), every tag of a way (lanes, *:lanes, access), and
// restriction relations with their from/via/to roles. GDAL's driver flattens
// ways into lines keyed by coordinates and keeps only configured tags;
// libosmium gives all three directly, streams large files, and is in Debian.
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "network/build_settings.hpp"
#include "network/osm_tags.hpp"
#include "network/raw_lines.hpp"

namespace logiplan::network {

// Lines of the given modes (road: highway=*, rail: railway=rail, inland
// waterway: waterway=river|canal, sea: route=ferry) whose class the settings
// know, and type=restriction relations. Throws DataError naming the file when
// it cannot be read.
RawNetwork read_osm(const std::string& path, const std::vector<Mode>& modes, const BuildSettings& settings,
                    const Progress& progress = {});

// Fills speed, lanes and access from the tags of a way (shared with tests).
void apply_osm_tags(Edge& e, const Tags& tags, const BuildSettings& settings);

}  // namespace logiplan::network
