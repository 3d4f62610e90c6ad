#include "core/calendar.hpp"

#include <cstdio>
#include <ctime>

namespace coverplan {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
bool digits(const std::string& s, std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
}
int number(const std::string& s, std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}
constexpr int k_first_year = 1900, k_last_year = 2199;
}  // namespace

int days_in_month(int year, int month) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return k_days[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms).
int days_from_civil(CivilDate d) {
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = (d.month + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + d.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

int weekday(int days) {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const int w = (days + 3) % 7;
    return w < 0 ? w + 7 : w;
}

std::optional<int> parse_date(const std::string& s) {
    if (s.size() < 10 || !digits(s, 0, 4) || !digits(s, 5, 2) || !digits(s, 8, 2)) return std::nullopt;
    const char sep = s[4];
    if ((sep != '-' && sep != '/') || s[7] != sep) return std::nullopt;
    if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
    const CivilDate d{number(s, 0, 4), number(s, 5, 2), number(s, 8, 2)};
    if (d.year < k_first_year || d.year > k_last_year || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > days_in_month(d.year, d.month))
        return std::nullopt;
    return days_from_civil(d);
}

std::string format_date(int days) {
    const CivilDate d = civil_from_days(days);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

int month_index(int days) {
    const CivilDate d = civil_from_days(days);
    return d.year * 12 + d.month - 1;
}

std::optional<int> parse_month(const std::string& s) {
    if (s.size() != 7 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2)) return std::nullopt;
    const int y = number(s, 0, 4), m = number(s, 5, 2);
    if (y < k_first_year || y > k_last_year || m < 1 || m > 12) return std::nullopt;
    return y * 12 + m - 1;
}

std::string format_month(int mi) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", mi / 12, mi % 12 + 1);
    return buf;
}

int first_day_of_month(int mi) { return days_from_civil({mi / 12, mi % 12 + 1, 1}); }

std::optional<int> parse_clock(const std::string& s) {
    const std::size_t colon = s.find(':');
    if (colon != 1 && colon != 2) return std::nullopt;
    if (s.size() != colon + 3) return std::nullopt;
    int h = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        h = h * 10 + (s[i] - '0');
    }
    if (s[colon + 1] < '0' || s[colon + 1] > '9' || s[colon + 2] < '0' || s[colon + 2] > '9') return std::nullopt;
    const int m = (s[colon + 1] - '0') * 10 + (s[colon + 2] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

namespace {
std::string trimmed(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && s[a] == ' ') ++a;
    while (b > a && s[b - 1] == ' ') --b;
    return s.substr(a, b - a);
}
bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
}  // namespace

std::optional<TimeWindow> parse_time_window(const std::string& text) {
    const std::string s = trimmed(text);
    TimeWindow w;
    // "16:00后", "16:00以后"; "11:30前", "11:30以前".
    for (const char* tail : {"以后", "后"})
        if (ends_with(s, tail)) {
            const auto from = parse_clock(trimmed(s.substr(0, s.size() - std::string(tail).size())));
            if (!from) return std::nullopt;
            w.from = *from;
            return w;
        }
    for (const char* tail : {"以前", "前"})
        if (ends_with(s, tail)) {
            const auto to = parse_clock(trimmed(s.substr(0, s.size() - std::string(tail).size())));
            if (!to || *to == 0) return std::nullopt;
            w.to = *to;
            return w;
        }
    for (const char* dash : {"至", "～", "—", "–", "~", "-"}) {
        const std::size_t at = s.find(dash);
        if (at == std::string::npos) continue;
        const std::string a = trimmed(s.substr(0, at)), b = trimmed(s.substr(at + std::string(dash).size()));
        if (a.empty() && b.empty()) return std::nullopt;
        if (!a.empty()) {
            const auto from = parse_clock(a);
            if (!from) return std::nullopt;
            w.from = *from;
        }
        if (!b.empty()) {
            const auto to = parse_clock(b);
            if (!to) return std::nullopt;
            w.to = *to;
        }
        if (w.from >= w.to) return std::nullopt;
        return w;
    }
    return std::nullopt;
}

int today_days() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return days_from_civil({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

}  // namespace coverplan
