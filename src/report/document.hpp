#pragma once
// One model of the briefing's content (DESIGN §11), written as Markdown, HTML, PDF and XLSX by
// separate writers, so the three forms can never disagree.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace coverplan::report {

namespace map {
class Canvas;
}

// Empty, text, a whole number or a decimal; numbers stay numbers in the spreadsheet.
using Cell = std::variant<std::monostate, std::string, long long, double>;

struct Column {
    std::string header;
    int decimals = 0;      // for decimal cells
    bool percent = false;  // decimal cells are shares on 0–100 (the spreadsheet stores 0–1 with a % format)
};

struct Table {
    Table() = default;
    Table(std::string sheet_, std::string title_) : sheet(std::move(sheet_)), title(std::move(title_)) {}
    std::string sheet;  // worksheet name (≤ 31 characters), also the CSV-like id
    std::string title;
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::string note;   // shown under the table
    // Trailing rows that total the others: the last sums every data row, those before it
    // (subtotals) the data rows with the same first cell. The spreadsheet writes them below the
    // data, bold, whole-number columns as SUM / SUMIF formulas, outside the autofilter.
    std::size_t total_rows = 0;
    // A print-ready form for the spreadsheet only (一览表): title row above the header, sign-off
    // lines below, landscape, one page wide, header repeated on each printed page.
    bool form = false;
    std::vector<std::pair<std::string, std::string>> signoff;
    // Detail a reader of the documents does not read through (a province's rows per township or
    // village): a sheet of the spreadsheet, and in the documents only its title and where it is.
    bool sheet_only = false;
};

// Where a sheet-only table is, and the table's note: "明细 1757 行，见 report.xlsx 工作表“进度”。…".
std::string sheet_pointer(const Table& t, bool chinese);

struct Figure {
    Figure(std::string label_, Cell value_, int decimals_ = 0, std::string unit_ = "")
        : label(std::move(label_)), value(std::move(value_)), decimals(decimals_), unit(std::move(unit_)) {}
    std::string label;
    Cell value;
    int decimals = 0;
    std::string unit;
};

// A bar chart (report/chart.hpp): one group of bars per category, one bar per series.
struct Chart {
    std::string title;
    std::vector<std::string> categories;
    struct Series {
        std::string name;
        std::vector<double> values;  // per category; NaN = no bar
    };
    std::vector<Series> series;      // at most three tones
    std::string unit;                // after each value ("%", "")
    int decimals = 0;
    double max = 0;                  // the axis end; 0 = a round number above the largest value
};

// A drawing the PDF renders as vectors: a sheet of `width` × `height` points whose outer
// `margin` is left out when placed; its smallest text is `min_text_pt`.
struct Vector {
    std::function<void(map::Canvas&)> draw;
    double width = 0, height = 0, margin = 0;
    double min_text_pt = 0;
    // The same drawing laid out anew on a compact sheet of width × height points (same margin),
    // when it can be (a township map beside its text on one page of report.pdf).
    std::function<void(map::Canvas&, double width, double height)> fit;
};

struct Image {
    std::string caption;
    std::string png;  // the PNG file's bytes, embedded in the HTML
    std::string path; // relative to the report, linked from Markdown
    Vector vector;    // the same drawing for report.pdf, when there is one (maps)
};

struct Section {
    Section() = default;
    Section(std::string id_, std::string title_) : id(std::move(id_)), title(std::move(title_)) {}
    std::string id;
    std::string title;
    std::vector<Figure> figures;
    std::vector<std::string> paragraphs;
    std::vector<std::string> bullets;
    std::vector<Chart> charts;  // before the tables
    std::vector<Table> tables;
    std::vector<Image> images;
    // Label and value lines to sign on (编制单位：……); an empty value is printed as a blank line.
    std::vector<std::pair<std::string, std::string>> signoff;
    bool new_page = true;  // printed from the top of a page (HTML print, PDF)
};

struct Document {
    bool chinese = true;
    std::string title;
    std::string subtitle;
    std::string date;  // YYYY-MM-DD
    std::vector<Section> sections;
};

// A cell as text: decimals fixed (trailing zeros kept), thousands not grouped, empty for no value.
std::string cell_text(const Cell& c, int decimals);

void write_markdown(std::ostream& out, const Document& doc);
void write_html(std::ostream& out, const Document& doc);
// Every table of the document as one worksheet, headers bold and frozen, numbers as numbers.
void write_xlsx(const std::filesystem::path& file, const Document& doc);
// The worksheet name Excel accepts for `wanted`: at most 31 characters cut at a whole character,
// none of []:*?/\ or controls, no apostrophe at either end, not "History", and unique without
// regard to case among `used` (lowercased names, updated) by a suffix _2, _3 ….
std::string worksheet_name(std::string_view wanted, std::set<std::string>& used);
// A4 pages rendered with Cairo and Pango (fonts embedded): the first section, then a contents
// page, then the rest; header and footer with "第 x 页 / 共 y 页"; wide tables and landscape
// images on landscape pages; tables break across pages with their header repeated.
void write_pdf(std::ostream& out, const Document& doc);

}  // namespace coverplan::report
