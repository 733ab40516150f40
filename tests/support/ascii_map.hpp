#pragma once
// Small OSM networks drawn as ASCII maps (the habit of Valhalla's gurka tests):
//
//     a---b---c
//         |
//         d
//
// Every letter is a node: column c, row r lies at lon 106.70 + 0.001 c,
// lat 20.80 - 0.001 r (about 104 m and 111 m apart). Ways list node letters in
// order; restrictions name ways by index and the via node by letter.
#include <map>
#include <string>
#include <vector>

namespace logiplan::test {

struct AsciiWay {
  std::string nodes;                         // "abc"
  std::map<std::string, std::string> tags;   // highway=primary is added when no highway/railway/... tag
};

struct AsciiRestriction {
  std::map<std::string, std::string> tags;  // restriction=no_left_turn, except=...
  int from_way = 0;
  char via = 0;
  int to_way = 0;
};

// OSM XML for the map; node ids are 1, 2, ... in order of first appearance (row by row).
std::string ascii_osm(const std::string& map, const std::vector<AsciiWay>& ways,
                      const std::vector<AsciiRestriction>& restrictions = {});

// Position of a node letter in the map, as lon, lat.
std::pair<double, double> ascii_position(const std::string& map, char node);

}  // namespace logiplan::test
