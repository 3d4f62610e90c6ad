#pragma once
// Small text helpers shared by loaders and writers.
#include <string>
#include <string_view>
#include <vector>

namespace coverplan {

std::string trim(std::string_view s);
std::string ascii_lower(std::string_view s);

// Splits a list written by hand in a spreadsheet cell: separators , ; | whitespace and their
// full-width forms ，；、. Empty items are skipped.
std::vector<std::string> split_list(std::string_view s);

std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a small edit distance, or "" when nothing is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Shortest round-trip decimal text for a double with at most `decimals` decimals,
// e.g. 3 -> "3", 2.50 -> "2.5". Locale-independent.
std::string format_decimal(double value, int decimals);

// Terminal columns taken by UTF-8 text: East Asian wide characters count two.
std::size_t display_width(std::string_view s);
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

// Up to `max` names joined with ", ", then "… (+N)" for the rest: lists in messages stay short.
std::string list_some(const std::vector<std::string>& names, std::size_t max);

// Text for XML and HTML content and attribute values: & < > " escaped.
std::string xml_escape(std::string_view s);

std::string join(const std::vector<std::string>& items, std::string_view sep);

}  // namespace coverplan
