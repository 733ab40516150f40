#include "flows/tntp.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.hpp"

namespace logiplan::flows {

namespace {

std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataError(fmt::format("{}: cannot open", path));
  return in;
}

std::optional<double> number(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "<NUMBER OF NODES> 24": the tags and their values, up to <END OF METADATA>.
std::map<std::string, std::string> metadata(std::istream& in, const std::string& path, int& line_no) {
  std::map<std::string, std::string> tags;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const auto open_at = line.find('<'), close_at = line.find('>');
    if (open_at == std::string::npos || close_at == std::string::npos || close_at < open_at) continue;
    const std::string tag = line.substr(open_at + 1, close_at - open_at - 1);
    if (tag == "END OF METADATA") return tags;
    std::string value = line.substr(close_at + 1);
    value.erase(0, value.find_first_not_of(" \t\r"));
    value.erase(value.find_last_not_of(" \t\r") + 1);
    tags[tag] = value;
  }
  throw DataError(fmt::format("{}: no <END OF METADATA> line: not a TNTP file", path));
}

int tag_int(const std::map<std::string, std::string>& tags, const std::string& tag, const std::string& path) {
  const auto it = tags.find(tag);
  if (it == tags.end()) throw DataError(fmt::format("{}: no <{}> in the metadata", path, tag));
  const auto v = number(it->second);
  if (!v || *v < 0 || *v != std::floor(*v)) throw DataError(fmt::format("{}: <{}> '{}' is not a whole number", path, tag, it->second));
  return static_cast<int>(*v);
}

}  // namespace

RoadLinks read_tntp_network(const std::string& path) {
  auto in = open(path);
  int line_no = 0;
  const auto tags = metadata(in, path, line_no);
  RoadLinks net;
  net.zones = tag_int(tags, "NUMBER OF ZONES", path);
  net.nodes = tag_int(tags, "NUMBER OF NODES", path);
  net.first_thru_node = std::max(0, tag_int(tags, "FIRST THRU NODE", path) - 1);
  const int expected = tag_int(tags, "NUMBER OF LINKS", path);
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '~') continue;
    for (auto& c : line) if (c == ';') c = ' ';
    std::istringstream s(line);
    std::vector<std::string> cells;
    for (std::string c; s >> c;) cells.push_back(c);
    if (cells.empty()) continue;
    if (cells.size() < 7) {
      throw DataError(fmt::format("{}, line {}: {} values; a link needs init_node term_node capacity length "
                                  "free_flow_time b power",
                                  path, line_no, cells.size()));
    }
    double v[7];
    static const char* names[] = {"init_node", "term_node", "capacity", "length", "free_flow_time", "b", "power"};
    for (int k = 0; k < 7; ++k) {
      const auto x = number(cells[static_cast<std::size_t>(k)]);
      if (!x) throw DataError(fmt::format("{}, line {}: {} '{}' is not a number", path, line_no, names[k], cells[static_cast<std::size_t>(k)]));
      v[k] = *x;
    }
    for (int k = 0; k < 2; ++k) {
      if (v[k] < 1 || v[k] > net.nodes || v[k] != std::floor(v[k])) {
        throw DataError(fmt::format("{}, line {}: {} {} is not a node 1..{}", path, line_no, names[k], v[k], net.nodes));
      }
    }
    net.add(static_cast<int>(v[0]) - 1, static_cast<int>(v[1]) - 1, v[4], v[2], v[5], v[6], v[3],
            static_cast<std::int64_t>(net.size() + 1));
  }
  if (static_cast<int>(net.size()) != expected) {
    throw DataError(fmt::format("{}: {} links, but <NUMBER OF LINKS> says {}", path, net.size(), expected));
  }
  net.check(path);
  return net;
}

OdMatrix read_tntp_trips(const std::string& path, int zones) {
  auto in = open(path);
  int line_no = 0;
  const auto tags = metadata(in, path, line_no);
  const int declared = tag_int(tags, "NUMBER OF ZONES", path);
  if (declared != zones) {
    throw DataError(fmt::format("{}: {} zones, but the network has {}", path, declared, zones));
  }
  OdMatrix od(zones);
  int origin = -1;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    for (auto& c : line) if (c == ';') c = ' ';
    std::string spaced;  // "5:100.0" and "5 : 100.0" alike
    for (const char c : line) spaced += c == ':' ? std::string(" : ") : std::string(1, c);
    std::istringstream s(spaced);
    std::vector<std::string> t;
    for (std::string c; s >> c;) t.push_back(c);
    for (std::size_t k = 0; k < t.size();) {
      if (t[k] == "Origin") {
        const auto o = k + 1 < t.size() ? number(t[k + 1]) : std::nullopt;
        if (!o || *o < 1 || *o > zones) throw DataError(fmt::format("{}, line {}: origin is not a zone 1..{}", path, line_no, zones));
        origin = static_cast<int>(*o) - 1;
        k += 2;
        continue;
      }
      if (k + 2 >= t.size() || t[k + 1] != ":") {
        throw DataError(fmt::format("{}, line {}: '{}' where 'destination : trips;' was expected", path, line_no, t[k]));
      }
      if (origin < 0) throw DataError(fmt::format("{}, line {}: trips before any 'Origin' line", path, line_no));
      const auto d = number(t[k]);
      const auto v = number(t[k + 2]);
      if (!d || *d < 1 || *d > zones) throw DataError(fmt::format("{}, line {}: destination '{}' is not a zone 1..{}", path, line_no, t[k], zones));
      if (!v || *v < 0) throw DataError(fmt::format("{}, line {}: trips '{}' is not a non-negative number", path, line_no, t[k + 2]));
      od.at(origin, static_cast<int>(*d) - 1) += *v;
      k += 3;
    }
  }
  return od;
}

void write_tntp_flows(const std::string& path, const RoadLinks& links, const std::vector<double>& volume,
                      const std::vector<double>& cost) {
  std::ofstream out(path);
  if (!out) throw DataError(fmt::format("{}: cannot write", path));
  out << "From \tTo \tVolume \tCost \n";
  for (std::size_t a = 0; a < links.size(); ++a) {
    out << fmt::format("{} \t{} \t{:.17g} \t{:.17g} \n", links.from[a] + 1, links.to[a] + 1, volume[a], cost[a]);
  }
  if (!out) throw DataError(fmt::format("{}: write failed", path));
}

std::vector<PublishedFlow> read_tntp_flows(const std::string& path) {
  auto in = open(path);
  std::vector<PublishedFlow> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::istringstream s(line);
    std::vector<std::string> t;
    for (std::string c; s >> c;) t.push_back(c);
    if (t.size() < 4 || !number(t[0])) continue;  // the header
    const auto f = number(t[0]), to = number(t[1]), v = number(t[2]), c = number(t[3]);
    if (!to || !v || !c) throw DataError(fmt::format("{}, line {}: not From To Volume Cost", path, line_no));
    out.push_back({static_cast<int>(*f), static_cast<int>(*to), *v, *c});
  }
  return out;
}

double OdMatrix::total() const {
  double t = 0;
  for (const double v : trips) t += v;
  return t;
}

}  // namespace logiplan::flows
