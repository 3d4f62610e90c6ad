// The report as Markdown and as one self-contained HTML page (printable on A4).
#include <algorithm>
#include <string_view>

#include "core/text.hpp"
#include "report/chart.hpp"
#include "report/document.hpp"

namespace coverplan::report {

std::string cell_text(const Cell& c, int decimals) {
    if (const auto* s = std::get_if<std::string>(&c)) return *s;
    if (const auto* i = std::get_if<long long>(&c)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&c)) {
        // Fixed decimals: a column reads alike row by row ("68.0" beside "60.9", not "68").
        std::string s = format_decimal(*d, decimals);
        if (s.empty() || decimals <= 0) return s;
        const auto dot = s.find('.');
        const std::size_t have = dot == std::string::npos ? 0 : s.size() - dot - 1;
        if (dot == std::string::npos) s += '.';
        return s + std::string(static_cast<std::size_t>(decimals) - std::min<std::size_t>(have, static_cast<std::size_t>(decimals)), '0');
    }
    return "";
}

std::string sheet_pointer(const Table& t, bool chinese) {
    const std::string rows = std::to_string(t.rows.size() - std::min(t.rows.size(), t.total_rows));
    std::string s = chinese ? "明细 " + rows + " 行，见 report.xlsx 工作表“" + t.sheet + "”。"
                            : rows + " rows: see the sheet \"" + t.sheet + "\" of report.xlsx.";
    if (!t.note.empty()) s += (chinese ? "" : " ") + t.note;  // the table's note still applies to its rows
    return s;
}

namespace {

bool numeric(const Cell& c) { return std::holds_alternative<long long>(c) || std::holds_alternative<double>(c); }

std::string figure_text(const Figure& f) {
    std::string s = cell_text(f.value, f.decimals);
    if (!f.unit.empty()) s += " " + f.unit;
    return s;
}

// Markdown renderers pass HTML through and make links of [text](url): a name must stay text.
std::string md_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') {
            out += ' ';
            continue;
        }
        // CommonMark's backslash escapes: "\<img …>" is shown as text, not taken as HTML.
        if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '#' || c == '!' || c == '<' ||
            c == '>' || c == '&')
            out += '\\';
        out += c;
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
        out += k_alphabet[(v >> 18) & 63];
        out += k_alphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? k_alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? k_alphabet[v & 63] : '=';
    }
    return out;
}

constexpr double k_chart_width_pt = 480;

constexpr std::string_view k_css = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 62em;
       color: #222; line-height: 1.5; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #444; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.88em; }
