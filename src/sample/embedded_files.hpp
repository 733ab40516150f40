#pragma once
// Files compiled into the binary (see cmake/EmbedFiles.cmake), by repo-relative path.
#include <string_view>
#include <vector>

namespace logiplan::sample {

struct EmbeddedFile {
  std::string_view path;  // e.g. "samples/haiphong/sites.geojson"
  std::string_view data;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace logiplan::sample
