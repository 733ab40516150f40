#include "tasks/task_table.hpp"

#include <cpl_string.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "text/fold.hpp"
#include "text/recode.hpp"

namespace logiplan::tasks {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool has(const std::string& key, std::string_view part) { return key.find(part) != std::string::npos; }

// The column a header names, from the wording of the plans' appendices.
// Order matters: "Đơn vị chủ trì thực hiện" is the lead, not the timeline.
std::optional<Column> recognise(const std::string& header) {
  const std::string k = text::match_key(header);
  if (k.empty()) return std::nullopt;
  if (k == "tt" || k == "stt" || k == "so tt" || k == "so thu tu" || k == "no" || k == "no.") return Column::tt;
  if (has(k, "chu tri") || k == "lead" || k == "lead agency") return Column::lead;
  if (has(k, "phoi hop") || k == "partners" || k == "partner agencies") return Column::partners;
  if (has(k, "thoi gian") || has(k, "thoi han") || has(k, "tien do") || k == "timeline" || k == "deadline") {
    return Column::timeline;
  }
  if (has(k, "tham quyen") || has(k, "cap trinh") || k == "authority") return Column::authority;
  if (k.rfind("san pham", 0) == 0 || k.rfind("ket qua", 0) == 0 || k == "product" || k == "output") return Column::product;
  if (has(k, "tinh trang") || has(k, "trang thai") || k == "status") return Column::status;
  if (has(k, "nhiem vu") || has(k, "noi dung") || has(k, "cong viec") || k == "content" || k == "task") {
    return Column::content;
  }
  return std::nullopt;
}

std::optional<Column> column_by_name(const std::string& name) {
  for (auto c : kColumns) {
    if (column_name(c) == name) return c;
  }
  return std::nullopt;
}

struct ColumnOverride {
  Column column;
  std::optional<int> index;        // 0-based
  std::optional<std::string> key;  // header match key
};

std::vector<ColumnOverride> parse_columns(const std::string& spec) {
  std::vector<ColumnOverride> out;
  std::size_t start = 0;
  while (start < spec.size()) {
    auto comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    const std::string item = trim(spec.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const auto column = eq == std::string::npos ? std::nullopt : column_by_name(trim(item.substr(0, eq)));
    if (!column) {
      throw UsageError(fmt::format("--columns: '{}' is not COLUMN=HEADER; columns are tt, content, lead, partners, "
                                   "timeline, product, authority, status",
                                   item));
    }
    const std::string value = trim(item.substr(eq + 1));
    ColumnOverride o{*column, std::nullopt, std::nullopt};
    if (value.size() > 1 && value[0] == '#' && std::all_of(value.begin() + 1, value.end(), ::isdigit)) {
      o.index = std::stoi(value.substr(1)) - 1;
    } else {
      o.key = text::match_key(value);
    }
    out.push_back(o);
  }
  return out;
}

// Cells of one row, decoded to UTF-8 (or refused).
std::vector<std::string> read_cells(OGRFeature& f, int field_count, const TableOptions& options, const std::string& path,
                                    int row) {
  std::vector<std::string> cells(static_cast<std::size_t>(field_count));
  for (int i = 0; i < field_count; ++i) {
    if (!f.IsFieldSetAndNotNull(i)) continue;
    std::string v = f.GetFieldAsString(i);
    if (options.encoding) v = text::recode_to_utf8(v, *options.encoding);
    if (row == 1 && i == 0 && v.rfind("\xEF\xBB\xBF", 0) == 0) v.erase(0, 3);  // UTF-8 byte-order mark
    if (!text::is_valid_utf8(v)) {
      throw DataError(fmt::format(
          "{}: row {}, column {}: the text is not UTF-8{}. Vietnamese tables saved by older Windows tools are "
          "often Windows-1258: re-save the file as UTF-8, or give --encoding CP1258",
          path, row, i + 1, options.encoding ? fmt::format(" even after decoding from {}", *options.encoding) : ""));
    }
    cells[static_cast<std::size_t>(i)] = trim(v);
  }
  return cells;
}

}  // namespace

std::string_view column_name(Column c) {
  switch (c) {
    case Column::tt: return "tt";
    case Column::content: return "content";
    case Column::lead: return "lead";
    case Column::partners: return "partners";
    case Column::timeline: return "timeline";
    case Column::product: return "product";
    case Column::authority: return "authority";
    case Column::status: return "status";
  }
  return "?";
}

std::string TableRow::get(Column c) const {
  const auto it = cells.find(c);
  return it == cells.end() ? std::string() : it->second;
}

TaskTable read_task_table(const std::string& path, const TableOptions& options) {
  TaskTable table;
  table.path = path;
  const auto overrides = options.columns ? parse_columns(*options.columns) : std::vector<ColumnOverride>{};
  // Every cell as text, no header guessing: the header row is found below.
  CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "DISABLE", true);
  CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "DISABLE", true);
  CPLConfigOptionSetter xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING", true);
  CPLConfigOptionSetter ods_types("OGR_ODS_FIELD_TYPES", "STRING", true);
  auto ds = gdal::open_vector(path, {"HEADERS=NO", "AUTODETECT_TYPE=NO"});
  OGRLayer* layer = options.sheet ? ds->GetLayerByName(options.sheet->c_str()) : ds->GetLayer(0);
  if (!layer) {
    throw DataError(fmt::format("{}: {}", path, options.sheet ? fmt::format("no sheet '{}'", *options.sheet) : "no table"));
  }
  table.layer = layer->GetName();
  const int field_count = layer->GetLayerDefn()->GetFieldCount();

  std::map<Column, int> index;  // column -> 0-based cell index
  std::vector<std::string> header_keys;
  std::vector<std::string> first_rows;  // for the error message
  int row = 0;
  layer->ResetReading();
  for (auto& f : gdal::Features(*layer, path)) {
    ++row;
    const auto cells = read_cells(*f, field_count, options, path, row);
    const bool empty = std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
    if (empty) continue;
    if (!table.header_row) {
      std::map<Column, int> found;
      for (int i = 0; i < field_count; ++i) {
        if (const auto c = recognise(cells[static_cast<std::size_t>(i)]); c && !found.count(*c)) found[*c] = i;
      }
      for (const auto& o : overrides) {
        if (o.index) {
          found[o.column] = *o.index;
          continue;
        }
        found.erase(o.column);
        for (int i = 0; i < field_count; ++i) {
          if (text::match_key(cells[static_cast<std::size_t>(i)]) == *o.key) found[o.column] = i;
        }
      }
      if (found.count(Column::tt) && found.count(Column::content)) {
        table.header_row = row;
        index = found;
        for (const auto& [c, i] : found) {
          if (i >= 0 && i < field_count) table.headers[c] = cells[static_cast<std::size_t>(i)];
        }
        for (const auto& c : cells) header_keys.push_back(text::match_key(c));
      } else if (first_rows.size() < 3) {
        std::string shown;
        for (const auto& c : cells) {
          if (!c.empty()) shown += fmt::format("{}'{}'", shown.empty() ? "" : ", ", c.substr(0, 40));
        }
        first_rows.push_back(fmt::format("row {}: {}", row, shown));
      }
      continue;
    }
    std::vector<std::string> keys;
    for (const auto& c : cells) keys.push_back(text::match_key(c));
    if (keys == header_keys) continue;  // the header repeated after a page break
    TableRow r;
    r.row = row;
    for (const auto& [c, i] : index) {
      if (i < 0 || i >= field_count) {
        throw UsageError(fmt::format("--columns: {} points at column {}, but {} has {} columns", column_name(c), i + 1,
                                     path, field_count));
      }
      if (!cells[static_cast<std::size_t>(i)].empty()) r.cells[c] = cells[static_cast<std::size_t>(i)];
    }
    if (r.get(Column::tt).empty()) {
      if (table.rows.empty()) {
        throw DataError(fmt::format("{}: row {}: no TT, and no task above it to continue", path, row));
      }
      auto& above = table.rows.back();
      for (const auto& [c, text] : r.cells) {
        auto& target = above.cells[c];
        const bool bullet = text.rfind("- ", 0) == 0;
        target = target.empty() ? text : target + (bullet ? "\n" : " ") + text;
      }
      continue;
    }
    table.rows.push_back(std::move(r));
  }
  if (!table.header_row) {
    throw DataError(fmt::format(
        "{}: no header row naming the TT and task columns (e.g. 'TT' and 'Nội dung thực hiện' / 'Tên nhiệm vụ' / "
        "'Nhiệm vụ'){}{}; map other headers with --columns tt=HEADER,content=HEADER",
        path, first_rows.empty() ? "" : ". Read: ", [&] {
          std::string s;
          for (const auto& r : first_rows) s += (s.empty() ? "" : "; ") + r;
          return s;
        }()));
  }
  return table;
}

}  // namespace logiplan::tasks
