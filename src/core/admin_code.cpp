#include "core/admin_code.hpp"

#include <algorithm>

namespace coverplan {

bool is_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> normalise_township_code(std::string_view code) {
    if (!is_digits(code)) return std::nullopt;
    if (code.size() == 9) return std::string(code);
    if (code.size() == 12 && code.substr(9) == "000") return std::string(code.substr(0, 9));
    return std::nullopt;
}

bool is_village_code(std::string_view code) {
    return code.size() == 12 && is_digits(code) && code.substr(9) != "000";
}

std::string county_of(std::string_view code) { return std::string(code.substr(0, std::min<std::size_t>(6, code.size()))); }

std::string township_of(std::string_view code) { return std::string(code.substr(0, std::min<std::size_t>(9, code.size()))); }

}  // namespace coverplan
