// report.xlsx through libxlsxwriter: one worksheet per table of the report, numbers as numbers.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <stdexcept>

#include "core/error.hpp"
#include "core/text.hpp"
#include "report/document.hpp"

namespace coverplan::report {

namespace {

// Closes (and so frees) the workbook on every path; close() reports the write error.
class Workbook {
public:
    explicit Workbook(const std::filesystem::path& file) : m_file(file) {
        lxw_workbook_options options{};
        m_wb = workbook_new_opt(file.c_str(), &options);
        if (!m_wb) throw OutputError({file.string() + ": cannot create the spreadsheet", file.string() + "：无法创建电子表格"});
    }
    ~Workbook() {
        if (m_wb) workbook_close(m_wb);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    lxw_workbook* get() const { return m_wb; }
    void close() {
        const lxw_error err = workbook_close(m_wb);
        m_wb = nullptr;
        if (err != LXW_NO_ERROR)
            throw OutputError({m_file.string() + ": writing the spreadsheet failed: " + lxw_strerror(err),
                               m_file.string() + "：写入电子表格失败：" + lxw_strerror(err)});
    }

private:
    std::filesystem::path m_file;
    lxw_workbook* m_wb = nullptr;
};

// "$C$2:$C$9".
std::string absolute_range(lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2) {
    char a[32], b[32];
    lxw_rowcol_to_cell_abs(a, r1, c1, 1, 1);
    lxw_rowcol_to_cell_abs(b, r2, c2, 1, 1);
    return std::string(a) + ":" + b;
}

}  // namespace

std::string worksheet_name(std::string_view wanted, std::set<std::string>& used) {
    // Whole code points only, counted as Excel counts them (UTF-16 units: two beyond U+FFFF), so
    // that a cut never splits a character; bytes that are not UTF-8 become '_'.
    auto clip = [](std::string_view s, std::size_t units) {
        std::string out;
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size();) {
            char32_t cp = 0;
            const std::size_t len = utf8_decode(s, i, cp);
            const std::size_t w = len == 0 ? 1 : cp > 0xFFFF ? 2 : 1;
            if (n + w > units) break;
            n += w;
            if (len == 0 || cp < 0x20 || std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos) {
                out += '_';
                i += len == 0 ? 1 : len;
            } else {
                out.append(s.substr(i, len));
                i += len;
            }
        }
        // Excel refuses a name that starts or ends with an apostrophe, and an empty one.
        if (!out.empty() && out.front() == '\'') out.front() = '_';
        if (!out.empty() && out.back() == '\'') out.back() = '_';
        return out.empty() ? std::string("_") : out;
    };
    // Excel compares names without regard to case; "History" is reserved.
    auto taken = [&used](const std::string& name) {
        const std::string key = ascii_lower(name);
        return key == "history" || used.count(key) > 0;
    };
    std::string name = clip(wanted, 31);
    for (int n = 2; taken(name); ++n) {
        const std::string suffix = "_" + std::to_string(n);
        name = clip(wanted, 31 - suffix.size()) + suffix;
    }
    used.insert(ascii_lower(name));
    return name;
}

void write_xlsx(const std::filesystem::path& file, const Document& doc) {
    Workbook wb(file);
    // A fixed creation time (the report's date) keeps the file identical across runs of a day.
    lxw_doc_properties props{};
    std::tm tm{};
    std::string title = doc.title;
    props.title = title.data();
    if (sscanf(doc.date.c_str(), "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        props.created = timegm(&tm);
    }
    workbook_set_properties(wb.get(), &props);

    lxw_format* header = workbook_add_format(wb.get());
    format_set_bold(header);
    format_set_bg_color(header, 0xE8E8E8);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    std::map<std::pair<int, bool>, lxw_format*> decimal_formats;
    auto decimals_format = [&](int decimals, bool bold_total = false) {
        auto [it, fresh] = decimal_formats.emplace(std::make_pair(decimals, bold_total), nullptr);
        if (fresh) {
            it->second = workbook_add_format(wb.get());
            if (bold_total) format_set_bold(it->second);
            const std::string pattern = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
            format_set_num_format(it->second, pattern.c_str());
        }
        return it->second;
    };

    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    lxw_format* percent = workbook_add_format(wb.get());
    format_set_num_format(percent, "0.0%");
    lxw_format* bold_percent = workbook_add_format(wb.get());
    format_set_bold(bold_percent);
    format_set_num_format(bold_percent, "0.0%");
    lxw_format* title_format = workbook_add_format(wb.get());
    format_set_bold(title_format);
    format_set_font_size(title_format, 14);
    format_set_align(title_format, LXW_ALIGN_CENTER);
    lxw_format* cell_border = workbook_add_format(wb.get());
    format_set_border(cell_border, LXW_BORDER_THIN);
    lxw_format* percent_border = workbook_add_format(wb.get());
    format_set_border(percent_border, LXW_BORDER_THIN);
    format_set_num_format(percent_border, "0.0%");

    std::set<std::string> used;
    for (const Section& s : doc.sections) {
        for (const Table& t : s.tables) {
            const std::string name = worksheet_name(t.sheet, used);
            lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name.c_str());
            if (!ws) throw std::logic_error("worksheet name rejected: " + name);
            const std::size_t ncols = t.columns.size();
            const std::size_t totals = std::min(t.total_rows, t.rows.size());
            const std::size_t data_rows = t.rows.size() - totals;
            // A form has its title in row 1 and its header in row 2; every other sheet its header in row 1.
            const lxw_row_t head_row = t.form ? 1 : 0;
            if (t.form && ncols > 0) {
                worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(ncols - 1), t.title.c_str(), title_format);
                worksheet_set_row(ws, 0, 24, nullptr);
            }
            std::vector<double> width(ncols, 6);
            std::vector<bool> has_text(ncols, false);  // a data cell that is text ("<5"): its column's total stays a value
            for (std::size_t c = 0; c < ncols; ++c) {
                worksheet_write_string(ws, head_row, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), header);
                width[c] = std::max(width[c], std::min(static_cast<double>(display_width(t.columns[c].header)), 24.0));
                for (std::size_t r = 0; r < data_rows; ++r)
                    if (c < t.rows[r].size() && std::holds_alternative<std::string>(t.rows[r][c])) has_text[c] = true;
            }
            const lxw_row_t first_data = head_row + 1;
            const lxw_row_t last_data = static_cast<lxw_row_t>(head_row + data_rows);
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                const auto row = static_cast<lxw_row_t>(first_data + r);
                const bool total = r >= data_rows;
                const bool grand = r + 1 == t.rows.size() && total;
                for (std::size_t c = 0; c < ncols && c < t.rows[r].size(); ++c) {
                    const Cell& cell = t.rows[r][c];
                    const auto col = static_cast<lxw_col_t>(c);
                    const bool pct = t.columns[c].percent;
                    lxw_format* plain = t.form ? cell_border : total ? bold : nullptr;
                    lxw_format* pct_format = t.form ? percent_border : total ? bold_percent : percent;
                    if (const auto* text = std::get_if<std::string>(&cell)) {
                        worksheet_write_string(ws, row, col, text->c_str(), plain);
                        width[c] = std::max(width[c], std::min(static_cast<double>(display_width(*text)), 60.0));
                    } else if (const auto* i = std::get_if<long long>(&cell)) {
                        const double v = static_cast<double>(*i);
                        // A formula only where it gives our number: a total that also counts what
                        // no data row holds (beneficiaries of an unknown village) stays a value.
                        long long sum = 0;
                        for (std::size_t d = 0; total && d < data_rows; ++d) {  // totals only: data rows stay linear
                            const auto& cells = t.rows[d];
                            if (c >= cells.size() || !std::holds_alternative<long long>(cells[c])) continue;
                            if (!grand && (cells.empty() || t.rows[r].empty() || cells[0] != t.rows[r][0])) continue;
                            sum += std::get<long long>(cells[c]);
                        }
                        if (total && data_rows > 0 && !has_text[c] && !(t.form && c == 0) && sum == *i) {
                            // SUM over the data (SUMIF on the first column for a subtotal), our value cached.
                            std::string range = absolute_range(first_data, col, last_data, col);
                            std::string formula;
                            if (grand) {
                                formula = "=SUM(" + range + ")";
                            } else {
                                const std::string keys = absolute_range(first_data, 0, last_data, 0);
                                char key[32];
                                lxw_rowcol_to_cell(key, row, 0);
                                formula = "=SUMIF(" + keys + "," + key + "," + range + ")";
                            }
                            worksheet_write_formula_num(ws, row, col, formula.c_str(), plain, v);
                        } else {
                            worksheet_write_number(ws, row, col, v, plain);
                        }
                    } else if (const auto* d = std::get_if<double>(&cell)) {
                        // NaN is "no value" (a blank cell); an infinity is a bug upstream.
                        if (std::isinf(*d)) throw std::logic_error("report.xlsx: an infinite number in table " + t.title);
                        if (std::isnan(*d)) {
                            if (t.form) worksheet_write_blank(ws, row, col, cell_border);
                        } else if (pct) {
                            worksheet_write_number(ws, row, col, *d / 100, pct_format);
                        } else {
                            worksheet_write_number(ws, row, col, *d, decimals_format(t.columns[c].decimals, total));
                        }
                    } else if (t.form) {
                        worksheet_write_blank(ws, row, col, cell_border);
                    }
                }
            }
            for (std::size_t c = 0; c < width.size(); ++c)
                worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width[c] + 1.5, nullptr);
            // Notes stay in the Markdown and HTML: a sheet holds only its table, so that filters,
            // pivot tables and GDAL read it as one.
            if (ncols > 0 && data_rows > 0 && !t.form)
                worksheet_autofilter(ws, head_row, 0, last_data, static_cast<lxw_col_t>(ncols - 1));
            worksheet_freeze_panes(ws, head_row + 1, 0);
            if (t.form) {
                const auto below = static_cast<lxw_row_t>(first_data + t.rows.size() + 1);
                for (std::size_t k = 0; k < t.signoff.size(); ++k) {
                    const auto row = static_cast<lxw_row_t>(below + k / 2 * 2);
                    const auto col = static_cast<lxw_col_t>(k % 2 == 0 ? 0 : std::max<std::size_t>(ncols / 2, 2));
                    const std::string line = t.signoff[k].first + (doc.chinese ? "：" : ": ") +
                                             (t.signoff[k].second.empty() ? std::string("＿＿＿＿＿＿＿＿") : t.signoff[k].second);
                    worksheet_write_string(ws, row, col, line.c_str(), nullptr);
                }
                worksheet_set_landscape(ws);
                worksheet_set_paper(ws, 9);  // A4
                worksheet_fit_to_pages(ws, 1, 0);
                worksheet_repeat_rows(ws, head_row, head_row);
                worksheet_center_horizontally(ws);
                worksheet_print_area(ws, 0, 0, static_cast<lxw_row_t>(below + t.signoff.size() + 1), static_cast<lxw_col_t>(ncols - 1));
            }
        }
    }
    wb.close();
}

}  // namespace coverplan::report
