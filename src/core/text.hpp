#pragma once
// Small text helpers shared by loaders and writers.
#include <map>
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
// A share as the pack prints every share: one decimal, kept when zero, no space ("50.9%", "62.0%").
std::string format_percent(double fraction);

// "2026-02-28" yes, "2026-02-30" and "2026-2-3" no: a real day of the Gregorian calendar, 1900–2199.
bool is_calendar_date(const std::string& text);

// Decodes the UTF-8 code point starting at byte i into cp; returns its length in bytes, or 0 when
// the bytes there are not valid UTF-8 (truncated, overlong, surrogate, beyond U+10FFFF).
std::size_t utf8_decode(std::string_view s, std::size_t i, char32_t& cp);
bool is_valid_utf8(std::string_view s);
// The text with every byte that is not part of valid UTF-8 written as \xNN, for messages.
std::string escape_invalid_utf8(std::string_view s);
// Text damaged by a wrong encoding on the way: invalid UTF-8, U+FFFD replacement characters, C1
// controls, or two Latin-1 letters/signs in a row (GBK bytes read as Latin-1). Accented letters
// one at a time, as in Catalan or French names, are not flagged.
bool looks_garbled(std::string_view s);

// Terminal columns taken by UTF-8 text: East Asian wide characters count two.
std::size_t display_width(std::string_view s);
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

// Up to `max` names joined with ", ", then "… (+N)" for the rest: lists in messages stay short.
std::string list_some(const std::vector<std::string>& names, std::size_t max);

// Text for XML and HTML content and attribute values: & < > " ' escaped, and the C0 controls
// XML cannot hold replaced by U+FFFD.
std::string xml_escape(std::string_view s);

// Text for a terminal: control characters (ESC sequences, C1), bidirectional overrides and bytes
// that are not UTF-8 written as \uXXXX / \xNN; newlines and tabs kept.
std::string terminal_safe(std::string_view s);

// Removes control characters and bidirectional overrides from text read from a layer (tabs and
// line breaks become spaces); returns how many there were.
std::size_t strip_controls(std::string& s);

std::string join(const std::vector<std::string>& items, std::string_view sep);

// What normalising codes changed, per character, for the note that says so.
struct CodeFolds {
    std::map<char32_t, std::size_t> removed;  // invisible characters stripped, by code point
    std::size_t folded = 0;                    // full-width letters, digits and signs made ASCII
    std::size_t codes = 0;                     // codes that changed
    bool empty() const { return codes == 0; }
};

// A code or id as it is compared (DESIGN §2): invisible characters (no-break, zero-width and
// ideographic spaces, BOMs, soft hyphens, direction marks) removed and full-width forms
// (４４５３, ＡＢ, －) folded to ASCII, as NFKC does for them. Counts what it did into `folds`.
std::string normalise_code(std::string_view code, CodeFolds* folds = nullptr);

// "U+00A0 no-break space", "U+0078 'x'": a character named for a message.
std::string describe_char(char32_t cp);
// The first character of `code` that is not an ASCII digit, described; "" when there is none.
std::string first_non_digit(std::string_view code);

}  // namespace coverplan
