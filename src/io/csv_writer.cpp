#include "io/csv_writer.hpp"

namespace coverplan::io {

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

CsvWriter::CsvWriter(std::ostream& out, bool bom) : m_out(out) {
    if (bom) m_out << "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) m_out << ',';
        m_out << csv_cell(cells[i]);
    }
    m_out << "\r\n";
}

}  // namespace coverplan::io
