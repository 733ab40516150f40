#pragma once
// Reading a plan's task table (CSV, XLSX, ODS, through GDAL) into rows with
// known columns. The header row is found by its Vietnamese (or English) names,
// wherever it sits below title rows; repeated headers (page breaks) are
// skipped; a row with an empty TT continues the row above (text wrapped over a
// page break in the source document).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace logiplan::tasks {

enum class Column { tt, content, lead, partners, timeline, product, authority, status };
inline constexpr std::array kColumns = {Column::tt,       Column::content, Column::lead,      Column::partners,
                                 Column::timeline, Column::product, Column::authority, Column::status};
std::string_view column_name(Column c);

struct TableRow {
  int row = 0;                           // 1-based row in the file (or sheet)
  std::map<Column, std::string> cells;   // trimmed; absent when empty
  std::string get(Column c) const;
};

struct TaskTable {
  std::string path;
  std::string layer;                     // sheet or CSV layer name
  int header_row = 0;
  std::map<Column, std::string> headers; // the header text found per column
  std::vector<TableRow> rows;
};

struct TableOptions {
  // "content=Công việc,lead=Đơn vị" (header text, diacritics optional) or
  // "content=#2" (column number, 1-based), overriding the recognised headers.
  std::optional<std::string> columns;
  std::optional<std::string> encoding;   // e.g. CP1258; default: the file must be UTF-8
  std::optional<std::string> sheet;      // sheet (layer) name; default: the first
};

// Throws DataError naming the file and row: no header, bad encoding, a
// continuation row with nothing above it.
TaskTable read_task_table(const std::string& path, const TableOptions& options = {});

}  // namespace logiplan::tasks
