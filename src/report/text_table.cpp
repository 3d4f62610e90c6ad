#include "report/text_table.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace coverplan::report {

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::string TextTable::render(std::size_t first_numeric) const {
    std::vector<std::size_t> width(m_header.size(), 0);
    auto measure = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(cells[i]));
    };
    measure(m_header);
    for (const auto& r : m_rows) measure(r);
    std::size_t total = 0;
    for (std::size_t w : width) total += w + 2;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = " ";
        for (std::size_t i = 0; i < width.size(); ++i) {
            const std::string cell = i < cells.size() ? cells[i] : "";
            out += i >= first_numeric ? pad_left(cell, width[i]) : pad_right(cell, width[i]);
            out += "  ";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(m_header);
    const std::string sep = " " + std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    out += sep;
    for (const auto& r : m_rows) out += r.empty() ? sep : line(r);
    return out;
}

}  // namespace coverplan::report
