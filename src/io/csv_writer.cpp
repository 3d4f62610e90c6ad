#include "io/csv_writer.hpp"

#include <cmath>
#include <cstdlib>

namespace coverplan::io {

namespace {
// A cell Excel, LibreOffice or WPS would read as a formula (OWASP's CSV injection list, and the
// full-width signs a Chinese input method types): = + - @ tab CR, ＝ ＋ － ＠.
bool starts_formula(const std::string& s) {
    if (s.empty()) return false;
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') return true;
    for (const char* wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"})
        if (s.rfind(wide, 0) == 0) return true;
    return false;
}

// "-12.5" and "+3" are numbers and stay so.
bool is_number(const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    return end != s.c_str() && *end == '\0' && std::isfinite(v) && s.find_first_of("xXpPnN") == std::string::npos;
}
}  // namespace

std::string csv_cell(const std::string& text) {
    // Neutralised as OWASP recommends: a leading apostrophe makes the cell text.
    const std::string s = starts_formula(text) && !is_number(text) ? "'" + text : text;
    if (s.find_first_of(",\"\r\n\t") == std::string::npos) return s;
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
