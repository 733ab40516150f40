#pragma once
// Text and JSON renderings shared by several commands.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <vector>

#include "io/importer.hpp"
#include "project/feature_store.hpp"

namespace logiplan::cli {

void print_layers(std::FILE* out, const std::vector<project::LayerKindSummary>& layers);
nlohmann::json layers_json(const std::vector<project::LayerKindSummary>& layers);

void print_import(std::FILE* out, const io::ImportReport& report);
nlohmann::json import_json(const io::ImportReport& report);

}  // namespace logiplan::cli
