#pragma once
// Importing features from any GDAL vector source into a project: field mapping,
// reprojection to WGS84 through PROJ, validation with GEOS, all in one
// transaction (a failed import changes nothing).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "project/project.hpp"

namespace logiplan::io {

enum class OnDuplicate { fail, skip, replace };
// A feature with an empty name: refuse the import, leave the feature out, or
// name it after its layer and FID ("railways #4") and flag that in its attrs.
enum class Unnamed { fail, skip, label };

struct ImportOptions {
  std::optional<std::string> kind;                 // every feature's kind, unless a kind field is mapped
  std::optional<std::string> mode;                 // corridor mode for every feature
  std::map<std::string, std::string> field_map;    // target -> source field
  std::optional<std::string> layer;                // source layer, when the source has several
  std::optional<std::string> source_crs;           // overrides (or supplies) the source CRS
  std::optional<std::string> source_note;          // `source` for features that have none
  std::optional<std::string> where;                // OGR SQL attribute filter on the source
  std::optional<std::string> encoding;             // text fields' encoding when not UTF-8 (CP1258, LATIN1)
  bool make_valid = false;
  // Import features that lie outside their CRS's area of use or outside Viet Nam
  // and its border region (refused by default: almost always a wrong --src-crs).
  bool force_location = false;
  Unnamed unnamed = Unnamed::fail;
  OnDuplicate on_duplicate = OnDuplicate::fail;
};

struct ImportReport {
  std::string path;
  std::string layer;
  std::string source_crs;
  std::int64_t added = 0, replaced = 0, skipped = 0, repaired = 0, unnamed_skipped = 0, unnamed_labelled = 0;
  std::map<std::string, std::int64_t> by_kind;
  std::vector<std::string> warnings;
};

ImportReport import_features(project::Project& project, const std::string& path, const ImportOptions& options,
                             const Progress& progress = {});

}  // namespace logiplan::io
