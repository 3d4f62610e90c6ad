// report.xlsx through libxlsxwriter: one worksheet per table of the report, numbers as numbers.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
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

// A valid, unique worksheet name: ≤ 31 characters, none of []:*?/\ .
std::string sheet_name(std::string name, std::map<std::string, int>& used) {
    for (char& c : name)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    if (name.size() > 31) name.resize(31);  // all our names are short ASCII or a few CJK words
    if (int n = used[name]++; n > 0) name = name.substr(0, 28) + "_" + std::to_string(n + 1);
    return name;
}

}  // namespace

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
    std::map<int, lxw_format*> decimal_formats;
    auto decimals_format = [&](int decimals) {
        auto [it, fresh] = decimal_formats.emplace(decimals, nullptr);
        if (fresh) {
            it->second = workbook_add_format(wb.get());
            const std::string pattern = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
            format_set_num_format(it->second, pattern.c_str());
        }
        return it->second;
    };

    std::map<std::string, int> used;
    for (const Section& s : doc.sections) {
        for (const Table& t : s.tables) {
            const std::string name = sheet_name(t.sheet, used);
            lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name.c_str());
            if (!ws) throw std::logic_error("worksheet name rejected: " + name);
            std::vector<double> width(t.columns.size(), 6);
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), header);
                width[c] = std::max(width[c], std::min(static_cast<double>(display_width(t.columns[c].header)), 24.0));
            }
            for (std::size_t r = 0; r < t.rows.size(); ++r) {
                const auto row = static_cast<lxw_row_t>(r + 1);
                for (std::size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) {
                    const Cell& cell = t.rows[r][c];
                    const auto col = static_cast<lxw_col_t>(c);
                    if (const auto* text = std::get_if<std::string>(&cell)) {
                        worksheet_write_string(ws, row, col, text->c_str(), nullptr);
                        width[c] = std::max(width[c], std::min(static_cast<double>(display_width(*text)), 60.0));
                    } else if (const auto* i = std::get_if<long long>(&cell)) {
                        worksheet_write_number(ws, row, col, static_cast<double>(*i), nullptr);
                    } else if (const auto* d = std::get_if<double>(&cell)) {
                        // NaN is "no value" (a blank cell); an infinity is a bug upstream.
                        if (std::isinf(*d)) throw std::logic_error("report.xlsx: an infinite number in table " + t.title);
                        if (!std::isnan(*d)) worksheet_write_number(ws, row, col, *d, decimals_format(t.columns[c].decimals));
                    }
                }
            }
            for (std::size_t c = 0; c < width.size(); ++c)
                worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width[c] + 1.5, nullptr);
            // Notes stay in the Markdown and HTML: a sheet holds only its table, so that filters,
            // pivot tables and GDAL read it as one.
            worksheet_freeze_panes(ws, 1, 0);
        }
    }
    wb.close();
}

}  // namespace coverplan::report
