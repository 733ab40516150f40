#include "support/ascii_map.hpp"

#include <fmt/format.h>

#include <cctype>
#include <stdexcept>

namespace logiplan::test {

namespace {
struct Grid {
  std::map<char, std::pair<int, int>> cells;  // letter -> row, col
  std::map<char, int> ids;
};

Grid parse(const std::string& map) {
  Grid g;
  int row = 0, col = 0, next = 1;
  for (char ch : map) {
    if (ch == '\n') {
      ++row;
      col = 0;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      g.cells[ch] = {row, col};
      g.ids[ch] = next++;
    }
    ++col;
  }
  return g;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}
}  // namespace

std::pair<double, double> ascii_position(const std::string& map, char node) {
  const auto g = parse(map);
  const auto [row, col] = g.cells.at(node);
  return {106.70 + 0.001 * col, 20.80 - 0.001 * row};
}

std::string ascii_osm(const std::string& map, const std::vector<AsciiWay>& ways,
                      const std::vector<AsciiRestriction>& restrictions) {
  const auto g = parse(map);
  std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"logiplan-tests\">\n";
  for (const auto& [ch, id] : g.ids) {
    const auto [lon, lat] = ascii_position(map, ch);
    xml += fmt::format("  <node id=\"{}\" version=\"1\" lat=\"{:.7f}\" lon=\"{:.7f}\"/>\n", id, lat, lon);
  }
  for (std::size_t w = 0; w < ways.size(); ++w) {
    xml += fmt::format("  <way id=\"{}\" version=\"1\">\n", 100 + w);
    for (char ch : ways[w].nodes) {
      if (!g.ids.count(ch)) throw std::invalid_argument(fmt::format("node '{}' is not on the map", ch));
      xml += fmt::format("    <nd ref=\"{}\"/>\n", g.ids.at(ch));
    }
    auto tags = ways[w].tags;
    if (!tags.count("highway") && !tags.count("railway") && !tags.count("waterway") && !tags.count("route")) {
      tags["highway"] = "primary";
    }
    for (const auto& [k, v] : tags) xml += fmt::format("    <tag k=\"{}\" v=\"{}\"/>\n", escape(k), escape(v));
    xml += "  </way>\n";
  }
  for (std::size_t r = 0; r < restrictions.size(); ++r) {
    const auto& rr = restrictions[r];
    xml += fmt::format("  <relation id=\"{}\" version=\"1\">\n", 500 + r);
    xml += fmt::format("    <member type=\"way\" ref=\"{}\" role=\"from\"/>\n", 100 + rr.from_way);
    xml += fmt::format("    <member type=\"node\" ref=\"{}\" role=\"via\"/>\n", g.ids.at(rr.via));
    xml += fmt::format("    <member type=\"way\" ref=\"{}\" role=\"to\"/>\n", 100 + rr.to_way);
    xml += "    <tag k=\"type\" v=\"restriction\"/>\n";
    for (const auto& [k, v] : rr.tags) xml += fmt::format("    <tag k=\"{}\" v=\"{}\"/>\n", escape(k), escape(v));
    xml += "  </relation>\n";
  }
  return xml + "</osm>\n";
}

}  // namespace logiplan::test
