#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>

#include "core/calendar.hpp"

namespace coverplan {

std::string trim(std::string_view s) {
    const char* ws = " \t\r\n";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(ws);
    return std::string(s.substr(b, e - b + 1));
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string> split_list(std::string_view s) {
    static const std::string_view wide[] = {"，", "；", "、", "　"};
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == ',' || c == ';' || c == '|' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            flush();
            ++i;
            continue;
        }
        bool matched = false;
        for (auto w : wide) {
            if (s.substr(i, w.size()) == w) {
                flush();
                i += w.size();
                matched = true;
                break;
            }
        }
        if (!matched) cur += s[i++];
    }
    flush();
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(ascii_lower(word), ascii_lower(c));
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

std::string format_decimal(double value, int decimals) {
    if (!std::isfinite(value)) return "";
    const double scale = std::pow(10.0, decimals);
    // Beyond 1e300 the scaled value would overflow to inf (and print as "inf"); such a number
    // has no decimals to round anyway.
    double rounded = std::isfinite(value * scale) ? std::round(value * scale) / scale : value;
    if (rounded == 0) rounded = 0;  // no "-0"
    // Fixed notation of the largest doubles takes 309 digits (a 64-byte buffer gave garbage).
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, std::min(decimals, 60));
    if (res.ec != std::errc()) res = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::general);
    std::string s(buf, res.ptr);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // C0 controls other than tab and newlines are not allowed in XML 1.0 at all.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    return out;
}

namespace {
bool is_control(char32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }
// Bidirectional overrides and isolates reorder what a terminal or a cell shows (U+202A–202E,
// U+2066–2069): a name must not rewrite the text around it.
bool is_bidi_control(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }
}  // namespace

std::string terminal_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_decode(s, i, cp);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
            continue;
        }
        if ((is_control(cp) && cp != '\n' && cp != '\t') || is_bidi_control(cp)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::size_t strip_controls(std::string& s) {
    std::string out;
    out.reserve(s.size());
    std::size_t removed = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_decode(s, i, cp);
        if (n == 0) {  // callers check UTF-8 first; keep the byte for their message
            out += s[i++];
            continue;
        }
        if (is_control(cp) || is_bidi_control(cp)) {
            ++removed;
            if (cp == '\t' || cp == '\n' || cp == '\r') out += ' ';
        } else {
            out.append(s, i, n);
        }
        i += n;
    }
    s = std::move(out);
    return removed;
}

std::size_t utf8_decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = byte(0);
    std::size_t len = 0;
    char32_t min = 0;
    if (c < 0x80) { cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1Fu; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0Fu; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07u; min = 0x10000; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xC0u) != 0x80u) return 0;
        cp = (cp << 6) | (byte(k) & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    return len;
}

bool is_valid_utf8(std::string_view s) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_decode(s, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string escape_invalid_utf8(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_decode(s, i, cp);
        if (len > 0) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            const auto c = static_cast<unsigned char>(s[i++]);
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

bool looks_garbled(std::string_view s) {
    char32_t cp = 0;
    bool previous_high = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_decode(s, i, cp);
        if (len == 0) return true;
        i += len;
        // U+FFFD: an earlier conversion lost characters. C1 controls: bytes that were never text.
        if (cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F)) return true;
        // GBK read as Latin-1 gives runs of U+00A0–U+00FF ("Áù¶¼´å" for 六都村: every GBK
        // character is two such bytes); a single accented letter ("Sant Julià") is a real name.
        const bool high = cp >= 0xA0 && cp <= 0xFF;
        if (high && previous_high) return true;
        previous_high = high;
    }
    return false;
}

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_decode(s, i, cp);
        i += len ? len : 1;
        if (!len) cp = 0xFFFD;  // one column per invalid byte
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                          (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

std::string pad_right(std::string_view s, std::size_t width) {
    const std::size_t w = display_width(s);
    return std::string(s) + std::string(w < width ? width - w : 0, ' ');
}

std::string pad_left(std::string_view s, std::size_t width) {
    const std::size_t w = display_width(s);
    return std::string(w < width ? width - w : 0, ' ') + std::string(s);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i];
    }
    return out;
}

std::string list_some(const std::vector<std::string>& names, std::size_t max) {
    const std::vector<std::string> shown(names.begin(), names.begin() + static_cast<long>(std::min(max, names.size())));
    return join(shown, ", ") + (names.size() > max ? ", … (+" + std::to_string(names.size() - max) + ")" : "");
}

}  // namespace coverplan

namespace coverplan {

namespace {
bool invisible(char32_t cp) {
    return cp == 0x00A0 || cp == 0x00AD || (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF || cp == 0x180E;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
}  // namespace

std::string normalise_code(std::string_view code, CodeFolds* folds) {
    std::string out;
    out.reserve(code.size());
    bool changed = false;
    for (std::size_t i = 0; i < code.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_decode(code, i, cp);
        if (n == 0) {  // not UTF-8: left for the caller's message
            out += code[i++];
            continue;
        }
        i += n;
        if (invisible(cp)) {
            changed = true;
            if (folds) ++folds->removed[cp];
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII
            changed = true;
            if (folds) ++folds->folded;
            out += static_cast<char>(cp - 0xFEE0);
        } else {
            append_utf8(out, cp);
        }
    }
    out = trim(out);
    if (changed && folds) ++folds->codes;
    return out;
}

std::string describe_char(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string name;
    switch (cp) {
        case 0x00A0: name = "no-break space"; break;
        case 0x00AD: name = "soft hyphen"; break;
        case 0x200B: name = "zero-width space"; break;
        case 0x200C: name = "zero-width non-joiner"; break;
        case 0x200D: name = "zero-width joiner"; break;
        case 0x200E: name = "left-to-right mark"; break;
        case 0x200F: name = "right-to-left mark"; break;
        case 0x202F: name = "narrow no-break space"; break;
        case 0x2060: name = "word joiner"; break;
        case 0x3000: name = "ideographic space"; break;
        case 0xFEFF: name = "byte-order mark"; break;
        case 0x20: name = "space"; break;
        default:
            if (cp > 0x20 && cp < 0x7F) name = std::string("'") + static_cast<char>(cp) + "'";
            else if (cp >= 0x2000 && cp <= 0x200A) name = "space";
            else if (cp >= 0x80 && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF) {
                std::string c;
                append_utf8(c, cp);
                name = "'" + c + "'";
            }
    }
    return name.empty() ? std::string(buf) : std::string(buf) + " " + name;
}

std::string first_non_digit(std::string_view code) {
    for (std::size_t i = 0; i < code.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_decode(code, i, cp);
        if (n == 0) return "a byte that is not UTF-8";
        if (cp < '0' || cp > '9') return describe_char(cp);
        i += n;
    }
    return "";
}

std::string format_percent(double fraction) {
    if (!std::isfinite(fraction)) return "";
    std::string s = format_decimal(100 * fraction, 1);
    if (s.find('.') == std::string::npos) s += ".0";
    return s + "%";
}

bool is_calendar_date(const std::string& s) { return s.size() == 10 && s[4] == '-' && parse_date(s).has_value(); }

}  // namespace coverplan
