#pragma once
// Renders the print layouts of an exported project to PDF and PNG with QGIS
// itself, headless (src/qgis/render_layouts.py, embedded, run by QGIS's Python).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace logiplan::qgis {

// files: (layout name, file stem). Writes OUT_DIR/STEM.pdf and STEM.png per
// layout; returns them. The Python is LOGIPLAN_QGIS_PYTHON or /usr/bin/python3.
std::vector<std::filesystem::path> render_sheets(const std::filesystem::path& qgs, const std::filesystem::path& out_dir,
                                                 const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace logiplan::qgis
