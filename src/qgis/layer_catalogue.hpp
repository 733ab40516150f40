#pragma once
// Every layer an export may hold, in one table: its layer-tree group and title
// in the QGIS project, its name in a map sheet's legend (Vietnamese, English),
// and whether it is drawn when the project opens.
#include <span>
#include <string>

namespace logiplan::qgis {

struct LayerEntry {
  const char* table;
  const char* group;
  const char* title;      // in the layer tree
  const char* legend_vi;  // in a sheet's legend; "" = the table name
  const char* legend_en;
  bool visible = true;    // the many-line layers start hidden, so the map stays readable
};

// In tree order: groups top to bottom, layers within them.
std::span<const LayerEntry> layer_catalogue();
std::span<const char* const> layer_groups();
const LayerEntry* layer_entry(const std::string& table);  // null when unknown

}  // namespace logiplan::qgis
