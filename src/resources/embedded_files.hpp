#pragma once
// Files compiled into the binary (see cmake/EmbedFiles.cmake), by repo-relative
// path: the sample model and the network settings, so logiplan works wherever
// it is installed.
#include <string_view>
#include <vector>

namespace logiplan::resources {

struct EmbeddedFile {
  std::string_view path;  // e.g. "samples/haiphong/sites.geojson"
  std::string_view data;
};

const std::vector<EmbeddedFile>& embedded_files();

// The content of an embedded file; throws std::out_of_range naming it when absent.
std::string_view embedded(std::string_view path);

}  // namespace logiplan::resources
