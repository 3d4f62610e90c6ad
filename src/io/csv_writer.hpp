#pragma once
// RFC 4180 CSV in UTF-8 with a byte-order mark, so that Excel shows Chinese text correctly.
#include <ostream>
#include <string>
#include <vector>

namespace coverplan::io {

class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out, bool bom = true);
    void row(const std::vector<std::string>& cells);

private:
    std::ostream& m_out;
};

// One cell, quoted as RFC 4180 needs; text that a spreadsheet would run as a formula gets a
// leading apostrophe (numbers, "-12.5" included, are left as they are).
std::string csv_cell(const std::string& s);

}  // namespace coverplan::io
