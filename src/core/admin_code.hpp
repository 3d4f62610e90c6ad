#pragma once
// National statistical division codes (统计用区划代码): 6 digits county, 3 township, 3 village.
// Codes stay strings: leading digits matter and they are identifiers, not numbers.
#include <optional>
#include <string>
#include <string_view>

namespace coverplan {

bool is_digits(std::string_view s);

// A township code is 9 digits; the 12-digit form with a trailing "000" is accepted too.
std::optional<std::string> normalise_township_code(std::string_view code);
bool is_village_code(std::string_view code);  // exactly 12 digits, last 3 not "000"

std::string county_of(std::string_view township_or_village_code);   // first 6 digits
std::string township_of(std::string_view village_code);             // first 9 digits

}  // namespace coverplan