th, td { border: 1px solid #999; padding: 0.15em 0.45em; vertical-align: top; }
th { background: #e8e8e8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12em, 1fr)); gap: 0.5em; }
.figure { border: 1px solid #bbb; padding: 0.4em 0.6em; }
.figure .v { font-size: 1.45em; font-weight: bold; }
.figure .l { color: #444; font-size: 0.9em; }
.note { color: #555; font-size: 0.85em; }
table.signoff { border: none; margin-top: 1.5em; }
table.signoff th { background: none; border: none; text-align: left; font-weight: normal; padding-right: 1em; }
table.signoff td { border: none; border-bottom: 1px solid #333; min-width: 14em; }
img { max-width: 100%; border: 1px solid #ccc; }
figure.chart img { border: none; width: 40em; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section + section { page-break-before: always; }
  section.flow { page-break-before: auto; }
  th, td { word-break: keep-all; overflow-wrap: anywhere; }
  td.n { white-space: nowrap; }  /* as in report.pdf: numbers never break */
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
}
)";

}  // namespace

void write_markdown(std::ostream& out, const Document& doc) {
    out << "# " << md_escape(doc.title) << "\n\n";
    if (!doc.subtitle.empty()) out << md_escape(doc.subtitle) << "\n\n";
    for (const Section& s : doc.sections) {
        out << "## " << md_escape(s.title) << "\n\n";
        if (!s.figures.empty()) {
            for (const Figure& f : s.figures) out << "- " << md_escape(f.label) << (doc.chinese ? "：" : ": ") << figure_text(f) << "\n";
            out << "\n";
        }
        for (const std::string& p : s.paragraphs) out << md_escape(p) << "\n\n";
        if (!s.bullets.empty()) {
            for (const std::string& b : s.bullets) out << "- " << md_escape(b) << "\n";
            out << "\n";
        }
        for (const auto& [label, value] : s.signoff)
            out << md_escape(label) << (doc.chinese ? "：" : ": ") << (value.empty() ? "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" : md_escape(value)) << "  \n";
        if (!s.signoff.empty()) out << "\n";
        for (const Table& t : s.tables) {
            if (t.form) continue;  // the spreadsheet's print form repeats a table above
            out << "### " << md_escape(t.title) << "\n\n";
            if (t.rows.empty()) {
                out << (doc.chinese ? "（无）" : "(none)") << "\n\n";
                continue;
            }
            if (t.sheet_only) {
                out << md_escape(sheet_pointer(t, doc.chinese)) << "\n\n";
                continue;
            }
            out << "|";
            for (const Column& c : t.columns) out << " " << md_escape(c.header) << " |";
            out << "\n|";
            for (std::size_t i = 0; i < t.columns.size(); ++i) out << (t.rows.front().size() > i && numeric(t.rows.front()[i]) ? "---:|" : "---|");
            out << "\n";
            for (const auto& row : t.rows) {
                out << "|";
                for (std::size_t i = 0; i < t.columns.size(); ++i)
                    out << " " << (i < row.size() ? md_escape(cell_text(row[i], t.columns[i].decimals)) : "") << " |";
                out << "\n";
            }
            out << "\n";
            if (!t.note.empty()) out << md_escape(t.note) << "\n\n";
        }
        for (const Image& img : s.images) out << "![" << md_escape(img.caption) << "](" << img.path << ")\n\n";
    }
}

void write_html(std::ostream& out, const Document& doc) {
    out << "<!DOCTYPE html>\n<html lang=\"" << (doc.chinese ? "zh-CN" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << xml_escape(doc.title)
        << "</title>\n<style>" << k_css << "</style>\n</head>\n<body>\n<header><h1>" << xml_escape(doc.title) << "</h1>\n";
    if (!doc.subtitle.empty()) out << "<p class=\"subtitle\">" << xml_escape(doc.subtitle) << "</p>\n";
    out << "</header>\n";
    for (const Section& s : doc.sections) {
        out << "<section id=\"" << s.id << "\"" << (s.new_page ? "" : " class=\"flow\"") << ">\n<h2>" << xml_escape(s.title) << "</h2>\n";
        if (!s.figures.empty()) {
            out << "<div class=\"figures\">\n";
            for (const Figure& f : s.figures)
                out << "<div class=\"figure\"><div class=\"v\">" << xml_escape(figure_text(f)) << "</div><div class=\"l\">"
                    << xml_escape(f.label) << "</div></div>\n";
            out << "</div>\n";
        }
        for (const std::string& p : s.paragraphs) out << "<p>" << xml_escape(p) << "</p>\n";
        if (!s.bullets.empty()) {
            out << "<ul>\n";
            for (const std::string& b : s.bullets) out << "<li>" << xml_escape(b) << "</li>\n";
            out << "</ul>\n";
        }
        if (!s.signoff.empty()) {
            out << "<table class=\"signoff\">\n";
            for (const auto& [label, value] : s.signoff)
                out << "<tr><th>" << xml_escape(label) << "</th><td>" << xml_escape(value) << "</td></tr>\n";
            out << "</table>\n";
        }
        for (const Chart& c : s.charts)
            out << "<figure class=\"chart\"><img alt=\"" << xml_escape(c.title) << "\" src=\"data:image/svg+xml;base64,"
                << base64(chart_svg(c, k_chart_width_pt)) << "\"></figure>\n";
        for (const Table& t : s.tables) {
            if (t.form) continue;
            out << "<h3>" << xml_escape(t.title) << "</h3>\n";
            if (t.rows.empty()) {
                out << "<p class=\"note\">" << (doc.chinese ? "（无）" : "(none)") << "</p>\n";
                continue;
            }
            if (t.sheet_only) {
                out << "<p class=\"note\">" << xml_escape(sheet_pointer(t, doc.chinese)) << "</p>\n";
                continue;
            }
            out << "<table>\n<thead><tr>";
            for (const Column& c : t.columns) out << "<th>" << xml_escape(c.header) << "</th>";
            out << "</tr></thead>\n<tbody>\n";
            for (const auto& row : t.rows) {
                out << "<tr>";
                for (std::size_t i = 0; i < t.columns.size(); ++i) {
                    const Cell& c = i < row.size() ? row[i] : Cell{};
                    out << (numeric(c) ? "<td class=\"n\">" : "<td>") << xml_escape(cell_text(c, t.columns[i].decimals)) << "</td>";
                }
                out << "</tr>\n";
            }
            out << "</tbody>\n</table>\n";
            if (!t.note.empty()) out << "<p class=\"note\">" << xml_escape(t.note) << "</p>\n";
        }
        for (const Image& img : s.images)
            out << "<figure><img alt=\"" << xml_escape(img.caption) << "\" src=\"data:image/png;base64," << base64(img.png)
                << "\"><figcaption class=\"note\">" << xml_escape(img.caption) << "</figcaption></figure>\n";
        out << "</section>\n";
    }
    out << "</body>\n</html>\n";
}

}  // namespace coverplan::report
