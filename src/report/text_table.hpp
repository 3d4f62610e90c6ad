#pragma once
// Plain-text tables for the terminal, aligned for Chinese text (wide characters count two).
#include <string>
#include <vector>

namespace coverplan::report {

// a followed by b: a table row from its label cells and its figures.
std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b);

class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) : m_header(std::move(header)) {}
    void row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
    void rule() { m_rows.emplace_back(); }  // a separator line
    // Columns from `first_numeric` on are right-aligned.
    std::string render(std::size_t first_numeric) const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

}  // namespace coverplan::report
